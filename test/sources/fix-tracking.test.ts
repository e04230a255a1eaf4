import { describe, expect, it } from 'vitest';
import { trackFix } from '../../src/domain/fix.js';
import { applySourceOutcome } from '../../src/domain/snapshot.js';
import type { FakePullRequest } from '../../src/fakes/world.js';
import { GitHubSource } from '../../src/sources/github/github-source.js';
import type { SourceReport } from '../../src/sources/source.js';
import { fixLines } from '../../src/ui/text/fix-lines.js';
import { hotfixPhases } from '../../src/store/view.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { fakeGitHubEachTest, greenWorld, readPullRequests, T0 } from '../helpers/fake-world.js';
import { hotfixState } from '../domain/fixtures.js';

/**
 * "On both branches" is decided from live pull requests: the real @octokit/graphql client reads
 * the loopback fake GitHub (its query validated against GitHub's schema), and the domain follows
 * the fix PRs that name the hotfix into main and into release-0.3.
 */
const config = bundledConfig();
const adapter = config.components.find((c) => c.name === 'hyperfleet-adapter')!.repo;
const hotfix = hotfixState({ summary: 'status sync', reportedAt: T0 - 20 * 3600_000 });

const pr = (over: Partial<FakePullRequest> & Pick<FakePullRequest, 'number' | 'baseRefName'>): FakePullRequest => ({
  title: 'HYPERFLEET-901: re-establish the watch',
  headRefName: `fix-${over.number}`,
  labels: [],
  state: 'OPEN',
  checks: 'SUCCESS',
  reviewDecision: 'APPROVED',
  changedFiles: 2,
  createdAt: T0 - 3600_000,
  ...over,
});

const github = fakeGitHubEachTest(config);

async function readWith(prs: FakePullRequest[]) {
  const { report, snapshot } = await readPullRequests(github, config, adapter, prs, 'release-0.3', { hotfixRepos: [adapter] });
  const fix = trackFix(config, hotfix, report.repos);
  const done = { at: T0, by: 'x', via: 'manual' } as const;
  const records = { 'confirm-severity': done, rca: done, 'partner-notice': done };
  const steps = hotfixPhases(config, { ...hotfix, steps: records }, snapshot, T0).flatMap((p) => p.steps);
  const state = (id: string) => steps.find((s) => s.step.id === id)!;
  return { fix, state };
}

