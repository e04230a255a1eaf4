import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { milestonesFromGa } from '../../src/domain/cadence.js';
import { DAY } from '../../src/domain/time.js';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { greenWorld } from '../helpers/fake-world.js';
import { runCli, runCliAsync } from '../helpers/run-cli.js';

/** YYYY-MM-DD, `days` from now (UTC): the command line plans from the real clock. */
const dayFromNow = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const GA = dayFromNow(30);

let dir: string;
let github: FakeGitHub;
let url: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hf-plan-'));
  github = new FakeGitHub(greenWorld(bundledConfig()));
  url = await github.start();
});
afterEach(async () => {
  await github.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('plan', () => {
  it("starts a release journal with its milestones, as the token's GitHub login", async () => {
    const run = await runCliAsync(['plan', '--release', 'v0.5.0', '--ga', GA], {
      HYPERFLEET_STATE_DIR: dir,
      HYPERFLEET_GITHUB_API: url,
      GITHUB_TOKEN: 'test-token-for-the-fake',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('HyperFleet Release 0.5 · v0.5.0');
    const [line, rulebook] = readFileSync(join(dir, 'release-v0.5.0.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // The rules it was planned under go with it (config/rulebook): the files, and their hash on both events.
    expect(rulebook).toMatchObject({ type: 'rulebook-recorded', hash: line!.rulebook, files: expect.any(Array) });
    expect(line).toMatchObject({
      type: 'release-planned',
      release: 'v0.5.0',
      actor: 'rh-amarin',
      milestones: Object.fromEntries(Object.entries(milestonesFromGa(GA)).map(([k, v]) => [k, new Date(v).toISOString()])),
    });
    // The next start finds it without --release.
    const next = runCli(['summary'], { HYPERFLEET_STATE_DIR: dir });
    expect(next.stdout).toContain('v0.5.0');
  });

  it('refuses without a GitHub identity, and needs its dates', () => {
    expect(runCli(['plan', '--release', 'v0.5.0', '--ga', GA], { HYPERFLEET_STATE_DIR: dir })).toMatchObject({
      code: 1,
      stderr:
        'hyperfleet-tui: Not signed in (no GitHub token: set GITHUB_TOKEN or GH_TOKEN, or run `gh auth login`); nothing was recorded.\n',
    });
    // A token that GitHub never got to see is not met with "set GITHUB_TOKEN": the reason is GitHub's.
    const unreachable = runCli(['plan', '--release', 'v0.5.0', '--ga', GA], {
      HYPERFLEET_STATE_DIR: dir,
      GITHUB_TOKEN: 'ghp_never_shown_0123456789',
      HYPERFLEET_GITHUB_API: 'http://127.0.0.1:2',
    });
    expect(unreachable).toMatchObject({ code: 1 });
    expect(unreachable.stderr).toMatch(
      /^hyperfleet-tui: Not signed in \(cannot reach GitHub at http:\/\/127\.0\.0\.1:2 \(ECONNREFUSED\)\); nothing was recorded\.\n$/,
    );
    expect(unreachable.stderr).not.toContain('ghp_never_shown');
    expect(runCli(['plan', '--release', 'v0.5.0'])).toMatchObject({
      code: 2,
      stderr: 'hyperfleet-tui: plan needs --release vX.Y.Z and --ga YYYY-MM-DD\n',
    });
    // A GA day already past would start the release "Released" at 0/26: refused before anything is asked.
    const today = dayFromNow(0);
    expect(runCli(['plan', '--release', 'v0.5.0', '--ga', dayFromNow(-1)], { HYPERFLEET_STATE_DIR: dir })).toMatchObject({
      code: 2,
      stderr: `hyperfleet-tui: --ga ${dayFromNow(-1)} is in the past: today is ${today} (UTC), and GA is at 17:00 UTC of its day; give a later day\n`,
    });
    expect(runCli(['plan', '--release', 'v0.5.0', '--ga', '2020-01-01'])).toMatchObject({ code: 2 });
    expect(runCli(['plan', '--release', 'v0.5.0', '--ga', 'friday'])).toMatchObject({
      code: 2,
      stderr: 'hyperfleet-tui: --ga expects a date like 2026-12-11, got "friday"\n',
    });
  });
});
