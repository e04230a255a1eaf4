import { describe, expect, it } from 'vitest';
import { componentTargets, gaVersion, releaseVersions, versionText, type ManifestRead } from '../../src/domain/manifest.js';

const configured = ['hyperfleet-api', 'hyperfleet-sentinel', 'hyperfleet-adapter', 'hyperfleet-applier'];
const found = (release: string, components: Record<string, string>): ManifestRead => ({
  state: 'found',
  manifest: { release, e2eRef: 'main', components },
});

describe('the release is the combination its manifest names', () => {
  it('reads each component its own version from the release branch, in configuration order', () => {
    const versions = releaseVersions(configured, 'v0.4.0', 'release-0.4', {
      main: found('0.5', { 'hyperfleet-api': 'v1.6.0-dev' }),
      release: found('0.4', { 'hyperfleet-adapter': 'v2.0.0', 'hyperfleet-api': 'v1.5.0-rc2', 'hyperfleet-sentinel': 'v1.4.2' }),
    });
    expect(versions.state).toBe('known');
    if (versions.state !== 'known') return;
    expect(versions.branch).toBe('release-0.4');
    expect(versions.components.map((c) => [c.component, c.text])).toEqual([
      ['hyperfleet-api', 'v1.5.0-rc2'],
      ['hyperfleet-sentinel', 'v1.4.2'],
      ['hyperfleet-adapter', 'v2.0.0'],
    ]);
    // A configured component the manifest does not name is not part of the release.
    expect(versions.unlisted).toEqual(['hyperfleet-applier']);
    expect(versionText(gaVersion(versions.components[0]!.version))).toBe('v1.5.0');
  });

  it("uses main's manifest only while it names this release", () => {
    const before = releaseVersions(configured, 'v0.4.0', 'release-0.4', {
      main: found('0.4', { 'hyperfleet-api': 'v1.5.0-rc1' }),
      release: { state: 'absent', why: 'no branch release-0.4' },
    });
    expect(before.state === 'known' && before.branch).toBe('main');
    const other = releaseVersions(configured, 'v0.4.0', 'release-0.4', {
      main: found('0.3', { 'hyperfleet-api': 'v0.3.0-dev' }),
      release: { state: 'absent', why: 'no branch release-0.4' },
    });
    expect(other).toEqual({
      state: 'unknown',
      why: 'no RELEASE_MANIFEST.yaml on release-0.4 (no branch release-0.4); RELEASE_MANIFEST.yaml on main is for release 0.3, not 0.4',
    });
  });

  it("never falls back to main's manifest when the release branch's does not parse", () => {
    const versions = releaseVersions(configured, 'v0.4.0', 'release-0.4', {
      main: found('0.4', { 'hyperfleet-api': 'v1.5.0-rc1' }),
      release: { state: 'invalid', problem: 'line 3: components must be a map' },
    });
    expect(versions).toEqual({
      state: 'unknown',
      why: 'RELEASE_MANIFEST.yaml on release-0.4 is not valid: line 3: components must be a map',
    });
  });

  it('names an entry that is not a version rather than guessing one', () => {
    const versions = releaseVersions(configured, 'v0.4.0', 'release-0.4', {
      release: found('0.4', { 'hyperfleet-api': 'latest', 'hyperfleet-sentinel': 'v1.4.2' }),
    });
    expect(versions.state === 'known' && versions.unparsed).toEqual([{ component: 'hyperfleet-api', text: 'latest' }]);
    expect(versions.state === 'known' && versions.components.map((c) => c.component)).toEqual(['hyperfleet-sentinel']);
  });

  it('says nothing is known before the manifest was read', () => {
    expect(releaseVersions(configured, 'v0.4.0', 'release-0.4', undefined).state).toBe('unknown');
  });
});

describe('what each component ships', () => {
  it('reads the X.Y.Z of a -dev, an RC and a GA entry, in configuration order; anything else is no version', () => {
    const versions = releaseVersions(configured, 'v0.4.0', 'release-0.4', {
      release: found('0.4', {
        'hyperfleet-adapter': 'v2.0.0-rc2',
        'hyperfleet-api': 'v1.5.0-dev',
        'hyperfleet-sentinel': 'v1.4.2',
        'hyperfleet-applier': 'main',
      }),
    });
    if (versions.state !== 'known') throw new Error('known');
    const { targets, notVersions } = componentTargets(configured, versions);
    expect(targets.map((t) => [t.component, versionText(t.target), t.stage, t.rc])).toEqual([
      ['hyperfleet-api', 'v1.5.0', 'dev', undefined],
      ['hyperfleet-sentinel', 'v1.4.2', 'ga', undefined],
      ['hyperfleet-adapter', 'v2.0.0', 'rc', 2],
    ]);
    expect(notVersions).toEqual([{ component: 'hyperfleet-applier', text: 'main' }]);
  });
});
