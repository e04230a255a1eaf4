import { validate } from '@octokit/graphql-schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import type { FakeRepo } from '../../src/fakes/world.js';
import { GitHubSource } from '../../src/sources/github/github-source.js';
import { statusQuery } from '../../src/sources/github/query.js';
import { configWithComponents, greenWorld, repo, T0 } from '../helpers/fake-world.js';

/** The release repository is c0 in this configuration; it gets a release-0.4 branch here. */
const config = configWithComponents(3);
let fake: FakeGitHub;
let url: string;

beforeEach(async () => {
  fake = new FakeGitHub(greenWorld(config), () => T0);
  url = await fake.start();
});
afterEach(async () => fake.stop());

const MAIN = 'release: "0.5"\ne2e_ref: main\ncomponents:\n  c0: v1.6.0-dev\n  c1: v1.5.0-dev\n';
const RELEASE =
  'release: "0.4"\ne2e_ref: release-0.4\ninfra_ref: release-0.4\ncomponents:\n  c0: v1.5.0-rc1\n  c1: v1.4.2\n  c2: v2.0.0-rc2\n';

/** The release repository with these files; `release` null: it has no release-0.4 branch. */
function withManifests(files: Record<string, Record<string, string>>, release: boolean = true): void {
  const base = repo('c0', [], release ? [] : undefined);
  const releaseRepo: FakeRepo = { ...base, files };
  fake.world = { ...fake.world, repos: [releaseRepo, ...fake.world.repos.slice(1)] };
}

/** The release repository (c0, set up by withManifests) changed by `edit`. */
function editReleaseRepo(edit: (repo: FakeRepo) => FakeRepo): void {
  fake.world = { ...fake.world, repos: [edit(fake.world.repos[0]!), ...fake.world.repos.slice(1)] };
}

const manifestOf = async () => {
  const report = await new GitHubSource({ config, baseUrl: url, token: 't', releaseBranch: 'release-0.4' }).fetch(T0);
  expect(fake.invalidQueries).toEqual([]);
  return report.repos?.find((r) => r.repo === 'c0')?.manifest;
};

