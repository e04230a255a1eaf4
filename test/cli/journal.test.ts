import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../src/domain/events.js';
import { HOUR } from '../../src/domain/time.js';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import { encodeEvent } from '../../src/journal/codec.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { greenWorld } from '../helpers/fake-world.js';
import { runCli, runCliAsync } from '../helpers/run-cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hf-cli-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every file of the state directory with its text: what "nothing was written" compares. */
const contents = () => Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
const write = (stream: string, lines: readonly string[]) => writeFileSync(join(dir, `${stream}.jsonl`), `${lines.join('\n')}\n`);

// Journals written by hand for these tests are dated by the clock the CLI reads them with.
const AT = Date.now() - HOUR;
const opened = (key: string): JournalEvent => ({
  id: `open-${key}`,
  at: AT,
  actor: 'rh-amarin',
  type: 'hotfix-opened',
  key,
  severity: 'Major',
  component: 'hyperfleet-api',
  affects: 'v0.3.1',
  summary: 'Slow list',
  reportedAt: AT,
});
const long = 'x'.repeat(10_001);

describe('what the journal acknowledges it can read back', () => {
  let github: FakeGitHub;
  let env: Record<string, string>;
  beforeEach(async () => {
    github = new FakeGitHub(greenWorld(bundledConfig()));
    env = { HYPERFLEET_STATE_DIR: dir, HYPERFLEET_GITHUB_API: await github.start(), GITHUB_TOKEN: 'test-token-for-the-fake' };
  });
  afterEach(() => github.stop());

  const open = (key: string, summary: string) =>
    runCliAsync(
      [
        ...['hotfix', 'open', '--key', key, '--severity', 'Blocker', '--component', 'hyperfleet-api'],
        ...['--affects', 'v0.3.1', '--summary', summary],
      ],
      env,
    );

  it('hotfix open with a summary of 10,000 characters is listed with it; 10,001 is refused (exit 2) and nothing is written', async () => {
    const refused = await open('HYPERFLEET-961', long);
    expect(refused).toEqual({ code: 2, stdout: '', stderr: 'hyperfleet-tui: --summary is 10,001 characters; the limit is 10,000\n' });
    expect(contents()).toEqual({});

    const summary = '😀'.repeat(10_000);
    const ok = await open('HYPERFLEET-961', summary);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/^Opened HYPERFLEET-961 \(Blocker\)/);
    const list = await runCliAsync(['hotfix', 'list', '--json'], env);
    expect(list.stderr).toBe('');
    expect(JSON.parse(list.stdout)).toMatchObject([{ key: 'HYPERFLEET-961', summary }]);
  });

  // `long` stands for 10,001 characters in the test names.
  it.each([
    { args: ['hotfix', 'close', 'HYPERFLEET-960', '--note', long], message: '--note is 10,001 characters; the limit is 10,000' },
    {
      args: ['hotfix', 'severity', 'HYPERFLEET-960', 'Blocker', '--reason', long],
      message: '--reason is 10,001 characters; the limit is 10,000',
    },
    {
      args: ['hotfix', 'reported', 'HYPERFLEET-960', '3h ago', '--reason', `${long}😀`],
      message: '--reason is 10,002 characters; the limit is 10,000',
    },
    {
      args: ['approve', 'qe-signoff', '--for', 'HYPERFLEET-960', '--comment', long],
      message: '--comment is 10,001 characters; the limit is 10,000',
    },
    {
      args: ['waive', 'release-gate', '--layer', 'e2e-tier1', '--tracking', long, '--reason', 'flake', '--mitigation', 'manual run'],
      message: '--tracking is 10,001 characters; the limit is 10,000',
    },
    {
      args: ['waive', 'release-gate', '--layer', 'e2e-tier1', '--tracking', 'HF-1', '--reason', 'flake', '--mitigation', long],
      message: '--mitigation is 10,001 characters; the limit is 10,000',
    },
    {
      args: ['notify', 'qe-handoff', '--for', 'HYPERFLEET-960', '--set', `what-to-test=${long}`],
      message: '--set what-to-test is 10,001 characters; the limit is 10,000',
    },
    { args: ['notify', 'qe-handoff', '--set', `${'f'.repeat(101)}=x`], message: '--set field name is 101 characters; the limit is 100' },
    {
      args: ['hotfix', 'open', '--key', `HYPERFLEET-${'9'.repeat(90)}`, '--severity', 'Major', '--component', 'hyperfleet-api'],
      message: '--key is 101 characters; the limit is 100',
    },
  ])('$args.0 $args.1: $message, exit 2, nothing written', async ({ args, message }) => {
    write('hotfix-HYPERFLEET-960', [encodeEvent(opened('HYPERFLEET-960'))]);
    const before = contents();
    const run = await runCliAsync(args, env);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `hyperfleet-tui: ${message}\n` });
    expect(contents()).toEqual(before);
  });
});

