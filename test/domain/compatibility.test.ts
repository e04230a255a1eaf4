import { describe, expect, it } from 'vitest';
import { compatibilityMatrix, matrixSentence, testedPlatforms } from '../../src/domain/compatibility.js';
import type { Component, LayerSpec } from '../../src/domain/config.js';
import { evaluateLayer } from '../../src/domain/layers.js';
import { releaseVersions, type ManifestFacts } from '../../src/domain/manifest.js';
import type { StatusSnapshot } from '../../src/domain/status.js';
import { HOUR } from '../../src/domain/time.js';
import { NOW, result, snapshot } from './fixtures.js';

const names = ['hyperfleet-api', 'hyperfleet-sentinel', 'hyperfleet-adapter', 'hyperfleet-applier'];
const components: Component[] = names.map((name) => ({ name, repo: name, image: `img/${name}`, chart: `chart/${name}` }));
const maxAge = { kind: 'calendar', ms: 26 * HOUR } as const;
const partner = (id: string, name: string, platform: string): LayerSpec => ({
  id,
  name,
  owner: name.split(' ')[0]!,
  scope: 'release',
  gate: 'advisory',
  maxAge,
  source: { kind: 'prow-job', job: `${id}-nightly` },
  platform,
});
const layers: LayerSpec[] = [
  { id: 'unit', name: 'Unit', owner: 'HF', scope: 'component', gate: 'mandatory', maxAge, source: { kind: 'commit-status', context: 'u' } },
  { id: 'e2e', name: 'E2E tier0', owner: 'HF', scope: 'release', gate: 'mandatory', maxAge, source: { kind: 'prow-job', job: 'e2e' } },
  partner('rosa', 'ROSA integration', 'ROSA, OpenShift 4.17'),
  partner('gcp', 'GCP integration', 'GCP (GKE) 1.30'),
];

const manifest = (release: string, versions: Record<string, string>): ManifestFacts => ({
  release: { state: 'found', manifest: { release, e2eRef: 'v1.5.0', components: versions } },
});

function matrixOf(facts: ManifestFacts | undefined, status: StatusSnapshot) {
  const evaluations = layers.map((layer) => evaluateLayer(layer, status, components, NOW));
  return compatibilityMatrix('v0.4.0', names, releaseVersions(names, 'v0.4.0', 'release-0.4', facts), evaluations);
}

const bothPassed = snapshot(result('rosa', null, 'passed'), result('gcp', null, 'passed'), result('e2e', null, 'passed'));

