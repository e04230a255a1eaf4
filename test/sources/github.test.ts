import { validate } from '@octokit/graphql-schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import type { Fault } from '../../src/fakes/http.js';
import { GitHubSource } from '../../src/sources/github/github-source.js';
import { MORE_CONTEXTS_QUERY, statusQuery } from '../../src/sources/github/query.js';
import { SourceError } from '../../src/sources/source.js';
import { configWithComponents, greenWorld, repo, status, T0 } from '../helpers/fake-world.js';

let fake: FakeGitHub;
let url: string;
const config = configWithComponents(3);

beforeEach(async () => {
  fake = new FakeGitHub(greenWorld(config), () => T0);
  url = await fake.start();
});
afterEach(async () => fake.stop());

const source = (over: Partial<ConstructorParameters<typeof GitHubSource>[0]> = {}) =>
  new GitHubSource({ config, baseUrl: url, token: 'test-token', releaseBranch: 'release-0.4', timeoutMs: 1500, ...over });

describe('the GraphQL documents', () => {
  it.each([1, 3, 30])("the status query for %i repositories validates against GitHub's published schema", (n) => {
    expect(validate(statusQuery(n)).map((e) => e.message)).toEqual([]);
  });

  it("the next-page query validates against GitHub's published schema", () => {
    expect(validate(MORE_CONTEXTS_QUERY).map((e) => e.message)).toEqual([]);
  });

  it('the fake refuses a query the schema does not allow, as GitHub would', async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { authorization: 'bearer x' },
      body: JSON.stringify({ query: '{ viewer { nosuchfield } }' }),
    });
    expect(await response.json()).toMatchObject({ errors: [{ message: 'Cannot query field "nosuchfield" on type "User".' }] });
    expect(fake.invalidQueries).toHaveLength(1);
  });
});

