import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { greenWorld } from '../helpers/fake-world.js';
import { runCli, runCliAsync } from '../helpers/run-cli.js';

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
    const run = await runCliAsync(['plan', '--release', 'v0.5.0', '--ga', '2026-12-11'], {
      HYPERFLEET_STATE_DIR: dir,
      HYPERFLEET_GITHUB_API: url,
      GITHUB_TOKEN: 'test-token-for-the-fake',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('HyperFleet Release 0.5 · v0.5.0');
    const line = JSON.parse(readFileSync(join(dir, 'release-v0.5.0.jsonl'), 'utf8').trim()) as Record<string, unknown>;
    expect(line).toMatchObject({
      type: 'release-planned',
      release: 'v0.5.0',
      actor: 'rh-amarin',
      milestones: { 'feature-freeze': '2026-12-07T09:00:00.000Z', ga: '2026-12-11T17:00:00.000Z' },
    });
    // The next start finds it without --release.
    const next = runCli(['summary'], { HYPERFLEET_STATE_DIR: dir });
    expect(next.stdout).toContain('v0.5.0');
  });

  it('refuses without a GitHub identity, and needs its dates', () => {
    expect(runCli(['plan', '--release', 'v0.5.0', '--ga', '2026-12-11'], { HYPERFLEET_STATE_DIR: dir })).toMatchObject({
      code: 1,
      stderr: 'hyperfleet-tui: Not signed in (no GitHub token: set GITHUB_TOKEN or GH_TOKEN, or run `gh auth login`); nothing was recorded.\n',
    });
    // A token that GitHub never got to see is not met with "set GITHUB_TOKEN": the reason is GitHub's.
    const unreachable = runCli(['plan', '--release', 'v0.5.0', '--ga', '2026-12-11'], {
      HYPERFLEET_STATE_DIR: dir,
      GITHUB_TOKEN: 'ghp_never_shown_0123456789',
      HYPERFLEET_GITHUB_API: 'http://127.0.0.1:2',
    });
    expect(unreachable).toMatchObject({ code: 1 });
    expect(unreachable.stderr).toMatch(/^hyperfleet-tui: Not signed in \(cannot reach GitHub at http:\/\/127\.0\.0\.1:2 \(ECONNREFUSED\)\); nothing was recorded\.\n$/);
    expect(unreachable.stderr).not.toContain('ghp_never_shown');
    expect(runCli(['plan', '--release', 'v0.5.0'])).toMatchObject({
      code: 2,
      stderr: 'hyperfleet-tui: plan needs --release vX.Y.Z and --ga YYYY-MM-DD\n',
    });
    expect(runCli(['plan', '--release', 'v0.5.0', '--ga', 'friday'])).toMatchObject({
      code: 2,
      stderr: 'hyperfleet-tui: --ga expects a date like 2026-12-11, got "friday"\n',
    });
  });
});
