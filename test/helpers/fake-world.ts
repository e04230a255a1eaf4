import type { AppConfig, Component } from '../../src/domain/config.js';
import { afterEach, beforeEach, expect } from 'vitest';
import type { StatusSnapshot } from '../../src/domain/status.js';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import type { FakeCheck, FakePullRequest, FakeRepo, FakeWorld } from '../../src/fakes/world.js';
import { GitHubSource } from '../../src/sources/github/github-source.js';
import type { SourceReport } from '../../src/sources/source.js';
import { HOUR } from '../../src/domain/time.js';
import { releaseMakeup, type ReleaseMakeup } from '../../src/domain/facts.js';
import { releaseVersions } from '../../src/domain/manifest.js';
import { bundledConfig } from './demo-session.js';

export const T0 = Date.parse('2026-11-18T10:00:00Z');

/** The bundled config with `n` components named c0…c(n-1) and no support repositories. */
export function configWithComponents(n: number): AppConfig {
  const base = bundledConfig();
  const components: Component[] = Array.from({ length: n }, (_, i) => ({
    name: `c${i}`,
    repo: `c${i}`,
    image: `img/c${i}`,
    chart: `chart/c${i}`,
  }));
  return { ...base, components, supportRepos: [], github: { ...base.github, releaseRepo: 'c0' } };
}

export const status = (name: string, state: string, at = T0 - HOUR, extra: Partial<FakeCheck> = {}): FakeCheck => ({
  kind: 'status',
  name,
  state,
  at,
  url: `https://prow.example/${encodeURIComponent(name)}`,
  ...extra,
});

export function repo(name: string, checks: FakeCheck[], releaseChecks?: FakeCheck[]): FakeRepo {
  return {
    name,
    branches: {
      main: { oid: `${name}`.padEnd(40, 'a'), date: T0 - 2 * HOUR, checks },
      ...(releaseChecks ? { 'release-0.4': { oid: `${name}`.padEnd(40, 'b'), date: T0 - 3 * HOUR, checks: releaseChecks } } : {}),
    },
    tags: [{ name: 'v0.4.0-rc1', oid: 'f'.repeat(40) }],
    releases: [],
    pullRequests: [{ number: 7, title: 'fix: something', headRefName: 'fix', baseRefName: 'main', labels: ['hotfix'] }],
  };
}

/** A world where every component's unit and integration checks passed an hour ago. */
export function greenWorld(config: AppConfig): FakeWorld {
  return {
    org: config.github.org,
    viewer: 'rh-amarin',
    repos: config.components.map((c) =>
      repo(c.repo, [status('ci/prow/unit', 'SUCCESS'), status('ci/prow/presubmits-integration', 'SUCCESS')]),
    ),
    prowRuns: [],
  };
}

/**
 * The release v0.4.0 made of `versions` (one version for every configured component, or one
 * per component name), as RELEASE_MANIFEST.yaml on release-0.4 would name them.
 */
export function manifestMakeup(config: AppConfig, versions: string | Record<string, string>): ReleaseMakeup {
  const components = typeof versions === 'string' ? Object.fromEntries(config.components.map((c) => [c.name, versions])) : versions;
  const release = { state: 'found', manifest: { release: '0.4', e2eRef: 'release-0.4', components } } as const;
  return releaseMakeup(
    config.components,
    releaseVersions(
      config.components.map((c) => c.name),
      'v0.4.0',
      'release-0.4',
      { release },
    ),
  );
}

/**
 * What the GitHub source reads, through the real client, from the fake GitHub holding the green
 * world with `prs` as one repository's pull requests; the query checked against GitHub's schema.
 * `reads`: what the session tells the source the rules look at (an open hotfix's repository,
 * when code freeze began).
 */
export async function readPullRequests(
  { fake, url }: { readonly fake: FakeGitHub; readonly url: string },
  config: AppConfig,
  repoName: string,
  prs: FakePullRequest[],
  releaseBranch: string,
  reads: { readonly hotfixRepos?: readonly string[]; readonly freezeSince?: number | null } = {},
): Promise<{ report: SourceReport; snapshot: StatusSnapshot }> {
  const base = greenWorld(config);
  fake.world = { ...base, repos: base.repos.map((r) => (r.name === repoName ? { ...r, pullRequests: prs } : r)) };
  const report = await new GitHubSource({
    config,
    baseUrl: url,
    token: 'test-token',
    releaseBranch,
    hotfixRepos: () => reads.hotfixRepos ?? [],
    freezeSince: () => reads.freezeSince ?? null,
  }).fetch(T0);
  expect(fake.invalidQueries).toEqual([]);
  return { report, snapshot: { results: report.results, repos: report.repos, sources: [] } };
}

/** A fake GitHub on the green world for each test of the file, started before it and stopped after. */
export function fakeGitHubEachTest(config: AppConfig): { readonly fake: FakeGitHub; readonly url: string } {
  const started = {} as { fake: FakeGitHub; url: string };
  beforeEach(async () => {
    started.fake = new FakeGitHub(greenWorld(config), () => T0);
    started.url = await started.fake.start();
  });
  afterEach(async () => started.fake.stop());
  return started;
}
