import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/domain/config.js';
import { HOUR } from '../../src/domain/time.js';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import type { FakeCheck, FakePullRequest, FakeRepo } from '../../src/fakes/world.js';
import { GitHubSource, type GitHubSourceOptions } from '../../src/sources/github/github-source.js';
import { CHECKED_TAGS } from '../../src/sources/github/query.js';
import { configWithComponents, greenWorld, repo, status, T0 } from '../helpers/fake-world.js';

/**
 * What a refresh costs GitHub, through the real client against the fake (which validates every
 * document and reports GitHub's published cost estimate): one request while no branch head has
 * more than 100 checks, one more per round of pages for all heads that do, and pull requests
 * read only where the hotfix and code-freeze rules look.
 */
let fake: FakeGitHub;
let url: string;

beforeEach(async () => {
  fake = new FakeGitHub(greenWorld(configWithComponents(3)), () => T0);
  url = await fake.start();
});
afterEach(async () => fake.stop());

const sourceFor = (config: AppConfig, over: Partial<GitHubSourceOptions> = {}) =>
  new GitHubSource({ config, baseUrl: url, token: 'test-token', releaseBranch: 'release-0.4', ...over });

/** `count` checks on the head, all green but the last: 'ci/prow/unit', failed, on the last page. */
const manyChecks = (count: number): FakeCheck[] => [
  ...Array.from({ length: count - 1 }, (_, i) => status(`ci/prow/extra-${i}`, 'SUCCESS')),
  status('ci/prow/unit', 'FAILURE'),
];

const pr = (over: Partial<FakePullRequest> & Pick<FakePullRequest, 'number' | 'baseRefName'>): FakePullRequest => ({
  title: `fix ${over.number}`,
  headRefName: `fix-${over.number}`,
  labels: [],
  state: 'MERGED',
  createdAt: T0 - 8 * HOUR,
  mergedAt: T0 - HOUR,
  checks: 'SUCCESS',
  ...over,
});

describe('a round of further pages for every branch head with more than 100 checks', () => {
  it('30 repositories of 250 checks each take exactly 3 requests, and every last page is read', async () => {
    const config = configWithComponents(30);
    fake.world = { ...greenWorld(config), repos: config.components.map((c) => repo(c.repo, manyChecks(250))) };
    const source = sourceFor(config);
    const report = await source.fetch(T0);
    expect(source.lastRequestCount).toBe(3);
    expect(fake.requestCount).toBe(3);
    expect(fake.invalidQueries).toEqual([]);
    // Each round asks for the next page of all 30 heads at once.
    expect(fake.received.slice(1).map((q) => Object.keys(q.variables).filter((v) => v.startsWith('id')).length)).toEqual([30, 30]);
    const unit = report.results.filter((r) => r.layer === 'unit');
    expect(unit).toHaveLength(30);
    expect(unit.every((r) => r.state === 'failed')).toBe(true);
    expect(report.unanswered).toBeUndefined();
  });

  it('heads of different lengths: each is asked for only while it has more', async () => {
    const config = configWithComponents(3);
    fake.world = {
      ...greenWorld(config),
      repos: [repo('c0', manyChecks(250)), repo('c1', manyChecks(150)), repo('c2', manyChecks(20))],
    };
    const source = sourceFor(config);
    const report = await source.fetch(T0);
    expect(source.lastRequestCount).toBe(3);
    expect(fake.received.slice(1).map((q) => q.variables)).toEqual([
      { id0: expect.any(String), after0: expect.any(String), id1: expect.any(String), after1: expect.any(String) },
      { id0: expect.any(String), after0: expect.any(String) },
    ]);
    expect(report.results.filter((r) => r.layer === 'unit').map((r) => r.state)).toEqual(['failed', 'failed', 'failed']);
  });

  it("a head whose next page is not in the answer has its checks left out, not the others'", async () => {
    const config = configWithComponents(2);
    const world = { ...greenWorld(config), repos: [repo('c0', manyChecks(150)), repo('c1', manyChecks(150))] };
    // Between the first answer and the round of pages, c1's head is force-pushed: GitHub finds no commit by its id.
    let requests = 0;
    await fake.stop();
    fake = new FakeGitHub(world, () => {
      requests += 1;
      if (requests === 2) fake.world = { ...world, repos: [world.repos[0]!, { ...world.repos[1]!, branches: {} }] };
      return T0;
    });
    url = await fake.start();
    const report = await sourceFor(config).fetch(T0);
    const unit = (component: string) => report.results.find((r) => r.layer === 'unit' && r.component === component)!;
    expect(unit('c0').state).toBe('failed');
    const reason = `GitHub, for ${config.github.org}/c1: the next page of its checks was not in the answer`;
    expect(unit('c1')).toMatchObject({ state: 'unknown', stale: reason });
    expect(report.unanswered).toEqual([{ repo: 'c1', reason }]);
  });
});