describe('lines of the journal that do not count', () => {
  const at = (ms: number) => new Date(ms).toISOString();
  beforeEach(() => {
    write('release-v0.4.0', [
      encodeEvent({ id: 'plan', at: AT, actor: 'mbrudnoy', type: 'release-planned', release: 'v0.4.0', milestones: {} }),
      '{"v":1,"id":"torn',
      // Added by hand: an approval that would count for ever.
      JSON.stringify({ v: 1, id: 'forever', at: '9999-12-31T00:00:00Z', actor: 'rh-amarin', type: 'gate-approved', step: 'release-gate' }),
    ]);
    const copied = encodeEvent(opened('HYPERFLEET-960'));
    write('hotfix-HYPERFLEET-960', [copied, copied]);
  });
  const warnings = () => [
    `hyperfleet-tui: warning: ${dir}/release-v0.4.0.jsonl:2: not valid JSON; line skipped (fix or delete it)`,
    `hyperfleet-tui: warning: ${dir}/release-v0.4.0.jsonl:3: gate-approved dated 9999-12-31 00:00 UTC, later than this clock`,
    `hyperfleet-tui: warning: ${dir}/hotfix-HYPERFLEET-960.jsonl:2: duplicate of line 1; counted once`,
  ];

  it.each([
    [[]],
    [['summary']],
    [['status']],
    [['gate', '--json']],
    [['report', '--format', 'json']],
    [['notify', '--list']],
    [['notify', 'rc-available', '--dry-run']],
    [['plan', '--release', 'v0.4.0', '--ga', '2099-01-15']],
    [['approve', 'release-gate']],
    [['hotfix', 'list']],
    [['hotfix', 'timeline', 'HYPERFLEET-960']],
    [['hotfix', 'handoff', 'HYPERFLEET-960']],
  ])('%j says on stderr which lines it skipped, once each', (args) => {
    const run = runCli(args, { HYPERFLEET_STATE_DIR: dir });
    const said = run.stderr.split('\n').filter((l) => l.includes(': warning: '));
    expect(said).toHaveLength(3);
    warnings().forEach((warning, i) => expect(said[i]).toContain(warning));
  });

  it('an approval dated 9999-12-31 does not count, and a copied line counts once', () => {
    const gate = runCli(['gate', 'release-gate', '--json'], { HYPERFLEET_STATE_DIR: dir });
    expect(JSON.parse(gate.stdout)).toMatchObject({ step: 'release-gate', approval: null });
    const timeline = runCli(['hotfix', 'timeline', 'HYPERFLEET-960', '--format', 'json'], { HYPERFLEET_STATE_DIR: dir });
    const events = (JSON.parse(timeline.stdout) as { events: Array<{ at: string; from: string }> }).events;
    expect(events.filter((e) => e.from === 'journal' && e.at === at(AT))).toHaveLength(1);
  });
});