describe('fix PRs on both branches, from the fake GitHub', () => {
  it('merged on main only: the fix step passes, the cherry-pick and "both branches" do not, saying why', async () => {
    const { fix, state } = await readWith([
      pr({ number: 212, baseRefName: 'main', state: 'MERGED', mergedAt: T0 - 3600_000 }),
      pr({
        number: 215,
        baseRefName: 'release-0.3',
        title: '[release-0.3] fix',
        headRefName: 'cherry-pick-hyperfleet-901',
        checks: 'PENDING',
        reviewDecision: 'REVIEW_REQUIRED',
      }),
      pr({ number: 300, baseRefName: 'main', title: 'HYPERFLEET-9010: something else', state: 'MERGED' }),
      pr({ number: 301, baseRefName: 'release-0.3', title: 'HYPERFLEET-901: abandoned', state: 'CLOSED' }),
    ]);
    expect(fix).toMatchObject({
      main: { merged: { number: 212, state: 'merged' } },
      release: { prs: [{ number: 215 }] },
      bothMerged: false,
    });
    expect(fix!.main.merged!.mergedAt).toBe(T0 - 3600_000);
    expect(fix!.main.merged!.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(state('fix-on-main')).toMatchObject({ state: 'done', auto: true });
    expect(state('cherry-pick').reasons).toEqual(['into release-0.3: #215 open: CI running, review required']);
    expect(state('both-branches')).toMatchObject({
      state: 'waiting',
      reasons: ['into release-0.3: #215 open: CI running, review required'],
    });
  });

  it('merged on both (the release one found by its label): "both branches" passes', async () => {
    const { fix, state } = await readWith([
      pr({ number: 212, baseRefName: 'main', state: 'MERGED', mergedAt: T0 - 7200_000 }),
      pr({
        number: 216,
        baseRefName: 'release-0.3',
        title: 'Cherry-pick the watch fix',
        labels: ['HYPERFLEET-901'],
        state: 'MERGED',
        mergedAt: T0 - 600_000,
      }),
    ]);
    expect(fix!.bothMerged).toBe(true);
    expect(state('both-branches')).toMatchObject({ state: 'done', auto: true });
  });

  it('no PR names the hotfix: the steps wait and say where to name it', async () => {
    const { state } = await readWith([pr({ number: 7, baseRefName: 'main', title: 'chore: deps' })]);
    expect(state('both-branches').reasons).toEqual([
      'no PR into main names HYPERFLEET-901 (in its title, branch or labels)',
      'no PR into release-0.3 names HYPERFLEET-901 (in its title, branch or labels)',
    ]);
  });

  it('the scope guard flags a feat: title, a feature label and a wide change, on the attesting task', async () => {
    const { fix, state } = await readWith([
      pr({
        number: 220,
        baseRefName: 'main',
        title: 'feat(adapter): HYPERFLEET-901 new sync mode',
        labels: ['Feature'],
        changedFiles: 48,
        state: 'MERGED',
      }),
    ]);
    expect(fix!.scope.map((f) => f.reason)).toEqual([
      'its title says feat:',
      'it is labelled "Feature"',
      'it touches 48 files (more than 20)',
    ]);
    expect(state('attest-scope').reasons).toEqual([
      'needs "Cherry-pick merged on release-0.3"',
      'scope guard: #220 its title says feat:',
      'scope guard: #220 it is labelled "Feature"',
      'scope guard: #220 it touches 48 files (more than 20)',
    ]);
  });

  it('before GitHub answers, nothing is decided', () => {
    expect(trackFix(config, hotfix, undefined)).toBeNull();
    // An answer from before the hotfix was open did not read its repository's pull requests: waiting, not "no PR yet".
    expect(trackFix(config, hotfix, [{ repo: adapter, tags: [] }])).toBeNull();
    const input = hotfixPhases(config, hotfix, null, T0).flatMap((p) => p.steps);
    expect(input.find((s) => s.step.id === 'fix-on-main')!.state).not.toBe('done');
  });

  it("an answer that leaves the repository out keeps its fix PRs from the last good one, marked with GitHub's message", async () => {
    const fixed = [pr({ number: 212, baseRefName: 'main', state: 'MERGED', mergedAt: T0 - 3600_000 })];
    const base = greenWorld(config);
    github.fake.world = { ...base, repos: base.repos.map((r) => (r.name === adapter ? { ...r, pullRequests: fixed } : r)) };
    const source = new GitHubSource({
      config,
      baseUrl: github.url,
      token: 'test-token',
      releaseBranch: 'release-0.3',
      hotfixRepos: () => [adapter],
    });
    const outcome = (report: SourceReport) => ({ ok: true as const, ...report, repos: report.repos ?? [] });
    const good = applySourceOutcome(null, 'github', outcome(await source.fetch(T0)), T0);
    github.fake.failRepository(adapter, 'FORBIDDEN');
    const partial = applySourceOutcome(good, 'github', outcome(await source.fetch(T0 + 60_000)), T0 + 60_000);
    const message = `GitHub, for ${config.github.org}/${adapter}: Resource not accessible by personal access token`;
    const fix = trackFix(config, hotfix, partial.repos);
    expect(fix).toMatchObject({ main: { merged: { number: 212 } }, stale: message });
    expect(fixLines({ fix, patch: null })[0]!.text).toBe(`Fix: main ✓ #212 · release-0.3: no PR yet · stale: ${message}`);
  });
});