describe("points per refresh, by GitHub's published estimate", () => {
  /** 30 or 100 repositories, with what costs most: an open hotfix's pull requests, the freeze search, hotfix manifests. */
  const costOf = async (n: number, reads: Partial<GitHubSourceOptions>) => {
    const config = configWithComponents(n);
    fake.world = greenWorld(config);
    const source = sourceFor(config, reads);
    const report = await source.fetch(T0);
    expect(source.lastRequestCount).toBe(1);
    expect(fake.invalidQueries).toEqual([]);
    return report.rateLimit!.cost;
  };
  const busiest: Partial<GitHubSourceOptions> = {
    hotfixRepos: () => ['c1'],
    freezeSince: () => T0 - 5 * HOUR,
    manifestRefs: () => ['refs/heads/release-0.3', 'refs/tags/release-0.3.1'],
  };

  it('30 repositories: 4 points, at most 5 with an open hotfix and code freeze on', async () => {
    expect(await costOf(30, {})).toBe(4);
    expect(await costOf(30, busiest)).toBeLessThanOrEqual(5);
  });

  it('100 repositories: 14 points, at most 15 with an open hotfix and code freeze on', async () => {
    expect(await costOf(100, {})).toBe(14);
    expect(await costOf(100, busiest)).toBeLessThanOrEqual(15);
  });

  it("the shared ledger's branch head rides in the same request at no point more, and is handed to the ledger", async () => {
    const seen: Array<{ head: string | null }> = [];
    const ledger = { repo: 'c0', branch: 'hyperfleet-tui/ledger', observed: (s: { head: string | null }) => seen.push(s) };
    for (const n of [30, 100]) {
      const without = await costOf(n, busiest);
      expect(await costOf(n, { ...busiest, ledger })).toBe(without);
    }
    expect(fake.received.at(-1)!.query).toContain('ledger: repository(owner: $org, name: $ledgerRepo)');
    // No such branch yet: its head is null, which the ledger is told as well.
    expect(seen).toEqual([{ head: null }, { head: null }]);
    fake.git.create('c0', 'hyperfleet-tui/ledger', 'c0'.padEnd(40, '0'));
    await costOf(30, { ledger });
    expect(seen.at(-1)).toEqual({ head: 'c0'.padEnd(40, '0') });
  });

  it("the ledger's repository not answered: its head is not handed on (the ledger reads it itself), and the rest is as usual", async () => {
    const seen: unknown[] = [];
    const config = configWithComponents(3);
    fake.world = greenWorld(config);
    const report = await sourceFor(config, { ledger: { repo: 'no-such-repo', branch: 'l', observed: (s) => seen.push(s) } }).fetch(T0);
    expect(seen).toEqual([]);
    expect(report.warnings).toBeUndefined();
    expect(report.results.filter((r) => r.layer === 'unit').map((r) => r.state)).toEqual(['passed', 'passed', 'passed']);
  });
});