describe('GitHubSource', () => {
  it("reads every repository in one request, as the token's viewer, with the rate-limit budget", async () => {
    const report = await source().fetch(T0);
    expect(fake.requestCount).toBe(1);
    expect(fake.invalidQueries).toEqual([]);
    expect(report.viewer).toBe('rh-amarin');
    // Each pull request's labels and last commit are a connection of their own: 2 points for this world.
    expect(report.rateLimit).toMatchObject({ remaining: 4998, limit: 5000, cost: 2 });
    const unit = report.results.filter((r) => r.layer === 'unit');
    expect(unit.map((r) => [r.component, r.state])).toEqual([
      ['c0', 'passed'],
      ['c1', 'passed'],
      ['c2', 'passed'],
    ]);
    expect(unit[0]).toMatchObject({ commit: 'c0'.padEnd(40, 'a'), finishedAt: T0 - 3600_000, source: 'github' });
  });

  it.each([3, 10, 30])('a refresh of %i repositories is exactly one GraphQL request', async (n) => {
    const big = configWithComponents(n);
    fake.world = greenWorld(big);
    const s = new GitHubSource({ config: big, baseUrl: url, token: 't', releaseBranch: 'release-0.4' });
    await s.fetch(T0);
    expect(fake.requestCount).toBe(1);
    expect(s.lastRequestCount).toBe(1);
  });

  it('prefers the release branch head when it exists', async () => {
    fake.world = {
      ...fake.world,
      repos: [
        repo('c0', [status('ci/prow/unit', 'SUCCESS')], [status('ci/prow/unit', 'FAILURE', T0, { description: 'TestWatch failed' })]),
        ...fake.world.repos.slice(1),
      ],
    };
    const report = await source().fetch(T0);
    expect(report.results.find((r) => r.layer === 'unit' && r.component === 'c0')).toMatchObject({
      state: 'failed',
      commit: 'c0'.padEnd(40, 'b'),
      detail: 'TestWatch failed',
    });
  });

  it('follows pageInfo when a commit has more than a page of checks', async () => {
    const many = Array.from({ length: 230 }, (_, i) => status(`ci/prow/extra-${i}`, 'SUCCESS'));
    fake.world = { ...fake.world, repos: [repo('c0', [...many, status('ci/prow/unit', 'FAILURE')]), ...fake.world.repos.slice(1)] };
    const s = source();
    const report = await s.fetch(T0);
    expect(s.lastRequestCount).toBe(3); // 100 + 100 + 31 checks
    expect(fake.invalidQueries).toEqual([]);
    expect(report.results.find((r) => r.layer === 'unit' && r.component === 'c0')!.state).toBe('failed');
  });

  it('maps check runs too, and a declared check that is absent is missing', async () => {
    fake.world = {
      ...fake.world,
      repos: [
        repo('c0', [{ kind: 'check-run', name: 'ci/prow/unit-race', state: 'TIMED_OUT', at: T0 }, status('ci/prow/unit', 'SUCCESS')]),
        repo('c1', [status('ci/prow/unit', 'PENDING')]),
        repo('c2', []),
      ],
    };
    const results = (await source().fetch(T0)).results.filter((r) => r.layer === 'unit');
    expect(results.map((r) => r.state)).toEqual(['failed', 'running', 'missing']);
  });

  it('keeps partial data when GitHub answers errors beside it, and says what was missing', async () => {
    fake.fail('partial-errors');
    const report = await source().fetch(T0);
    expect(report.warnings?.[0]).toMatch(/Could not resolve to a Repository/);
    expect(report.results.find((r) => r.layer === 'unit' && r.component === 'c0')!.state).toBe('missing');
    expect(report.results.find((r) => r.layer === 'unit' && r.component === 'c1')!.state).toBe('passed');
  });

  it('without a token says how to provide one, and sends nothing', async () => {
    await expect(source({ token: null }).fetch(T0)).rejects.toThrow(
      'no GitHub token: set GITHUB_TOKEN or GH_TOKEN, or run `gh auth login`',
    );
    expect(fake.requestCount).toBe(0);
  });

  const faults: Array<[Fault, RegExp, number | undefined]> = [
    ['500', /^GitHub answered 500/, undefined],
    ['502', /^GitHub answered 502/, undefined],
    ['429', /^GitHub is rate limiting \(429\): waiting 2s as asked$/, 2000],
    ['secondary-rate-limit', /^GitHub's secondary rate limit \(403\): waiting 3s as asked$/, 3000],
    ['malformed-json', /not valid JSON/, undefined],
    ['bad-credentials', /^GitHub rejected the token \(401\)/, undefined],
    ['timeout', /^GitHub did not answer within 1.5s$/, undefined],
  ];
  it.each(faults)("fault %s: one clear message, the server's wait honoured, no token in it", async (fault, message, retryAfterMs) => {
    fake.fail(fault);
    const error = await source()
      .fetch(T0)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).message).toMatch(message);
    expect((error as SourceError).message).not.toContain('test-token');
    expect((error as SourceError).retryAfterMs).toBe(retryAfterMs);
    // The fault cleared: the next refresh works.
    await expect(source().fetch(T0)).resolves.toMatchObject({ viewer: 'rh-amarin' });
  });

  it('an unreachable server is named with the network error', async () => {
    await fake.stop();
    await expect(source().fetch(T0)).rejects.toThrow(/^cannot reach GitHub at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/);
  });
});

describe("the fake's rate-limit cost, by GitHub's published estimate", () => {
  it('adds up the requests to fill every connection, divides by 100, rounds, at least 1', async () => {
    const { parse } = await import('graphql');
    const { estimateCost } = await import('../../src/fakes/github/cost.js');
    const query = parse(
      `query { viewer { repositories(first: 50) { nodes { issues(first: 10) { nodes { labels(first: $n) { nodes { name } } } } } } } }`,
    );
    // repositories: 1; issues: 50; labels: 50 × 10 = 500 → 551 requests → cost 6
    expect(estimateCost(query, { n: 20 })).toBe(6);
    expect(estimateCost(parse('query { viewer { login } }'), {})).toBe(1);
    expect(estimateCost(parse(statusQuery(30)), {})).toBe(20); // 65 requests per repository: 30 PRs × (labels + last commit)
  });
});
