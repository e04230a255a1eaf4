import { describe, expect, it } from 'vitest';
import type { ManifestRead } from '../../src/domain/manifest.js';
import { patchManifest, patchManifestFindings, patchManifestReads, patchManifestRefs } from '../../src/domain/patch-manifest.js';
import { naming } from './fixtures.js';

const found = (release: string, components: Record<string, string>): ManifestRead => ({
  state: 'found',
  manifest: { release, e2eRef: 'release-0.3', components },
});
const RELEASED = found('0.3', { api: 'v0.3.1', sentinel: 'v0.3.1', adapter: 'v0.3.1' });
const hotfix = { component: 'adapter', affects: 'v0.3.1' };

/** The adapter hotfix of release 0.3.1 with these reads of release-0.3 and of the release-0.3.1 tag (null: not read). */
const findings = (onBranch?: ManifestRead, atBase: ManifestRead | null = RELEASED) => {
  const byRef = {
    ...(onBranch ? { 'refs/heads/release-0.3': onBranch } : {}),
    ...(atBase ? { 'refs/tags/release-0.3.1': atBase } : {}),
  };
  return patchManifestFindings(patchManifest(naming, hotfix, { byRef })!);
};

describe("a hotfix's manifest bump", () => {
  it('is read on the release branch and at the tag of the release it patches (the GA tag for X.Y.0)', () => {
    expect(patchManifestReads(patchManifestRefs(naming, 'v0.3.1')!)).toEqual(['refs/heads/release-0.3', 'refs/tags/release-0.3.1']);
    expect(patchManifestReads(patchManifestRefs(naming, 'v0.3.0')!)).toEqual(['refs/heads/release-0.3', 'refs/tags/release-0.3']);
    expect(patchManifestRefs(naming, 'latest')).toBeNull();
  });

  it('says nothing until both manifests are read', () => {
    expect(findings(undefined)).toBeNull();
    expect(findings(RELEASED, null)).toBeNull();
  });

  it('passes when only that component moved, to its patch tag, and shows what it was', () => {
    expect(findings(found('0.3', { api: 'v0.3.1', sentinel: 'v0.3.1', adapter: 'v0.3.2' }))).toEqual([
      { ok: true, text: 'adapter: v0.3.2 on release-0.3 (was v0.3.1 at tag release-0.3.1)' },
      { ok: true, text: 'the 2 other components as at tag release-0.3.1' },
    ]);
  });

  it('waits while the component is not at its patch tag (not yet bumped, or bumped to another version)', () => {
    expect(findings(RELEASED)).toEqual([
      { ok: false, text: 'adapter: v0.3.1 on release-0.3, not the patch v0.3.2 yet' },
      { ok: true, text: 'the 2 other components as at tag release-0.3.1' },
    ]);
    expect(findings(found('0.3', { api: 'v0.3.1', sentinel: 'v0.3.1', adapter: 'v0.3.3' }))?.[0]).toEqual({
      ok: false,
      text: 'adapter: v0.3.3 on release-0.3, not the patch v0.3.2 yet',
    });
  });

  it('names each other entry that moved, was added or dropped, and a changed release', () => {
    const moved = found('0.4', { api: 'v0.3.2', adapter: 'v0.3.2', applier: 'v0.1.0' });
    expect(findings(moved)).toEqual([
      { ok: true, text: 'adapter: v0.3.2 on release-0.3 (was v0.3.1 at tag release-0.3.1)' },
      { ok: false, text: 'api: v0.3.2 on release-0.3, was v0.3.1 at tag release-0.3.1: a hotfix bumps only adapter' },
      { ok: false, text: 'sentinel: dropped on release-0.3, was v0.3.1 at tag release-0.3.1: a hotfix bumps only adapter' },
      { ok: false, text: 'applier: v0.1.0 on release-0.3, was not named at tag release-0.3.1: a hotfix bumps only adapter' },
      { ok: false, text: 'release: "0.4" on release-0.3, was "0.3" at tag release-0.3.1' },
    ]);
  });

  it('cannot say the others are unchanged without the release tag’s manifest, nor check a broken one', () => {
    expect(findings(RELEASED, { state: 'absent', why: 'no tag release-0.3.1, or no such file there' })).toEqual([
      { ok: false, text: 'no RELEASE_MANIFEST.yaml at tag release-0.3.1 to compare with (no tag release-0.3.1, or no such file there)' },
    ]);
    expect(findings({ state: 'invalid', problem: 'line 2: not valid YAML' })).toEqual([
      { ok: false, text: 'RELEASE_MANIFEST.yaml on release-0.3 is not valid: line 2: not valid YAML' },
    ]);
  });
});
