import { HOTFIX_ANCHORS, RELEASE_ANCHORS } from '../domain/config.js';
import { HOTFIX_NOTICE_VALUES, RELEASE_NOTICE_VALUES } from '../domain/notice-values.js';
import { placeholdersOf } from '../domain/notices.js';
import type { ConfigError } from './errors.js';
import type { HyperfleetFile, NoticesFile, PlaybookFile } from './schema.js';
import { errorAt, type YamlFile } from './yaml-file.js';

/** Checks that a schema cannot express: unique ids and references that resolve. */

function duplicates<T>(items: readonly T[], key: (item: T) => string): number[] {
  const seen = new Set<string>();
  return items.flatMap((item, i) => (seen.has(key(item)) ? [i] : (seen.add(key(item)), [])));
}

export function checkHyperfleet(file: YamlFile, config: HyperfleetFile): ConfigError[] {
  return [
    ...duplicates(config.components, (c) => c.name).map((i) =>
      errorAt(file, ['components', i, 'name'], 'this component name is already used'),
    ),
    ...duplicates(config.layers, (l) => l.id).map((i) => errorAt(file, ['layers', i, 'id'], 'this layer id is already used')),
    ...unreadBranchRepos(file, config),
  ];
}

/** A release-branch job's repository must be one GitHub is asked about, or its branch cut is never seen. */
function unreadBranchRepos(file: YamlFile, config: HyperfleetFile): ConfigError[] {
  const read = new Set([...config.components.map((c) => c.repo), config.github.releaseRepo, ...config.supportRepos]);
  return config.layers.flatMap((layer, i) => {
    const repo = layer.source.kind === 'prow-job' ? layer.source.releaseJob?.branchRepo : undefined;
    if (repo === undefined || read.has(repo)) return [];
    const message = `"${repo}" is not a component, the release repository or a support repository; add it to supportRepos`;
    return [errorAt(file, ['layers', i, 'source', 'releaseJob', 'branchRepo'], message)];
  });
}

function findCycle(steps: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const walk = (id: string, trail: string[]): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...trail.slice(trail.indexOf(id)), id];
    state.set(id, 'visiting');
    for (const next of steps.get(id) ?? []) {
      const cycle = walk(next, [...trail, id]);
      if (cycle) return cycle;
    }
    state.set(id, 'done');
    return null;
  };
  for (const id of steps.keys()) {
    const cycle = walk(id, []);
    if (cycle) return cycle;
  }
  return null;
}

export function checkNotices(file: YamlFile, notices: NoticesFile): ConfigError[] {
  return duplicates(notices.notices, (n) => n.kind).map((i) => errorAt(file, ['notices', i, 'kind'], 'this notice kind is already used'));
}

/** A notice step names a template whose {values} exist for its playbook (a hotfix has no {rcTag}). */
function checkNoticeStep(
  file: YamlFile,
  step: PlaybookFile['phases'][number]['steps'][number],
  at: PropertyKey[],
  notices: NoticesFile,
  kind: 'release' | 'hotfix',
): ConfigError[] {
  if (step.kind !== 'notice') return step.notice ? [errorAt(file, [...at, 'notice'], 'only notice steps name a notice template')] : [];
  if (!step.notice) return [errorAt(file, [...at, 'kind'], 'a notice step needs `notice:` naming its template in the notices file')];
  const template = notices.notices.find((n) => n.kind === step.notice);
  if (!template)
    return [
      errorAt(file, [...at, 'notice'], `unknown notice "${step.notice}"; notices are ${notices.notices.map((n) => n.kind).join(', ')}`),
    ];
  const known = new Set<string>([
    ...(kind === 'release' ? RELEASE_NOTICE_VALUES : HOTFIX_NOTICE_VALUES),
    ...template.fields.map((f) => f.name),
  ]);
  const unknown = placeholdersOf(template).filter((name) => !known.has(name));
  return unknown.length === 0
    ? []
    : [
        errorAt(
          file,
          [...at, 'notice'],
          `notice "${template.kind}" uses {${unknown.join('}, {')}}, which a ${kind} does not have; it has ${[...known].join(', ')}`,
        ),
      ];
}