describe("the release repository's RELEASE_MANIFEST.yaml", () => {
  it.each([1, 3, 30])("the status query with the manifest reads, for %i repositories, validates against GitHub's schema", (n) => {
    expect(validate(statusQuery(n, 0)).map((e) => e.message)).toEqual([]);
  });

  it('is read from main and from the release branch in the same one request, each at its branch head', async () => {
    withManifests({ main: { 'RELEASE_MANIFEST.yaml': MAIN }, 'release-0.4': { 'RELEASE_MANIFEST.yaml': RELEASE } });
    const manifest = await manifestOf();
    expect(fake.requestCount).toBe(1);
    expect(manifest).toEqual({
      main: {
        state: 'found',
        commit: 'c0'.padEnd(40, 'a'),
        manifest: { release: '0.5', e2eRef: 'main', components: { c0: 'v1.6.0-dev', c1: 'v1.5.0-dev' } },
      },
      release: {
        state: 'found',
        commit: 'c0'.padEnd(40, 'b'),
        // infra_ref is allowed, and not read.
        manifest: { release: '0.4', e2eRef: 'release-0.4', components: { c0: 'v1.5.0-rc1', c1: 'v1.4.2', c2: 'v2.0.0-rc2' } },
      },
    });
    // Only the release repository's manifest is asked for: two objects, once.
    expect(fake.received[0]!.query.match(/object\(expression/g)).toHaveLength(2);
  });

  it('is absent, with why, when the branch or the file is not there', async () => {
    withManifests({ main: { 'README.md': '# hyperfleet-release' } }, false);
    expect(await manifestOf()).toEqual({
      main: { state: 'absent', why: 'main has no such file' },
      release: { state: 'absent', why: 'no branch release-0.4' },
    });
  });

  it('reads an unquoted release as written: 0.10 is release "0.10", not the number 0.1', async () => {
    withManifests({ main: { 'RELEASE_MANIFEST.yaml': 'release: 0.10\ne2e_ref: main\ncomponents: { c0: v0.10.0-dev }\n' } });
    const read = (await manifestOf())?.main;
    expect(read?.state === 'found' && read.manifest.release).toBe('0.10');
  });

  it.each([
    ['YAML that does not parse', 'release: "0.4"\ne2e_ref: : main\ncomponents: {}\n', /^line 2: not valid YAML/],
    [
      'a component version that is not text',
      'release: "0.4"\ne2e_ref: main\ncomponents:\n  c0: v1.5.0\n  c1: 1.4\n',
      /^line 5: components\.c1: /,
    ],
    ['no components', 'release: "0.4"\ne2e_ref: main\n', /^line 1: components: .*needs release, e2e_ref and components/],
    ['a duplicated key', 'release: "0.4"\nrelease: "0.5"\ne2e_ref: main\ncomponents: {}\n', /^line 2: not valid YAML/],
  ])('is invalid, with the line and what it needs, for %s', async (_, text, problem) => {
    withManifests({ main: {}, 'release-0.4': { 'RELEASE_MANIFEST.yaml': text } });
    const read = (await manifestOf())?.release;
    expect(read?.state).toBe('invalid');
    expect(read?.state === 'invalid' && read.problem).toMatch(problem);
  });

  it('refuses a "billion laughs" manifest rather than expanding it', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x]',
      ...Array.from({ length: 6 }, (_, i) => `${'bcdefg'[i]}: &${'bcdefg'[i]} [${Array(5).fill(`*${'abcdef'[i]}`).join(', ')}]`),
    ];
    withManifests({ 'release-0.4': { 'RELEASE_MANIFEST.yaml': `${bomb.join('\n')}\nrelease: "0.4"\ne2e_ref: main\ncomponents: {}\n` } });
    const read = (await manifestOf())?.release;
    expect(read?.state === 'invalid' && read.problem).toMatch(/YAML aliases/);
  });

  it('keeps terminal control sequences in the file off the screen', async () => {
    withManifests({
      'release-0.4': { 'RELEASE_MANIFEST.yaml': 'release: "0.4"\ne2e_ref: "main\\e]0;owned\\a"\ncomponents:\n  c0: "v1.5.0\\e[2J"\n' },
    });
    const read = (await manifestOf())?.release;
    expect(read?.state === 'found' && read.manifest).toEqual({ release: '0.4', e2eRef: 'main', components: { c0: 'v1.5.0' } });
  });

  it("reads the release branch's manifest when a tag has the branch's name, as rev-parse would take the tag", async () => {
    const tagged = 'release: "0.4"\ne2e_ref: release-0.4\ncomponents:\n  c0: v1.5.0-rc1\n';
    withManifests({ 'release-0.4': { 'RELEASE_MANIFEST.yaml': RELEASE } });
    editReleaseRepo((repo) => ({
      ...repo,
      tags: [{ name: 'release-0.4', oid: 'e'.repeat(40) }],
      tagFiles: { 'release-0.4': { 'RELEASE_MANIFEST.yaml': tagged } },
    }));
    const read = (await manifestOf())?.release;
    expect(read?.state === 'found' && read.manifest.components).toEqual({ c0: 'v1.5.0-rc1', c1: 'v1.4.2', c2: 'v2.0.0-rc2' });
  });

  it("reads an open hotfix's release branch and release tag in the same request, each by its full ref", async () => {
    const patched = 'release: "0.3"\ne2e_ref: release-0.3\ncomponents:\n  c0: v0.3.2\n  c1: v0.3.1\n';
    const released = 'release: "0.3"\ne2e_ref: release-0.3\ncomponents:\n  c0: v0.3.1\n  c1: v0.3.1\n';
    withManifests({ 'release-0.3': { 'RELEASE_MANIFEST.yaml': patched } });
    editReleaseRepo((repo) => ({
      ...repo,
      branches: { ...repo.branches, 'release-0.3': { oid: 'd'.repeat(40), date: T0, checks: [] } },
      tags: [{ name: 'release-0.3.1', oid: 'e'.repeat(40) }],
      tagFiles: { 'release-0.3.1': { 'RELEASE_MANIFEST.yaml': released } },
    }));
    const refs = ['refs/heads/release-0.3', 'refs/tags/release-0.3.1', 'refs/tags/release-0.3.9'];
    const source = new GitHubSource({ config, baseUrl: url, token: 't', releaseBranch: 'release-0.4', manifestRefs: () => refs });
    const report = await source.fetch(T0);
    expect(fake.invalidQueries).toEqual([]);
    expect(fake.requestCount).toBe(1);
    expect(report.repos?.find((r) => r.repo === 'c0')?.manifest?.byRef).toEqual({
      'refs/heads/release-0.3': {
        state: 'found',
        manifest: { release: '0.3', e2eRef: 'release-0.3', components: { c0: 'v0.3.2', c1: 'v0.3.1' } },
      },
      'refs/tags/release-0.3.1': {
        state: 'found',
        manifest: { release: '0.3', e2eRef: 'release-0.3', components: { c0: 'v0.3.1', c1: 'v0.3.1' } },
      },
      'refs/tags/release-0.3.9': { state: 'absent', why: 'no tag release-0.3.9, or no such file there' },
    });
  });

  it.each([0, 2, 6])("the status query with %i other manifest refs validates against GitHub's schema", (refs) => {
    expect(validate(statusQuery(3, 0, refs)).map((e) => e.message)).toEqual([]);
  });
});
