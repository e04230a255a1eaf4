import type { RcE2eSpec } from './config.js';
import type { Finding } from './facts.js';
import type { ReleaseVersions } from './manifest.js';
import type { JobRun } from './observations.js';
import type { CheckObservation, LayerState, RcE2eRun, RepoFacts } from './status.js';
import { formatUtc } from './time.js';
import { fillTemplate, type Version } from './version.js';

/**
 * RC E2E counts only for what it tested. Tagging the release repository runs its workflow,
 * which starts the RC E2E job through Gangway with each component's image tag and the e2e ref
 * as environment variables; Gangway adds them to the ProwJob's containers. A run passes the
 * check only when those variables equal the manifest's versions (without the `v`, as the
 * workflow strips it) and it passed: a run for another combination, or a nightly, never counts.
 */

export type { RcE2eRun };

/** The value each override variable must have for a run to have tested the manifest's combination. */
export interface RcE2eExpectation {
  readonly vars: ReadonlyArray<{ readonly name: string; readonly label: string; readonly value: string | null }>;
  /** Components the manifest names that no configured variable carries: such a run cannot be checked. */
  readonly unmapped: readonly string[];
}

export type RcE2eState = 'passed' | 'failed' | 'running' | 'waiting';

export interface RcE2eCheck {
  readonly state: RcE2eState;
  /** The run that decides (the newest one for the manifest's combination), if any. */
  readonly run?: RcE2eRun;
  /** What was found: the deciding run (ok when it passed), the workflow run, runs not counted. */
  readonly findings: readonly Finding[];
  /** Prow (or GitHub, for the manifest) has not answered yet: not known, so not judged. */
  readonly undecided: boolean;
}

/** "hyperfleet-api" → "api": how a run's tags are shown. */
const shortName = (component: string): string => component.replace(/^hyperfleet-/, '');

/** What a run must carry: each manifest component's image tag without `v`, and the e2e ref (none when the manifest has none). */
export function rcE2eExpectation(spec: RcE2eSpec, versions: Extract<ReleaseVersions, { state: 'known' }>): RcE2eExpectation {
  const named = [...versions.components.map((c) => ({ component: c.component, text: c.text })), ...versions.unparsed];
  const order = new Map(Object.keys(spec.imageTags).map((name, i) => [name, i]));
  const mapped = named
    .filter((c) => spec.imageTags[c.component] !== undefined)
    .sort((a, b) => order.get(a.component)! - order.get(b.component)!);
  return {
    vars: [
      ...mapped.map((c) => ({ name: spec.imageTags[c.component]!, label: shortName(c.component), value: c.text.replace(/^v/, '') })),
      // trigger-rc-e2e.sh sends no E2E_REF when the manifest has none: then the run must carry none.
      { name: spec.e2eRef, label: 'e2e', value: versions.manifest.e2eRef || null },
    ],
    unmapped: named.filter((c) => spec.imageTags[c.component] === undefined).map((c) => c.component),
  };
}

/** "api 1.5.0-rc2, sentinel 1.4.2, adapter 2.0.0-rc1, e2e release-1.5": what a run (or the manifest) names. */
export function combinationText(expectation: RcE2eExpectation, values: (name: string) => string | null | undefined): string {
  return expectation.vars.map((v) => `${v.label} ${values(v.name) ?? '(none)'}`).join(', ');
}

const matches = (expectation: RcE2eExpectation, run: RcE2eRun): boolean =>
  run.overrides !== null && expectation.vars.every((v) => (run.overrides![v.name] ?? null) === v.value);

const newestFirst = (a: JobRun, b: JobRun): number => (b.startedAt ?? b.finishedAt ?? 0) - (a.startedAt ?? a.finishedAt ?? 0);

function runText(run: RcE2eRun): string {
  const build = run.buildId ? `build ${run.buildId}` : run.prowJob;
  const when =
    run.finishedAt !== undefined
      ? `, finished ${formatUtc(run.finishedAt)}`
      : run.startedAt !== undefined
        ? `, started ${formatUtc(run.startedAt)}`
        : '';
  return `${build} ${run.state}${when}${run.detail && run.state !== 'passed' ? ` (${run.detail})` : ''}${run.url ? `  ${run.url}` : ''}`;
}