describe('the compatibility matrix', () => {
  it("gives each component the manifest's own version, in configuration order, and says where they come from", () => {
    const matrix = matrixOf(
      manifest('0.4', { 'hyperfleet-adapter': 'v2.0.0', 'hyperfleet-api': 'v1.5.0', 'hyperfleet-sentinel': 'v1.4.2' }),
      bothPassed,
    );
    expect(matrix.components).toEqual([
      { name: 'hyperfleet-api', version: 'v1.5.0', kind: 'ga' },
      { name: 'hyperfleet-sentinel', version: 'v1.4.2', kind: 'ga' },
      { name: 'hyperfleet-adapter', version: 'v2.0.0', kind: 'ga' },
    ]);
    expect(matrix).toMatchObject({ source: 'RELEASE_MANIFEST.yaml on release-0.4', why: null, stage: 'ga' });
    expect(matrixSentence(matrix)).toBe(
      'HyperFleet v0.4.0 = api v1.5.0 + sentinel v1.4.2 + adapter v2.0.0; tested on ROSA, OpenShift 4.17; GCP (GKE) 1.30',
    );
  });

  it('says RC while the manifest still names release candidates', () => {
    const matrix = matrixOf(manifest('0.4', { 'hyperfleet-api': 'v1.5.0-rc2', 'hyperfleet-sentinel': 'v1.4.2' }), bothPassed);
    expect(matrix.stage).toBe('rc');
    expect(matrix.components.map((c) => [c.version, c.kind])).toEqual([
      ['v1.5.0-rc2', 'rc'],
      ['v1.4.2', 'ga'],
    ]);
    expect(matrixSentence(matrix)).toMatch(/^HyperFleet v0\.4\.0 \(release candidate\) = api v1\.5\.0-rc2 \+ sentinel v1\.4\.2;/);
  });

  it('leaves out a component the manifest does not list, and names it as not in this release', () => {
    const matrix = matrixOf(
      manifest('0.4', { 'hyperfleet-api': 'v1.5.0', 'hyperfleet-adapter': 'v2.0.0', 'hyperfleet-broker': 'v0.1.0' }),
      bothPassed,
    );
    expect(matrix.components.map((c) => c.name)).toEqual(['hyperfleet-api', 'hyperfleet-adapter']);
    // Listed by the manifest but not configured (broker) is no component of the app's either.
    expect(matrix.notInRelease).toEqual(['hyperfleet-sentinel', 'hyperfleet-applier']);
    expect(matrixSentence(matrix)).toMatch(/^HyperFleet v0\.4\.0 = api v1\.5\.0 \+ adapter v2\.0\.0;/);
  });

  it('names an entry that is not a version as written, never as a version', () => {
    const matrix = matrixOf(manifest('0.4', { 'hyperfleet-api': 'latest', 'hyperfleet-sentinel': 'v1.4.2' }), bothPassed);
    expect(matrix.stage).toBe('not-versions');
    expect(matrix.components).toEqual([
      { name: 'hyperfleet-api', version: 'latest', kind: 'not-a-version' },
      { name: 'hyperfleet-sentinel', version: 'v1.4.2', kind: 'ga' },
    ]);
    expect(matrixSentence(matrix)).toMatch(/= api latest \(not a version\) \+ sentinel v1\.4\.2;/);
  });

  it('says why when the versions are unknown, and invents none', () => {
    const none = matrixOf(undefined, bothPassed);
    expect(none).toMatchObject({ source: null, stage: null, components: [], notInRelease: [] });
    expect(none.why).toBe(
      'RELEASE_MANIFEST.yaml on release-0.4 has not been read yet; RELEASE_MANIFEST.yaml on main has not been read yet',
    );
    const other = matrixOf(manifest('0.3', { 'hyperfleet-api': 'v0.3.0' }), bothPassed);
    expect(other.why).toBe(
      'RELEASE_MANIFEST.yaml on release-0.4 is for release 0.3, not 0.4; RELEASE_MANIFEST.yaml on main has not been read yet',
    );
    expect(matrixSentence(other)).toBe('HyperFleet v0.4.0: component versions unknown; tested on ROSA, OpenShift 4.17; GCP (GKE) 1.30');
    // The platforms are known either way.
    expect(testedPlatforms(other)).toEqual(['ROSA, OpenShift 4.17', 'GCP (GKE) 1.30']);
  });

  it('lists a partner platform as tested only when its latest run passed', () => {
    const matrix = matrixOf(
      manifest('0.4', { 'hyperfleet-api': 'v1.5.0' }),
      snapshot(result('rosa', null, 'passed'), result('gcp', null, 'failed'), result('e2e', null, 'passed')),
    );
    // Only layers with a platform are partner integrations: E2E (no platform) and Unit (per component) are not.
    expect(matrix.platforms.map((p) => [p.layer, p.platform, p.state, p.tested])).toEqual([
      ['rosa', 'ROSA, OpenShift 4.17', 'passed', true],
      ['gcp', 'GCP (GKE) 1.30', 'failed', false],
    ]);
    expect(matrixSentence(matrix)).toBe('HyperFleet v0.4.0 = api v1.5.0; tested on ROSA, OpenShift 4.17');

    const noRun = matrixOf(manifest('0.4', { 'hyperfleet-api': 'v1.5.0' }), snapshot(result('rosa', null, 'running')));
    expect(noRun.platforms.map((p) => [p.state, p.tested])).toEqual([
      ['running', false],
      ['missing', false],
    ]);
    expect(matrixSentence(noRun)).toBe('HyperFleet v0.4.0 = api v1.5.0; no partner platform has passed yet');
  });
});