describe('pull requests, only where the hotfix and code-freeze rules read them', () => {
  const config = configWithComponents(3);
  beforeEach(() => {
    const base = greenWorld(config);
    const prsOf: Record<string, FakePullRequest[]> = {
      c1: [
        pr({ number: 11, baseRefName: 'main', title: 'HYPERFLEET-901: fix', state: 'OPEN', mergedAt: undefined, labels: ['hotfix'] }),
        // Into the release branch after the freeze began, and labelled: both reads find it.
        pr({ number: 12, baseRefName: 'release-0.4', labels: ['HYPERFLEET-901'], reviews: [{ author: 'rafabene', state: 'APPROVED' }] }),
      ],
      c2: [
        pr({ number: 21, baseRefName: 'release-0.4', reviews: [{ author: 'rafabene', state: 'APPROVED' }] }),
        pr({ number: 22, baseRefName: 'main' }),
        pr({ number: 23, baseRefName: 'release-0.4', mergedAt: T0 - 6 * HOUR }),
        pr({ number: 24, baseRefName: 'release-0.4', state: 'OPEN', mergedAt: undefined }),
      ],
    };
    fake.world = { ...base, repos: base.repos.map((r): FakeRepo => ({ ...r, pullRequests: prsOf[r.name] ?? [] })) };
  });

  it('none while no hotfix is open and code freeze has not begun: no pull request is asked for', async () => {
    const report = await sourceFor(config).fetch(T0);
    expect(fake.received[0]!.query).not.toMatch(/pullRequests\(|search\(/);
    expect(report.repos!.map((r) => [r.pullRequests, r.releaseMerges])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it("an open hotfix's repository: its recent pull requests with labels and CI, no other repository's", async () => {
    const report = await sourceFor(config, { hotfixRepos: () => ['c1'] }).fetch(T0);
    expect(fake.invalidQueries).toEqual([]);
    const facts = (name: string) => report.repos!.find((r) => r.repo === name)!;
    expect(facts('c1').pullRequests!.map((p) => [p.number, p.labels, p.ci])).toEqual([
      [11, ['hotfix'], 'passed'],
      [12, ['HYPERFLEET-901'], 'passed'],
    ]);
    // Reviews were not asked for: not "no approvals".
    expect(facts('c1').pullRequests![1]!.reviews).toBeUndefined();
    expect(facts('c2').pullRequests).toBeUndefined();
    expect(facts('c1').releaseMerges).toBeUndefined();
  });

  it("code freeze on: every PR merged into a branch other than main since, with reviews, in each repository's release merges", async () => {
    const since = T0 - 5 * HOUR;
    const report = await sourceFor(config, { hotfixRepos: () => ['c1'], freezeSince: () => since }).fetch(T0);
    expect(fake.invalidQueries).toEqual([]);
    expect(fake.received[0]!.variables.releaseMerges).toBe(
      `org:${config.github.org} is:pr is:merged -base:main merged:>=2026-11-18T05:00:00Z sort:updated-desc`,
    );
    const facts = (name: string) => report.repos!.find((r) => r.repo === name)!;
    // Not main's, not merged before the freeze, not open.
    expect(facts('c2').releaseMerges!.map((p) => [p.number, p.reviews])).toEqual([[21, [{ by: 'rafabene', state: 'approved' }]]]);
    expect(facts('c2').releaseMerges![0]).toMatchObject({ state: 'merged', base: 'release-0.4', ci: 'passed', mergedAt: T0 - HOUR });
    // In both reads, each with what its rule reads: the hotfix's labels, the exception's reviews.
    expect(facts('c1').pullRequests!.find((p) => p.number === 12)!.labels).toEqual(['HYPERFLEET-901']);
    expect(facts('c1').releaseMerges).toMatchObject([{ number: 12, reviews: [{ by: 'rafabene', state: 'approved' }] }]);
    expect(facts('c0').releaseMerges).toEqual([]);
  });
});

describe("tags: every tag's name and date, the newest tags' checks", () => {
  it(`reads the checks of the ${CHECKED_TAGS} newest tags by commit date, whatever order they were made in`, async () => {
    const config = configWithComponents(1);
    const konflux = (at: number) => [status('Konflux / c0-on-tag', 'SUCCESS', at)];
    // Listed oldest first: GitHub orders them by commit date, newest first, as asked.
    const tags = Array.from({ length: 8 }, (_, i) => ({
      name: `v0.${i}.0`,
      oid: String(i).repeat(40),
      at: T0 - (8 - i) * HOUR,
      checks: konflux(T0 - (8 - i) * HOUR),
    }));
    fake.world = { ...greenWorld(config), repos: [{ ...repo('c0', []), tags }] };
    const report = await sourceFor(config).fetch(T0);
    const facts = report.repos![0]!;
    expect(facts.tags).toEqual(['v0.7.0', 'v0.6.0', 'v0.5.0', 'v0.4.0', 'v0.3.0', 'v0.2.0', 'v0.1.0', 'v0.0.0']);
    expect(Object.keys(facts.taggedAt!)).toHaveLength(8);
    expect(Object.keys(facts.tagChecks!).sort()).toEqual(['v0.3.0', 'v0.4.0', 'v0.5.0', 'v0.6.0', 'v0.7.0']);
  });
});