/** The release repository's RC tags for this release, highest RC first: release-0.4-rc2, release-0.4-rc1. */
export function releaseRcTags(spec: RcE2eSpec, version: Version, repo: RepoFacts | undefined): string[] {
  const [before, after] = fillTemplate(spec.tag, version).split('{n}') as [string, string | undefined];
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${escape(before)}(\\d+)${escape(after ?? '')}$`);
  const numbered = (repo?.tags ?? []).flatMap((tag) => {
    const m = pattern.exec(tag);
    return m ? [{ tag, n: Number(m[1]) }] : [];
  });
  return numbered.sort((a, b) => b.n - a.n).map((t) => t.tag);
}

/** The workflow's run (its check suite) on the newest RC tag's commit, as GitHub reports it. */
export function rcWorkflowRun(
  spec: RcE2eSpec,
  version: Version,
  repo: RepoFacts | undefined,
): { readonly tag: string; readonly run?: CheckObservation } | undefined {
  const tag = releaseRcTags(spec, version, repo)[0];
  if (!tag) return undefined;
  const run = repo?.tagChecks?.[tag]?.find((c) => c.name === spec.workflow);
  return run ? { tag, run } : { tag };
}

function workflowFinding(spec: RcE2eSpec, workflow: ReturnType<typeof rcWorkflowRun>): Finding | null {
  if (!workflow) return null;
  const { tag, run } = workflow;
  if (!run) return { ok: false, text: `${spec.workflow} on ${tag}: no run reported on the tag's commit yet` };
  const detail = run.detail && run.state !== 'passed' ? ` (${run.detail})` : '';
  return { ok: run.state === 'passed', text: `${spec.workflow} on ${tag}: ${run.state}${detail}${run.url ? `  ${run.url}` : ''}` };
}

/** The newest runs, with what each tested, while there is no manifest to judge them by. */
function unjudged(spec: RcE2eSpec, runs: readonly RcE2eRun[] | undefined): Finding[] {
  const vars = [
    ...Object.entries(spec.imageTags).map(([component, name]) => ({ name, label: shortName(component), value: null })),
    { name: spec.e2eRef, label: 'e2e', value: null },
  ];
  return [...(runs ?? [])]
    .sort(newestFirst)
    .slice(0, 3)
    .map((run) => {
      const carried = vars.filter((v) => run.overrides?.[v.name] !== undefined);
      const what = run.overrides ? combinationText({ vars: carried, unmapped: [] }, (name) => run.overrides![name]) : 'overrides not read';
      return { ok: false, text: `${spec.job} ${runText(run)}: tested ${what}, not judged without the manifest` };
    });
}

const TERMINAL: Record<LayerState, RcE2eState> = {
  passed: 'passed',
  failed: 'failed',
  error: 'failed',
  running: 'running',
  pending: 'running',
  missing: 'waiting',
  unknown: 'waiting',
};

export interface RcE2eInput {
  readonly spec: RcE2eSpec;
  readonly version: Version;
  readonly versions: ReleaseVersions;
  /** The RC E2E job's runs in Prow's list; undefined before Prow's first answer. */
  readonly runs: readonly RcE2eRun[] | undefined;
  /** The release repository's facts (its RC tags and their checks); undefined before GitHub's first answer. */
  readonly releaseRepo: RepoFacts | undefined;
}

/**
 * The RC E2E check: the newest run of the RC E2E job whose overrides equal the manifest's
 * versions decides. Until the manifest is known it waits, and says why; it never passes.
 */
export function evaluateRcE2e({ spec, version, versions, runs, releaseRepo }: RcE2eInput): RcE2eCheck {
  const workflow = workflowFinding(spec, rcWorkflowRun(spec, version, releaseRepo));
  const withWorkflow = (findings: Finding[]) => (workflow ? [workflow, ...findings] : findings);
  if (versions.state === 'unknown') {
    const waiting = { ok: false, text: `waiting for the manifest: ${versions.why}` };
    return { state: 'waiting', findings: withWorkflow([waiting, ...unjudged(spec, runs)]), undecided: releaseRepo === undefined };
  }
  const expectation = rcE2eExpectation(spec, versions);
  const wanted = combinationText(expectation, (name) => expectation.vars.find((v) => v.name === name)?.value);
  if (expectation.unmapped.length > 0) {
    const which = expectation.unmapped.join(', ');
    return {
      state: 'waiting',
      findings: [{ ok: false, text: `no override variable configured for ${which} (rcE2e.imageTags): a run cannot show it tested them` }],
      undecided: false,
    };
  }
  if (!runs) return { state: 'waiting', findings: withWorkflow([{ ok: false, text: 'waiting for Prow' }]), undecided: true };

  const ordered = [...runs].sort(newestFirst);
  const counted = ordered.filter((run) => matches(expectation, run));
  const notCounted = ordered
    .filter((run) => !matches(expectation, run))
    .map((run): Finding => {
      const why =
        run.overrides === null
          ? `its overrides could not be read${run.unreadable ? ` (${run.unreadable})` : ''}`
          : `for another combination (${combinationText(expectation, (name) => run.overrides![name])})`;
      return { ok: false, text: `${spec.job} ${runText(run)}: ${why}, not counted` };
    });
  const run = counted[0];
  if (!run) {
    const none = { ok: false, text: `no run of ${spec.job} for ${wanted} yet` };
    const failedTrigger = workflow && !workflow.ok && /: (failed|error)/.test(workflow.text);
    return { state: failedTrigger ? 'failed' : 'waiting', findings: withWorkflow([none, ...notCounted]), undecided: false };
  }
  const state = TERMINAL[run.state];
  const deciding = { ok: state === 'passed', text: `${spec.job} ${runText(run)}, tested ${wanted}` };
  return { state, run, findings: withWorkflow([deciding, ...notCounted]), undecided: false };
}
