import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { configCopy, lineOf, removeCopies, replaceOnce } from '../helpers/config-copy.js';

afterAll(removeCopies);

function problem(path: string): ConfigError {
  try {
    loadConfig(path);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the bundled config', () => {
  it('orders the hotfix runbook as HyperFleet runs it: QE signs off on the patch image, after it is built', () => {
    const steps = bundledConfig().playbooks.hotfix.phases.flatMap((p) => p.steps);
    const ids = steps.map((s) => s.id);
    // ldornele/architecture release/operations/release-runbook.md §3, the Konflux design's "Hotfix flow".
    const real = [
      'fix-on-main',
      'cherry-pick',
      'patch-tag',
      'patch-image',
      'build-verification',
      'qe-handoff',
      'qe-signoff',
      'manifest-bump',
      'release-tag',
      'partner-notice',
      'both-branches',
    ];
    expect(ids.filter((id) => real.includes(id))).toEqual(real);
    // Each step of the real order needs the one before it, so nothing can be ticked out of order.
    real.slice(1).forEach((id, i) => expect(steps.find((s) => s.id === id)?.needs, id).toContain(real[i]));
  });

  it("publishes each chart where the newest document, the Konflux design, puts it: beside the component's image, as <component>-chart", () => {
    for (const c of bundledConfig().components) {
      expect(c.chart).toBe(`${c.image}-chart`);
      expect(c.chart).toMatch(new RegExp(`/hyperfleet-tenant/hyperfleet/${c.name}-chart$`));
    }
  });

  it('loads, with every value the sources disagree on present', () => {
    const config = bundledConfig();
    expect(config.components.map((c) => c.name)).toEqual([
      'hyperfleet-api',
      'hyperfleet-sentinel',
      'hyperfleet-adapter',
      'hyperfleet-applier',
    ]);
    expect(config.layers.find((l) => l.id === 'gcp')?.gate).toBe('advisory');
    expect(config.slack.channel).toBe('#hyperfleet-releases');
    expect(config.naming.rcTag).toBe('v{version}-rc{n}');
    // The Konflux design's severity targets (the newest): 1 working day; all others 2 working days.
    expect(config.hotfix.sla).toEqual({
      Blocker: { kind: 'working-days', days: 1 },
      Critical: { kind: 'working-days', days: 1 },
      Major: { kind: 'working-days', days: 2 },
    });
    expect(config.hotfix.emergency).toEqual(['Blocker', 'Critical']);
    expect(config.naming.patchReleaseNotes).toBe('RELEASE/RELEASE-NOTES-v{major}.{minor}.{patch}.md');
    expect(config.playbooks.release.phases.length).toBeGreaterThan(5);
    expect(config.playbooks.hotfix.phases.flatMap((p) => p.steps).map((s) => s.id)).toContain('partner-notice');
  });

  it('names the RC E2E job, its variables and the release-branch nightlies as openshift/release and rc-e2e.yaml do', () => {
    const config = bundledConfig();
    expect(config.rcE2e).toEqual({
      job: 'periodic-ci-openshift-hyperfleet-hyperfleet-e2e-main-rc-e2e-rc-e2e',
      imageTags: {
        'hyperfleet-api': 'MULTISTAGE_PARAM_OVERRIDE_API_IMAGE_TAG',
        'hyperfleet-sentinel': 'MULTISTAGE_PARAM_OVERRIDE_SENTINEL_IMAGE_TAG',
        'hyperfleet-adapter': 'MULTISTAGE_PARAM_OVERRIDE_ADAPTER_IMAGE_TAG',
        'hyperfleet-applier': 'MULTISTAGE_PARAM_OVERRIDE_APPLIER_IMAGE_TAG',
      },
      e2eRef: 'MULTISTAGE_PARAM_OVERRIDE_E2E_REF',
      tag: 'release-{major}.{minor}-rc{n}',
      workflow: 'RC E2E Trigger',
    });
    const tier0 = config.layers.find((l) => l.id === 'e2e-tier0')!.source;
    expect(tier0).toMatchObject({
      releaseJob: {
        job: 'periodic-ci-openshift-hyperfleet-hyperfleet-e2e-release-{major}.{minor}-e2e-tier0-candidate',
        branchRepo: 'hyperfleet-e2e',
      },
    });
    // The RC E2E check is the release gate's too: it needs the run for the final RC's manifest.
    const gate = config.playbooks.release.phases.flatMap((p) => p.steps).find((s) => s.id === 'release-gate')!;
    expect(gate.check?.rcE2e).toBe(true);
  });
});

