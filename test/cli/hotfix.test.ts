import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import type { FakeWorld } from '../../src/fakes/world.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { greenWorld } from '../helpers/fake-world.js';
import { runCli, runCliAsync } from '../helpers/run-cli.js';

/** `hotfix open` with every field as a flag. */
const openArgs = (fields: Record<string, string>): string[] => [
  'hotfix',
  'open',
  ...Object.entries(fields).flatMap(([name, value]) => [`--${name}`, value]),
];

describe('hotfix commands on the demo', () => {
  it('hotfix list --json: each open hotfix with its key, severity, deadline, next step and fix', () => {
    const run = runCli(['hotfix', 'list', '--json', '--demo']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [row] = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({
      key: 'HYPERFLEET-901',
      severity: 'Blocker',
      component: 'hyperfleet-adapter',
      clock: 'ok',
      nextStep: { id: 'cherry-pick', state: 'waiting' },
      fix: { main: { branch: 'main', merged: { number: 212 } }, release: { branch: 'release-0.3', merged: null }, bothMerged: false },
    });
    // A Blocker's 1 working day (the Konflux design's severity targets), on whatever weekday the demo runs.
    expect(Date.parse(row!.deadline as string) - Date.parse(row!.reportedAt as string)).toBeGreaterThanOrEqual(24 * 3600_000);
    expect(row).toMatchObject({ kind: 'emergency' });
  });

  it('hotfix timeline --format json: events with elapsed times from the report, and each deadline kept or missed', () => {
    const run = runCli(['hotfix', 'timeline', 'HYPERFLEET-901', '--format', 'json', '--demo']);
    expect(run.code).toBe(0);
    const timeline = JSON.parse(run.stdout) as {
      sla: string;
      timeToFixMs: number | null;
      events: Array<{ elapsedMs: number; actor: string | null; from: string; what: string }>;
      slas: Array<{ what: string; state: string }>;
    };
    expect(timeline.sla).toBe('1 working day');
    expect(timeline.timeToFixMs).toBeNull(); // merged on main only
    expect(timeline.events[0]).toMatchObject({ elapsedMs: 0, actor: null, from: 'report' });
    expect(timeline.events).toContainEqual(expect.objectContaining({ from: 'github', what: 'PR #212 merged into main', actor: null }));
    expect(timeline.events.map((e) => e.elapsedMs)).toEqual([...timeline.events.map((e) => e.elapsedMs)].sort((a, b) => a - b));
    expect(timeline.slas).toContainEqual({
      what: 'Confirm severity and affected component',
      state: 'missed',
      dueAt: expect.any(String),
      doneAt: expect.any(String),
    });
    expect(timeline.slas[0]).toMatchObject({ what: 'Patch released within 1 working day (Blocker)', state: 'open' });
  });

  it('hotfix timeline (Markdown) and hotfix handoff --out FILE', () => {
    const md = runCli(['hotfix', 'timeline', 'hyperfleet-901', '--demo']);
    expect(md.stdout).toMatch(/^# Hotfix HYPERFLEET-901: timeline\n/);
    expect(md.stdout).toContain('| Confirm severity and affected component | ');
    const dir = mkdtempSync(join(tmpdir(), 'hf-handoff-'));
    try {
      const out = join(dir, 'handoff.md');
      const run = runCli(['hotfix', 'handoff', 'HYPERFLEET-901', '--out', out, '--demo']);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe(`hyperfleet-tui: wrote the QE handoff to ${out}\n`);
      const text = readFileSync(out, 'utf8');
      expect(text).toMatch(/^# QE handoff: HYPERFLEET-901 \(Blocker\)\n/);
      expect(text).toMatch(
        /\| main \| \[\\#212 HYPERFLEET-901: re-establish the status watch after an API restart\]\(https:\/\/github\.example\/.*\/pull\/212\) \| merged \| passed \| approved \| `[0-9a-f]{40}` \|/,
      );
      expect(text).toContain('## What to test');
      expect(text).toContain('**Not attested yet.**');
      expect(runCli(['hotfix', 'handoff', 'HYPERFLEET-901', '--out', join(dir, 'missing', 'x.md'), '--demo'])).toMatchObject({
        code: 2,
        stderr: `hyperfleet-tui: cannot write ${join(dir, 'missing', 'x.md')}: ENOENT\n`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hotfix open: recorded as the GitHub login; a bad field is refused with what to write instead (exit 2, a usage error)', () => {
    const ok = runCli([
      ...openArgs({
        key: 'HYPERFLEET-950',
        severity: 'critical',
        component: 'hyperfleet-api',
        affects: '0.3.1',
        summary: 'Nodes lose labels',
        reported: '2h ago',
      }),
      '--demo',
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    // 1 working day from 2 hours ago: within a day of now on a weekday (the time alone), days away over a weekend (with its date).
    expect(ok.stdout).toMatch(/^Opened HYPERFLEET-950 \(Critical\): patch due (\d{4}-\d\d-\d\d )?\d\d:\d\d UTC\n$/);
    const bad = runCli([
      ...openArgs({ key: 'bug 1', severity: 'Minor', component: 'web', affects: 'v0.3.1', summary: 'x', reported: 'tomorrow' }),
      '--demo',
    ]);
    expect(bad.code).toBe(2); // a value given is wrong: a usage error, not a failed check
    expect(bad.stderr).toContain('tracking key "bug 1" should look like HYPERFLEET-123');
    expect(bad.stderr).toContain('severity "Minor" should be one of Blocker, Critical, Major');
    expect(bad.stderr).toContain('component "web" should be one of hyperfleet-api, hyperfleet-sentinel, hyperfleet-adapter');
    expect(bad.stderr).toContain('report time "tomorrow" should be now');
    expect(
      runCli([
        ...openArgs({ key: 'HYPERFLEET-901', severity: 'Major', component: 'hyperfleet-api', affects: 'v0.3.1', summary: 'again' }),
        '--demo',
      ]),
    ).toMatchObject({
      code: 2,
      stderr: 'hyperfleet-tui: HYPERFLEET-901 is already open; use another tracking key.\n',
    });
  });

  it("approve --for: the QE sign-off of a hotfix is the QE role's; anyone else is refused, naming who may", () => {
    expect(runCli(['approve', 'qe-signoff', '--for', 'HYPERFLEET-901', '--demo'])).toMatchObject({
      code: 1,
      stderr: 'hyperfleet-tui: Cannot approve: @rh-amarin is not a QE Owner approver; ask @yingzhanredhat.\n',
    });
    expect(runCli(['gate', 'release-gate', '--for', 'HYPERFLEET-901', '--demo'])).toMatchObject({
      code: 2,
      stderr: 'hyperfleet-tui: no gate step "release-gate" in the runbook of open hotfix HYPERFLEET-901\n',
    });
  });

  it.each([
    [['hotfix'], 'hotfix needs an action: list, open, severity, reported, close, timeline, handoff'],
    [['hotfix', 'open', '--key', 'H-1'], 'hotfix open needs --severity, --component, --affects, --summary'],
    [['hotfix', 'timeline'], 'hotfix timeline takes KEY'],
    [['hotfix', 'severity', 'H-1'], 'hotfix severity takes KEY SEVERITY'],
    [['hotfix', 'close', 'H-1', '--out', 'x'], '--out goes with hotfix handoff'],
    [['hotfix', 'timeline', 'NOPE-1', '--demo'], 'no hotfix NOPE-1 in the journal; `hotfix list` shows the open ones'],
    [['status', '--severity', 'Blocker'], '--severity goes with the hotfix command'],
  ])('%j is a usage error (exit 2): %s', (args, message) => {
    const run = runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe('hotfix commands on a real journal, with no release planned', () => {
  let dir: string;
  let github: FakeGitHub;
  let env: Record<string, string>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hf-hotfix-'));
    const world: FakeWorld = greenWorld(bundledConfig());
    github = new FakeGitHub(world);
    env = { HYPERFLEET_STATE_DIR: dir, HYPERFLEET_GITHUB_API: await github.start(), GITHUB_TOKEN: 'test-token-for-the-fake' };
  });
  afterEach(async () => {
    await github.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an affected release that is no version is a usage error saying what one looks like, not an internal error', async () => {
    const fields = { key: 'HYPERFLEET-961', severity: 'Blocker', component: 'hyperfleet-api', affects: 'banana', summary: 'x' };
    expect(await runCliAsync(openArgs(fields), env)).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'hyperfleet-tui: --affects expects the released version with the bug, like v0.3.1, got "banana"\n',
    });
  });

  it('opens, re-grades (the deadline re-bases), lists, and refuses to close with open steps unless given a note', async () => {
    const open = await runCliAsync(
      [
        ...openArgs({
          key: 'HYPERFLEET-960',
          severity: 'Major',
          component: 'hyperfleet-api',
          affects: 'v0.3.1',
          summary: 'Slow list',
          reported: '2026-11-20 09:00',
        }),
      ],
      env,
    );
    expect(open.stderr).toBe('');
    // A Major is no emergency (hyperfleet-release-process.md §1.9): a scheduled patch release, 2 working days (Fri → Tue).
    expect(open.stdout).toBe(
      'Major is not an emergency hotfix (those are for Blocker and Critical): opened HYPERFLEET-960 as a scheduled patch release, due 2026-11-24 09:00 UTC\n',
    );
    const scheduled = await runCliAsync(['hotfix', 'list', '--json'], env);
    expect(JSON.parse(scheduled.stdout)).toMatchObject([{ key: 'HYPERFLEET-960', kind: 'scheduled', severity: 'Major' }]);
    // Re-graded to Blocker it is an emergency, 1 working day from the report (Fri → Mon).
    const severity = await runCliAsync(['hotfix', 'severity', 'HYPERFLEET-960', 'Blocker', '--reason', 'a second customer'], env);
    expect(severity.stdout).toBe('HYPERFLEET-960 is Blocker now: patch due 2026-11-23 09:00 UTC\n');
    const list = await runCliAsync(['hotfix', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toMatchObject([
      { key: 'HYPERFLEET-960', kind: 'emergency', severity: 'Blocker', deadline: '2026-11-23T09:00:00.000Z' },
    ]);
    const lines = readFileSync(join(dir, 'hotfix-HYPERFLEET-960.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.type, l.actor])).toEqual([
      ['hotfix-opened', 'rh-amarin'],
      ['hotfix-severity-changed', 'rh-amarin'],
    ]);
    expect(lines[1]).toMatchObject({ severity: 'Blocker', reason: 'a second customer' });

    const refused = await runCliAsync(['hotfix', 'close', 'HYPERFLEET-960'], env);
    expect(refused.code).toBe(2); // --note is needed
    expect(refused.stderr).toMatch(
      /HYPERFLEET-960 has 1\d open step\(s\) \("Confirm severity and affected component", "Post the hotfix alert", "Root cause analysis", …\); give a note to close it anyway/,
    );
    const closed = await runCliAsync(['hotfix', 'close', 'HYPERFLEET-960', '--note', 'duplicate of HYPERFLEET-901'], env);
    expect(closed).toMatchObject({ code: 0, stdout: 'Closed HYPERFLEET-960.\n' });
    expect((await runCliAsync(['hotfix', 'list'], env)).stdout).toBe('No open hotfixes.\n');
  });
});