export function checkPlaybook(
  file: YamlFile,
  playbook: PlaybookFile,
  config: HyperfleetFile,
  kind: 'release' | 'hotfix',
  notices: NoticesFile,
): ConfigError[] {
  const errors: ConfigError[] = [];
  const located = playbook.phases.flatMap((phase, p) =>
    phase.steps.map((step, s) => ({ step, at: ['phases', p, 'steps', s] as PropertyKey[] })),
  );
  const stepIds = new Set(located.map((l) => l.step.id));
  const roles = Object.keys(config.roles);
  const layers = new Set(config.layers.map((l) => l.id));
  const anchors: readonly string[] = kind === 'release' ? RELEASE_ANCHORS : HOTFIX_ANCHORS;

  duplicates(playbook.phases, (p) => p.id).forEach((i) => errors.push(errorAt(file, ['phases', i, 'id'], 'this phase id is already used')));
  duplicates(located, (l) => l.step.id).forEach((i) =>
    errors.push(errorAt(file, [...located[i]!.at, 'id'], 'this step id is already used')),
  );
  for (const { step, at } of located) {
    if (!config.roles[step.owner])
      errors.push(errorAt(file, [...at, 'owner'], `unknown role "${step.owner}"; roles are ${roles.join(', ')}`));
    step.needs.forEach((need, n) => {
      if (!stepIds.has(need)) errors.push(errorAt(file, [...at, 'needs', n], `unknown step "${need}"`));
    });
    step.check?.layers?.forEach((layer, n) => {
      if (!layers.has(layer))
        errors.push(errorAt(file, [...at, 'check', 'layers', n], `unknown test layer "${layer}"; layers are ${[...layers].join(', ')}`));
    });
    if (step.kind === 'check' && !step.check)
      errors.push(errorAt(file, [...at, 'kind'], 'a check step needs `check:` (layers, tags, artifacts, fix, patch, manifest or rcE2e)'));
    if (step.check && step.kind !== 'check' && step.kind !== 'gate')
      errors.push(errorAt(file, [...at, 'check'], 'only check and gate steps have `check`'));
    for (const key of ['fix', 'patch'] as const)
      if (step.check?.[key] && kind !== 'hotfix')
        errors.push(errorAt(file, [...at, 'check', key], `only a hotfix has a ${key} to follow; remove \`${key}\` from this release step`));
    for (const key of ['tags', 'artifacts', 'manifest'] as const)
      if (step.check?.[key] && kind !== 'release')
        errors.push(
          errorAt(
            file,
            [...at, 'check', key],
            `only a release has component versions (its manifest) to check; remove \`${key}\` from this hotfix step`,
          ),
        );
    if (step.scopeGuard && (kind !== 'hotfix' || step.kind !== 'task'))
      errors.push(errorAt(file, [...at, 'scopeGuard'], 'the scope guard is a task of the hotfix playbook'));
    if (step.evidence && step.kind !== 'task')
      errors.push(errorAt(file, [...at, 'evidence'], 'only a task is ticked with evidence; a check or gate decides from live status'));
    if (step.freeze && (kind !== 'release' || step.kind !== 'gate'))
      errors.push(errorAt(file, [...at, 'freeze'], 'code freeze starts at a gate of the release playbook'));
    if (step.signoff && step.kind !== 'gate') errors.push(errorAt(file, [...at, 'signoff'], 'only a gate step is signed off by roles'));
    step.signoff?.forEach((role, n) => {
      if (!config.roles[role]) errors.push(errorAt(file, [...at, 'signoff', n], `unknown role "${role}"; roles are ${roles.join(', ')}`));
    });
    duplicates(step.signoff ?? [], (role) => role).forEach((n) =>
      errors.push(errorAt(file, [...at, 'signoff', n], 'this role is already named: each role signs once')),
    );
    step.due?.at.forEach((anchor, n) => {
      const target = anchor.startsWith('step:') ? anchor.slice(5) : null;
      const valid = target !== null ? stepIds.has(target) : anchors.includes(anchor);
      const where = step.due!.at.length > 1 ? [...at, 'due', 'at', n] : [...at, 'due', 'at'];
      if (!valid) errors.push(errorAt(file, where, `unknown anchor "${anchor}"; use one of ${anchors.join(', ')} or step:<id>`));
    });
    errors.push(...checkNoticeStep(file, step, at, notices, kind));
  }
  const freezes = located.filter((l) => l.step.freeze);
  if (freezes.length > 1)
    errors.push(errorAt(file, [...freezes[1]!.at, 'freeze'], `only one gate starts code freeze; "${freezes[0]!.step.id}" does already`));
  const cycle = findCycle(new Map(located.map((l) => [l.step.id, l.step.needs])));
  if (cycle) {
    const first = located.find((l) => l.step.id === cycle[0])!;
    errors.push(errorAt(file, [...first.at, 'needs'], `steps need each other in a cycle: ${cycle.join(' → ')}`));
  }
  return errors;
}
