import { validate } from '@octokit/graphql-schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import type { Fault } from '../../src/fakes/http.js';
import { GitHubSource } from '../../src/sources/github/github-source.js';
import { moreContextsQuery, statusQuery } from '../../src/sources/github/query.js';
import { SourceError } from '../../src/sources/source.js';
import { configWithComponents, greenWorld, repo, status, T0 } from '../helpers/fake-world.js';
import { HOUR } from '../../src/domain/time.js';

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

  it.each([1, 30])("the next-page query for %i branch heads validates against GitHub's published schema", (n) => {
    expect(validate(moreContextsQuery(n)).map((e) => e.message)).toEqual([]);
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
    // 14 connections a repository (two heads' checks, tags, the newest tags' checks), 42 in all: GitHub's minimum, 1.
    expect(report.rateLimit).toMatchObject({ remaining: 4999, limit: 5000, cost: 1 });
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
    // Which branches exist: the release branch is cut in c0 only (what the E2E layers' release-branch jobs wait for).
    expect(report.repos!.find((r) => r.repo === 'c0')?.branches).toEqual(['main', 'release-0.4']);
    expect(report.repos!.find((r) => r.repo === 'c1')?.branches).toEqual(['main']);
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

  it("reads each tag's commit checks in the same request: statuses by context, a workflow run by its workflow's name", async () => {
    const konflux = (state: string, at = T0) =>
      status('Konflux / c1-on-tag', state, at, { url: 'https://konflux.example/c1-on-tag-x7k2p', description: 'build' });
    const job = (name: string, state: string, workflow = 'RC E2E Trigger') => ({
      kind: 'check-run' as const,
      name,
      state,
      at: T0,
      workflow,
    });
    fake.world = {
      ...fake.world,
      repos: [
        {
          ...repo('c0', []),
          tags: [
            // Annotated: the ref's target is a Tag whose target is the commit.
            {
              name: 'release-0.4-rc1',
              oid: 'e'.repeat(40),
              at: T0 - HOUR,
              annotated: true,
              checks: [job('verify-images', 'SUCCESS'), job('trigger', 'FAILURE')],
            },
            { name: 'release-0.4-rc2', oid: 'd'.repeat(40), at: T0, checks: [job('verify-images', 'IN_PROGRESS')] },
          ],
        },
        // Lightweight: the ref's target is the commit.
        {
          ...repo('c1', []),
          tags: [
            { name: 'v0.4.0-rc1', oid: 'f'.repeat(40), at: T0 - HOUR, checks: [konflux('SUCCESS')] },
            { name: 'v0.4.0', oid: 'a'.repeat(40), at: T0, checks: [konflux('PENDING')] },
          ],
        },
        { ...repo('c2', []), tags: [{ name: 'v0.4.0', oid: 'b'.repeat(40), at: T0 }] },
      ],
    };
    const s = source();
    const report = await s.fetch(T0);
    expect(s.lastRequestCount).toBe(1);
    expect(fake.invalidQueries).toEqual([]);
    const checksOf = (name: string) => report.repos?.find((r) => r.repo === name)?.tagChecks;
    expect(checksOf('c1')).toEqual({
      'v0.4.0-rc1': [
        { name: 'Konflux / c1-on-tag', state: 'passed', url: 'https://konflux.example/c1-on-tag-x7k2p', detail: 'build', finishedAt: T0 },
      ],
      'v0.4.0': [
        { name: 'Konflux / c1-on-tag', state: 'running', url: 'https://konflux.example/c1-on-tag-x7k2p', detail: 'build', startedAt: T0 },
      ],
    });
    expect(checksOf('c0')).toEqual({
      'release-0.4-rc1': [
        {
          name: 'RC E2E Trigger',
          state: 'failed',
          url: expect.stringMatching(/\/runs\/RC%20E2E%20Trigger$/),
          startedAt: T0 - 10 * 60_000,
          finishedAt: T0,
          detail: 'failed: trigger',
        },
      ],
      'release-0.4-rc2': [{ name: 'RC E2E Trigger', state: 'running', url: expect.any(String), startedAt: T0 - 10 * 60_000 }],
    });
    // A tag whose commit has no checks has no entry: nothing reported, not "passed".
    expect(checksOf('c2')).toEqual({});
  });

  it('answers a repository it will not show as GitHub does: the alias null, an error naming it by path, with its type', async () => {
    fake.failRepository('c1', 'NOT_FOUND');
    fake.failRepository('c2', 'FORBIDDEN');
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { authorization: 'bearer x' },
      body: JSON.stringify({
        query: statusQuery(3),
        variables: { org: config.github.org, releaseBranch: 'refs/heads/x', r0: 'c0', r1: 'c1', r2: 'c2' },
      }),
    });
    const body = (await response.json()) as { data: Record<string, unknown>; errors: unknown[] };
    expect(body.data.r0).toMatchObject({ name: 'c0' });
    expect(body.data.r1).toBeNull();
    expect(body.data.r2).toBeNull();
    expect(body.errors).toEqual([
      {
        type: 'NOT_FOUND',
        path: ['r1'],
        locations: [expect.any(Object)],
        message: `Could not resolve to a Repository with the name '${config.github.org}/c1'.`,
      },
      { type: 'FORBIDDEN', path: ['r2'], locations: [expect.any(Object)], message: 'Resource not accessible by personal access token' },
    ]);
  });

  it("a repository GitHub leaves out is reported unanswered with GitHub's message: its cells placeholders, never missing", async () => {
    fake.failRepository('c1', 'NOT_FOUND');
    const report = await source().fetch(T0);
    const reason = `GitHub: Could not resolve to a Repository with the name '${config.github.org}/c1'.`;
    expect(report.unanswered).toEqual([{ repo: 'c1', reason }]);
    expect(report.warnings).toBeUndefined();
    const unit = (component: string) => report.results.find((r) => r.layer === 'unit' && r.component === component)!;
    expect(unit('c1')).toMatchObject({ state: 'unknown', stale: reason });
    expect(unit('c0')).toMatchObject({ state: 'passed' });
    expect(unit('c0').stale).toBeUndefined();
    expect(unit('c2').state).toBe('passed');
    expect(report.repos!.map((r) => r.repo)).toEqual(['c0', 'c2']);
  });

  it("a repository the token may not read is named in GitHub's message", async () => {
    fake.failRepository('c2', 'FORBIDDEN');
    const report = await source().fetch(T0);
    expect(report.unanswered).toEqual([
      { repo: 'c2', reason: `GitHub, for ${config.github.org}/c2: Resource not accessible by personal access token` },
    ]);
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

  it('an answer over 16 MB is one source error, read no further than the cap', async () => {
    fake.fail('oversized-body');
    await expect(source({ timeoutMs: 15_000 }).fetch(T0)).rejects.toThrow(/^GitHub sent an answer larger than 16 MB; it was not read$/);
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
    // 14 requests per repository: two branch heads' checks, the tags, and the 5 newest tags'
    // checks, counted once for a lightweight tag's commit and once for an annotated tag's (GitHub
    // cannot know which a tag is): 420 → 4. Pull requests are asked only where a rule reads them.
    expect(estimateCost(parse(statusQuery(30)), {})).toBe(4);
    // A search's nested connections count once per result it may return: 1 + 30 × 2.
    expect(
      estimateCost(
        parse(
          'query { search(type: ISSUE, query: "x", first: 30) { nodes { ... on PullRequest { labels(first: 5) { nodes { name } } commits(last: 1) { nodes { commit { oid } } } } } } }',
        ),
        {},
      ),
    ).toBe(1);
    expect(estimateCost(parse(statusQuery(1, 0, 0, { releaseMerges: true, hotfixRepos: [0] })), {})).toBe(1);
  });
});
