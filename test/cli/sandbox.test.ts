import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, runCliAsync } from '../helpers/run-cli.js';
import { startSandbox, type RunningSandbox } from '../helpers/sandbox.js';

/**
 * `hyperfleet-tui sandbox` as a real process, and the app's commands in other processes that
 * know of it only what it printed: two people, each with their own token and state directory.
 */
let sandbox: RunningSandbox | null = null;
afterEach(async () => {
  // Stopped as a person stops it, so it removes its files whatever the test did.
  const running = sandbox;
  sandbox = null;
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGTERM');
    await running.exited;
  }
});

describe('hyperfleet-tui sandbox', () => {
  it("prints every terminal's exports; one person's tick reaches the other's checklist; Ctrl-C stops it, exit 0, its files removed", async () => {
    const printed = (sandbox = await startSandbox());
    expect(Object.keys(printed.exports)).toEqual([
      'HYPERFLEET_GITHUB_API',
      'HYPERFLEET_PROW_URL',
      'HYPERFLEET_REGISTRY_URL',
      'HYPERFLEET_SLACK_API',
      'SLACK_BOT_TOKEN',
      'HYPERFLEET_LEDGER',
      'HYPERFLEET_CONFIG',
    ]);
    // Nothing leaves the machine: every backend is on loopback.
    for (const name of ['HYPERFLEET_GITHUB_API', 'HYPERFLEET_PROW_URL', 'HYPERFLEET_REGISTRY_URL', 'HYPERFLEET_SLACK_API'])
      expect(printed.exports[name]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(printed.exports.HYPERFLEET_LEDGER).toBe('hyperfleet-release@hyperfleet-tui/ledger');
    // Each line runs as pasted: the app as this sandbox was started (a clone's bin/ is not on PATH).
    expect(printed.commands).toEqual(printed.people.map(() => BIN));
    const [amarin, ciaran] = printed.people;
    expect(amarin?.GITHUB_TOKEN).toBe('demo-rh-amarin');
    expect(ciaran?.GITHUB_TOKEN).toBe('demo-ciaranroche');
    expect(amarin!.HYPERFLEET_STATE_DIR).not.toBe(ciaran!.HYPERFLEET_STATE_DIR);

    const as = (who: typeof amarin, args: string[]) => runCliAsync(args, { ...printed.exports, ...who });
    const ticked = await as(amarin, ['tick', 'code-freeze', '--note', 'rehearsed: posted by hand']);
    expect(ticked).toMatchObject({ code: 0, stderr: '' });
    const seen = await as(ciaran, ['checklist', '--json']);
    // Exit 1: the demo's RC E2E check is red, as it is on release day.
    expect(seen).toMatchObject({ code: 1, stderr: '' });
    const steps = (JSON.parse(seen.stdout) as { phases: Array<{ steps: Array<Record<string, unknown>> }> }).phases.flatMap((p) => p.steps);
    expect(steps.find((s) => s.id === 'code-freeze')).toMatchObject({
      state: 'done',
      doneBy: 'rh-amarin',
      note: 'rehearsed: posted by hand',
    });
    const status = await as(ciaran, ['ledger', 'status']);
    // The demo's 22 events (its story so far, and the CI Owner's step claim and its renewal), and the tick.
    expect(status.stdout).toMatch(
      /^shared on openshift-hyperfleet\/hyperfleet-release@hyperfleet-tui\/ledger, outbox \S+: 23 events shared, 0 pending, read /,
    );
    expect(existsSync(amarin!.HYPERFLEET_STATE_DIR)).toBe(true);
    // Without a person's token (another one: `gh auth token`'s), no one is signed in as somebody else.
    const stranger = await runCliAsync(['ledger', 'status'], {
      ...printed.exports,
      GITHUB_TOKEN: 'ghp_not-a-sandbox-token',
      HYPERFLEET_STATE_DIR: `${amarin!.HYPERFLEET_STATE_DIR}-x`,
    });
    expect(stranger).toMatchObject({ code: 2, stdout: '' });
    expect(stranger.stderr).toMatch(/the shared ledger could not be read: GitHub rejected the token \(401\)/);
    expect(stranger.stderr).not.toContain('ghp_not');

    printed.child.kill('SIGINT');
    expect(await printed.exited).toEqual({ code: 0, stderr: 'hyperfleet-tui: sandbox stopped; its files are removed\n' });
    expect(existsSync(amarin!.HYPERFLEET_STATE_DIR)).toBe(false);
    expect(existsSync(ciaran!.HYPERFLEET_STATE_DIR)).toBe(false);
  }, 90_000);

  it('SIGTERM stops it the same way', async () => {
    const printed = (sandbox = await startSandbox());
    printed.child.kill('SIGTERM');
    expect(await printed.exited).toMatchObject({ code: 0 });
    expect(existsSync(printed.people[0]!.HYPERFLEET_STATE_DIR.replace(/\/[^/]+$/, ''))).toBe(false);
  }, 60_000);

  it("--story: a line typed in its terminal plays the story's next event in the world, which the people's apps then read", async () => {
    const running = (sandbox = await startSandbox(['--story']));
    const person = { ...running.exports, ...running.people[1]! };
    // E2E tier1 is red as the demo starts: the mandatory layers do not all pass.
    expect((await runCliAsync(['status'], person)).code).toBe(1);
    const said = running.printed(/^# release: /);
    running.child.stdin.write('r\n');
    expect(await said).toBe('# release: the E2E tier1 nightly and the RC E2E were re-run with the fix, and passed');
    expect(await runCliAsync(['status'], person)).toMatchObject({ code: 0, stderr: '' });
    // A colleague's action in the story is left to the person of that role.
    const hotfix = [];
    for (let i = 0; i < 8; i += 1) {
      const line = running.printed(/^# hotfix: /);
      running.child.stdin.write('h\n');
      hotfix.push(await line);
    }
    expect(hotfix.find((l) => l.includes('signed off'))).toMatch(/: left to @yingzhanredhat, in their terminal$/);
    expect(hotfix.at(-1)).toBe('# hotfix: the story is over');
  }, 90_000);

  it('HYPERFLEET_LEDGER that is not REPO@BRANCH is one line and exit 2', async () => {
    const result = await runCliAsync(['summary'], { HYPERFLEET_LEDGER: 'hyperfleet-tui/ledger', GITHUB_TOKEN: 't' });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(
      'hyperfleet-tui: HYPERFLEET_LEDGER: expected REPO@BRANCH, a repository of openshift-hyperfleet and a branch of it (e.g. hyperfleet-release@hyperfleet-tui/ledger), got "hyperfleet-tui/ledger"\n',
    );
  }, 30_000);

  it('takes no --release: it serves the demo release to every terminal (exit 2)', async () => {
    const result = await runCliAsync(['sandbox', '--release', 'v0.5.0']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(
      "hyperfleet-tui: sandbox takes no --release: it serves the demo's release for every terminal (see sandbox --help)\n",
    );
  }, 30_000);
});