describe("the two-person rule, this app's own option (no HyperFleet document has it)", () => {
  it('is off in the bundled config and when approvals is left out; on only when asked for', () => {
    expect(bundledConfig().approvals.twoPersonRule).toBe(false);
    const without = configCopy('hyperfleet.yaml', (t) => t.replace(/\napprovals:\n(?:  .*\n|\s*#.*\n)*/, '\n'));
    expect(readFileSync(without, 'utf8')).not.toContain('twoPersonRule');
    expect(loadConfig(without).approvals.twoPersonRule).toBe(false);
    const on = configCopy('hyperfleet.yaml', replaceOnce('  twoPersonRule: false', '  twoPersonRule: true'));
    expect(loadConfig(on).approvals.twoPersonRule).toBe(true);
  });
});

describe('display.timeZone', () => {
  it("is the person's zone, kept apart from the release's working-day calendar; absent from the bundled config", () => {
    expect(bundledConfig().display).toBeUndefined();
    const kolkata = configCopy('hyperfleet.yaml', replaceOnce('prow:\n', 'display:\n  timeZone: Asia/Kolkata\nprow:\n'));
    const config = loadConfig(kolkata);
    expect(config.display?.timeZone).toBe('Asia/Kolkata');
    expect(config.hotfix.timeZone).toBe('UTC');
  });
});

describe('a bad hyperfleet.yaml gives one line with file, line and key', () => {
  const cases: Array<[string, (t: string) => string, string, RegExp]> = [
    [
      'bad YAML',
      replaceOnce('  org: openshift-hyperfleet', '\torg: openshift-hyperfleet'),
      '\torg',
      /invalid YAML: Tabs are not allowed as indentation/,
    ],
    [
      'a wrong type',
      replaceOnce(
        '    maxAge: 7d\n    source: { kind: commit-status, context: "ci/prow/unit*" }',
        '    maxAge: 7\n    source: { kind: commit-status, context: "ci/prow/unit*" }',
      ),
      'maxAge: 7',
      /layers\[0\]\.maxAge: expected a duration/,
    ],
    [
      'a misspelt key',
      replaceOnce('  sprintLength: 3w', '  sprintLenght: 3w'),
      'sprintLenght',
      /cadence\.sprintLenght: unknown key; did you mean "sprintLength"\?$/,
    ],
    [
      'an unknown time zone',
      replaceOnce('  timeZone: UTC ', '  timeZone: Europe/Prag '),
      'timeZone: Europe/Prag',
      /hotfix\.timeZone: expected an IANA time zone such as UTC, Europe\/Prague or America\/New_York/,
    ],
    [
      "an unknown zone for the person's times",
      replaceOnce('prow:\n', 'display:\n  timeZone: Europe/Berln\nprow:\n'),
      'timeZone: Europe/Berln',
      /display\.timeZone: unknown time zone "Europe\/Berln": expected an IANA zone such as UTC, Europe\/Berlin or Asia\/Kolkata/,
    ],
    [
      'an unknown key',
      replaceOnce('  dueSoon: 24h', '  dueSoon: 24h\n  colour: blue'),
      'colour: blue',
      /cadence\.colour: unknown key; check the spelling/,
    ],
    [
      'a value not in the allowed set',
      replaceOnce(
        '    gate: advisory\n    maxAge: 26h\n    source: { kind: none',
        '    gate: optional\n    maxAge: 26h\n    source: { kind: none',
      ),
      'gate: optional',
      /layers\[6\]\.gate: expected one of "mandatory", "advisory"; got "optional"/,
    ],
    [
      'a bad duration',
      replaceOnce('    Major: "2 working days"', '    Major: one week'),
      'Major: one week',
      /hotfix\.sla\.Major: "one week" is not a duration/,
    ],
    [
      'a negative SLA (a hotfix due before it was reported)',
      replaceOnce('    Blocker: "1 working day"', '    Blocker: -48h'),
      'Blocker: -48h',
      /hotfix\.sla\.Blocker: "-48h" must be longer than zero; write e\.g\. 30m/,
    ],
    [
      'a zero SLA in working days',
      replaceOnce('    Major: "2 working days"', '    Major: "0 working days"'),
      'Major: "0 working days"',
      /hotfix\.sla\.Major: "0 working days" must be longer than zero/,
    ],
    [
      'a zero maxAge',
      replaceOnce(
        '    maxAge: 7d\n    source: { kind: commit-status, context: "ci/prow/unit*" }',
        '    maxAge: 0h\n    source: { kind: commit-status, context: "ci/prow/unit*" }',
      ),
      'maxAge: 0h',
      /layers\[0\]\.maxAge: "0h" must be longer than zero/,
    ],
    [
      'a refresh every zero seconds',
      replaceOnce('  refreshEvery: 1m', '  refreshEvery: 0s'),
      'refreshEvery: 0s',
      /status\.refreshEvery: "0s" must be longer than zero/,
    ],
    [
      'a duplicate key',
      replaceOnce('  refreshEvery: 1m', '  refreshEvery: 1m\n  refreshEvery: 2m'),
      'refreshEvery: 2m',
      /invalid YAML: Map keys must be unique/,
    ],
    [
      'a duplicate component',
      replaceOnce('  - name: hyperfleet-adapter', '  - name: hyperfleet-api # again'),
      '# again',
      /components\[2\]\.name: this component name is already used/,
    ],
    [
      'a release-branch job on a repository GitHub is not asked about',
      replaceOnce(
        'e2e-tier0-candidate\n        branchRepo: hyperfleet-e2e',
        'e2e-tier0-candidate\n        branchRepo: hyperfleet-e2e-typo',
      ),
      'branchRepo: hyperfleet-e2e-typo',
      /layers\[2\]\.source\.releaseJob\.branchRepo: "hyperfleet-e2e-typo" is not a component, the release repository or a support repository; add it to supportRepos$/,
    ],
    [
      'an RC E2E tag template without the RC number',
      replaceOnce('  tag: "release-{major}.{minor}-rc{n}"', '  tag: "release-{major}.{minor}-rc"'),
      'tag: "release-{major}.{minor}-rc"',
      /rcE2e\.tag: the tag template needs \{n\}, the RC number/,
    ],
    [
      'a missing playbook file',
      replaceOnce('release: playbooks/release.yaml', 'release: playbooks/nope.yaml'),
      'playbooks/nope.yaml',
      /playbooks\.release: file not found/,
    ],
  ];

  it.each(cases)('%s', (_, edit, needle, expected) => {
    const path = configCopy('hyperfleet.yaml', edit);
    const error = problem(path);
    expect(error.message).toMatch(expected);
    expect(error.line).toBe(lineOf(path, needle));
    expect(error.message.startsWith(`${path}:${error.line}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('a missing file says which and what to do', () => {
    const error = problem('/nonexistent/hyperfleet.yaml');
    expect(error.message).toBe('/nonexistent/hyperfleet.yaml: file not found; pass --config PATH or set HYPERFLEET_CONFIG');
  });

  it('a missing key points at its parent and says it is missing', () => {
    const path = configCopy('hyperfleet.yaml', replaceOnce('  org: openshift-hyperfleet\n', ''));
    const error = problem(path);
    expect(error.message).toMatch(/github\.org: missing; expected string/);
    expect(error.line).toBe(lineOf(path, 'github:'));
  });

  it('counts the other problems of the file', () => {
    const path = configCopy('hyperfleet.yaml', (t) =>
      t.replace('sprintLength: 3w', 'sprintLength: 3').replace('dueSoon: 24h', 'dueSoon: x'),
    );
    expect(problem(path).message).toMatch(/\(and 1 more problem in this file\)$/);
  });
});

describe('a bad playbook names the playbook file and line', () => {
  const cases: Array<[string, (t: string) => string, string, RegExp]> = [
    [
      'an unknown role',
      replaceOnce('        owner: ci-owner\n        kind: check', '        owner: ci-ownr\n        kind: check'),
      'owner: ci-ownr',
      /owner: unknown role "ci-ownr"; roles are release-owner/,
    ],
    [
      'an unknown step in needs',
      replaceOnce('needs: [notice-ga]\n        check', 'needs: [notice-gaa]\n        check'),
      'needs: [notice-gaa]',
      /needs\[0\]: unknown step "notice-gaa"/,
    ],
    [
      'an unknown layer',
      replaceOnce('check: { layers: [e2e-tier0, e2e-tier1, rosa] }', 'check: { layers: [e2e-tier0, e2e-tier9, rosa] }'),
      'e2e-tier9',
      /check\.layers\[1\]: unknown test layer "e2e-tier9"/,
    ],
    [
      'a check without layers',
      replaceOnce('        check: { layers: [e2e-tier0, e2e-tier1, rosa] }\n', ''),
      'id: watch-nightlies',
      /kind: a check step needs/,
    ],
    [
      'an unknown anchor',
      replaceOnce('due: { at: ga, offset: 1w }', 'due: { at: launch, offset: 1w }'),
      'at: launch',
      /due\.at: unknown anchor "launch"/,
    ],
    [
      'a cycle',
      replaceOnce(
        '      - id: prs-merged\n        title: All PRs for the release merged to main\n',
        '      - id: prs-merged\n        needs: [readiness-review]\n        title: All PRs for the release merged to main\n',
      ),
      'needs: [readiness-review]',
      /steps need each other in a cycle: prs-merged → readiness-review → prs-merged/,
    ],
    [
      'a negative due offset',
      replaceOnce('due: { at: ga, offset: 1w }', 'due: { at: ga, offset: -1w }'),
      'offset: -1w',
      /due\.offset: "-1w" must be longer than zero \(it moves the deadline later; before: moves it earlier\)/,
    ],
    ['a zero greenFor', replaceOnce('greenFor: 24h', 'greenFor: 0m'), 'greenFor: 0m', /check\.greenFor: "0m" must be longer than zero/],
    [
      'a bad step kind',
      replaceOnce('        kind: notice\n        notice: feature-freeze\n', '        kind: email\n        notice: feature-freeze\n'),
      'kind: email',
      /kind: expected one of "task", "check", "gate", "notice"; got "email"/,
    ],
    [
      'a fix check in the release playbook',
      replaceOnce('check: { layers: [e2e-tier0, e2e-tier1, rosa] }', 'check: { layers: [e2e-tier0, e2e-tier1, rosa], fix: main }'),
      'fix: main',
      /check\.fix: only a hotfix has a fix to follow; remove `fix` from this release step/,
    ],
    [
      'a notice step naming no template',
      replaceOnce('        notice: rc-available\n', '        notice: rc-avialable\n'),
      'notice: rc-avialable',
      /notice: unknown notice "rc-avialable"; notices are breaking-change, /,
    ],
  ];

  it.each(cases)('%s', (_, edit, needle, expected) => {
    const main = configCopy('playbooks/release.yaml', edit);
    const file = join(dirname(main), 'playbooks/release.yaml');
    const error = problem(main);
    expect(error.message).toMatch(expected);
    expect(error.file).toBe(file);
    // The check-without-layers problem is reported on the step's `kind`, three lines below its id.
    const offset = needle === 'id: watch-nightlies' ? 3 : 0;
    expect(error.line).toBe(lineOf(file, needle) + offset);
  });
});

describe('code freeze in the playbook', () => {
  const release = (main: string) => join(dirname(main), 'playbooks/release.yaml');
  const lines = (path: string) => readFileSync(path, 'utf8').split('\n');

  it('evidence is for tasks: a check with it is refused at its line', () => {
    const main = configCopy(
      'playbooks/release.yaml',
      replaceOnce('      - id: freeze-e2e\n', '      - id: freeze-e2e\n        evidence: link\n'),
    );
    const error = problem(main);
    expect(error.message).toMatch(/evidence: only a task is ticked with evidence; a check or gate decides from live status/);
    expect(error.line).toBe(lines(release(main)).indexOf('      - id: freeze-e2e') + 2);
  });

  it('one gate starts code freeze: a second is refused at its `freeze`, naming the first', () => {
    const main = configCopy(
      'playbooks/release.yaml',
      replaceOnce('      - id: release-gate\n', '      - id: release-gate\n        freeze: true\n'),
    );
    const error = problem(main);
    expect(error.message).toMatch(/freeze: only one gate starts code freeze; "code-freeze-gate" does already/);
    expect(error.line).toBe(lines(release(main)).indexOf('      - id: release-gate') + 2);
  });
});

describe('notice templates', () => {
  it('a value the playbook does not have is named, at the step that sends it', () => {
    const main = configCopy(
      'notices.yaml',
      replaceOnce('release candidate {rcTag} is available for testing.', 'release candidate {rcTag} ({severity}).'),
    );
    const error = problem(main);
    const file = join(dirname(main), 'playbooks/release.yaml');
    expect(error.message).toMatch(/notice "rc-available" uses \{severity\}, which a release does not have; it has title, release/);
    expect(error.file).toBe(file);
    expect(error.line).toBe(lineOf(file, 'notice: rc-available'));
  });

  it('a block Slack would reject is refused in the notices file, with its line', () => {
    const main = configCopy(
      'notices.yaml',
      replaceOnce('      - header: ":package: {title}: release candidate {rcTag}"', `      - header: "${'x'.repeat(151)}"`),
    );
    const error = problem(main);
    expect(error.file).toBe(join(dirname(main), 'notices.yaml'));
    expect(error.message).toMatch(/at most 150 characters in a header/);
    expect(error.line).toBe(lineOf(join(dirname(main), 'notices.yaml'), 'x'.repeat(151)));
  });

  it('a missing notices file points at slack.notices in the main file', () => {
    const main = configCopy('hyperfleet.yaml', replaceOnce('notices: notices.yaml', 'notices: missing.yaml'));
    const error = problem(main);
    expect(error.message).toMatch(/slack\.notices: file not found: .*missing\.yaml/);
    expect(error.line).toBe(lineOf(main, 'notices: missing.yaml'));
  });
});

/** A copy of the config whose `file` has `bytes` in place of the first `marker`. */
function withBytes(file: string, marker: string, bytes: number[]): { main: string; path: string } {
  const main = configCopy(file, (t) => `${t}# ${marker}\n`);
  const path = join(dirname(main), file);
  const text = readFileSync(path);
  const at = text.indexOf(marker);
  writeFileSync(path, Buffer.concat([text.subarray(0, at), Buffer.from(bytes), text.subarray(at + marker.length)]));
  return { main, path };
}

describe('what a YAML file cannot be', () => {
  it.each([
    ['a lone 0xFF', [0xff]],
    ['a truncated two-byte character', [0x63, 0x61, 0x66, 0xc3]],
    ['an overlong "/"', [0xc0, 0xaf]],
  ])('not UTF-8 (%s): an error on its line, never a silent U+FFFD', (_, bytes) => {
    const { main, path } = withBytes('hyperfleet.yaml', 'BAD-BYTES', bytes);
    const error = problem(main);
    // The bad bytes are on the comment appended as the file's last line.
    expect(error.line).toBe(readFileSync(path, 'latin1').split('\n').length - 1);
    expect(error.message).toBe(`${main}:${error.line}: not UTF-8 text; save the file as UTF-8`);
  });

  it('not UTF-8 in a playbook: the playbook and its line', () => {
    const { main, path } = withBytes('playbooks/hotfix.yaml', 'BAD-BYTES', [0xfe]);
    const error = problem(main);
    expect(error.file).toBe(path);
    expect(error.line).toBe(readFileSync(path, 'latin1').split('\n').length - 1);
  });

  it('a "billion laughs" alias bomb is a config error at the alias where it goes off, not an internal error', () => {
    const laughs = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (const [from, to] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
      ['f', 'g'],
      ['g', 'h'],
      ['h', 'i'],
    ]) {
      laughs.push(`${to}: &${to} [${Array(9).fill(`*${from}`).join(', ')}]`);
    }
    const main = configCopy('hyperfleet.yaml', (t) => `${t}laughs:\n${laughs.map((l) => `  ${l}\n`).join('')}`);
    const error = problem(main);
    expect(error.message).toBe(
      `${main}:${lineOf(main, 'd: &d')}: *c: more than 100 aliases once expanded (a "billion laughs"?); write the values out instead`,
    );
  });

  it('aliases a configuration really uses still load', () => {
    const main = configCopy('hyperfleet.yaml', (t) =>
      replaceOnce(
        '    approvers: [yingzhanredhat]',
        '    approvers: *owners',
      )(replaceOnce('    approvers: [rh-amarin]', '    approvers: &owners [rh-amarin]')(t)),
    );
    const config = loadConfig(main);
    expect(config.roles['qe-owner']!.approvers).toEqual(['rh-amarin']);
  });
});
