import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { greenWorld } from '../helpers/fake-world.js';
import { runCli, runCliAsync } from '../helpers/run-cli.js';
import { configCopy, removeCopies, replaceOnce } from '../helpers/config-copy.js';

// runCli starts the binary in a clean environment: no TZ unless a test sets one, so every other CLI test reads UTC.
describe('the zone times are shown in', () => {
  let dir: string;
  let github: FakeGitHub;
  let env: Record<string, string>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hf-zone-'));
    github = new FakeGitHub(greenWorld(bundledConfig()));
    env = { HYPERFLEET_STATE_DIR: dir, HYPERFLEET_GITHUB_API: await github.start(), GITHUB_TOKEN: 'test-token-for-the-fake' };
    // A Major reported on Friday 20 November 09:00 UTC: due two working days later, Tuesday 24 November 09:00 UTC.
    const open = await runCliAsync(
      [
        ...['hotfix', 'open', '--key', 'HYPERFLEET-970', '--severity', 'Major', '--component', 'hyperfleet-api'],
        ...['--affects', 'v0.3.1', '--summary', 'Slow list', '--reported', '2026-11-20 09:00', '--tz', 'Europe/Berlin'],
      ],
      env,
    );
    expect(open.stderr).toBe('');
    expect(open.stdout).toMatch(/scheduled patch release, due 2026-11-24 10:00 CET\n$/);
  });
  afterEach(async () => {
    await github.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  afterAll(removeCopies);

  const deadlineShown = async (args: string[], extra: Record<string, string> = {}) => {
    const run = await runCliAsync(['hotfix', 'list', ...args], { ...env, ...extra });
    expect(run.stderr).toBe('');
    return /HYPERFLEET-970 .* v0\.3\.1 +(\S+ \S+ \S+)/.exec(run.stdout)?.[1];
  };

  it('--tz Europe/Berlin: the text says CET, a date further than a day away with it; --json stays ISO UTC', async () => {
    expect(await deadlineShown(['--tz', 'Europe/Berlin'])).toBe('2026-11-24 10:00 CET');
    const json = await runCliAsync(['hotfix', 'list', '--json', '--tz', 'Europe/Berlin'], env);
    expect(JSON.parse(json.stdout)).toMatchObject([{ key: 'HYPERFLEET-970', deadline: '2026-11-24T09:00:00.000Z' }]);
  });

  it('without --tz, TZ decides; without either, UTC', async () => {
    expect(await deadlineShown([], { TZ: 'Asia/Kolkata' })).toBe('2026-11-24 14:30 UTC+5:30');
    expect(await deadlineShown([], { TZ: ':America/New_York' })).toBe('2026-11-24 04:00 EST');
    expect(await deadlineShown([])).toBe('2026-11-24 09:00 UTC');
    expect(await deadlineShown(['--tz', 'Europe/Berlin'], { TZ: 'Asia/Kolkata' })).toBe('2026-11-24 10:00 CET');
  });

  it("display.timeZone comes after --tz and before TZ; the release's calendar stays hotfix.timeZone", async () => {
    const config = configCopy('hyperfleet.yaml', replaceOnce('prow:\n', 'display:\n  timeZone: Asia/Tokyo\nprow:\n'));
    expect(await deadlineShown(['--config', config], { TZ: 'Asia/Kolkata' })).toBe('2026-11-24 18:00 UTC+9');
    expect(await deadlineShown(['--config', config, '--tz', 'UTC'])).toBe('2026-11-24 09:00 UTC');
  });

  it('a TZ that names no zone is said once on stderr, and times are in UTC', async () => {
    const run = await runCliAsync(['hotfix', 'list'], { ...env, TZ: 'Mars/Olympus' });
    expect(run.stderr).toBe(
      'hyperfleet-tui: warning: TZ=Mars/Olympus names no IANA zone; times are in UTC (set TZ or pass --tz, e.g. Europe/Berlin)\n',
    );
    expect(run.stdout).toContain('2026-11-24 09:00 UTC');
  });
});

describe('documents in the zone', () => {
  it('checklist --format md names the zone of its Due column and dates every time in it; --json stays ISO UTC', () => {
    const md = runCli(['checklist', '--demo', '--format', 'md', '--tz', 'Europe/Berlin']);
    expect(md.stderr).toBe('');
    expect(md.stdout).toContain('| Owner | Due (Europe/Berlin) | Done by |');
    expect(md.stdout).toMatch(/\| @rh-amarin \d{4}-\d\d-\d\d \d\d:\d\d CET \|/);
    const json = JSON.parse(runCli(['checklist', '--demo', '--json', '--tz', 'Europe/Berlin']).stdout) as {
      phases: Array<{ steps: Array<{ doneAt: string | null }> }>;
    };
    expect(json.phases[0]!.steps[0]!.doneAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('report: generated, approved and frozen at times dated in the zone', () => {
    const run = runCli(['report', '--demo', '--tz', 'Asia/Kolkata']);
    expect(run.stdout).toMatch(/^_Generated \d{4}-\d\d-\d\d \d\d:\d\d UTC\+5:30 by hyperfleet-tui\._$/m);
    expect(run.stdout).toMatch(/valid approval by @ciaranroche at \d{4}-\d\d-\d\d \d\d:\d\d UTC\+5:30/);
  });
});

describe('--tz with a zone that does not exist', () => {
  it.each([
    ['hotfix list', ['hotfix', 'list']],
    ['checklist', ['checklist', '--demo']],
    ['the interactive app', ['--demo']],
  ])('%s: a usage error (exit 2) in one line, nothing else printed', (_, args) => {
    expect(runCli([...args, '--tz', 'Mars/Olympus'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'hyperfleet-tui: --tz: unknown time zone "Mars/Olympus": expected an IANA zone such as UTC, Europe/Berlin or Asia/Kolkata\n',
    });
  });

  it('--tz needs a value', () => {
    const run = runCli(['summary', '--demo', '--tz']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^hyperfleet-tui: Option '--tz <value>' argument missing/);
  });
});
