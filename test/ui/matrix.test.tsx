import { describe, expect, it } from 'vitest';
import { Controller } from '../../src/app/controller.js';
import type { ManifestRead } from '../../src/domain/manifest.js';
import type { LayerResult, StatusSnapshot } from '../../src/domain/status.js';
import { HOUR } from '../../src/domain/time.js';
import { FileJournalStore } from '../../src/journal/file-store.js';
import { createAppStore } from '../../src/store/app-store.js';
import { bundledConfig, DEMO_NOW } from '../helpers/demo-session.js';
import { KEYS, renderApp } from '../helpers/ui.js';

/** A one-byte CSI, a right-to-left override and an isolate: what a manifest on GitHub could carry. */
const HOSTILE = '\u009b31m\u202e\u2066';
const RAW = /[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/;

const layer = (id: string, state: LayerResult['state']): LayerResult => ({
  layer: id,
  component: null,
  state,
  finishedAt: DEMO_NOW - HOUR,
  fetchedAt: DEMO_NOW,
  source: 'prow',
});

/** The app over a snapshot whose release repository carries RELEASE_MANIFEST.yaml on release-0.4 (no live source). */
async function app(manifest: ManifestRead | undefined, results: LayerResult[]) {
  const config = bundledConfig();
  const snapshot: StatusSnapshot = {
    results,
    repos: [{ repo: config.github.releaseRepo, tags: [], ...(manifest ? { manifest: { release: manifest } } : {}) }],
    sources: [
      { source: 'github', ok: true, lastSuccessAt: DEMO_NOW },
      { source: 'prow', ok: true, lastSuccessAt: DEMO_NOW },
    ],
  };
  const store = createAppStore({ config, release: 'v0.4.0', journalPlace: '-', now: DEMO_NOW, snapshot, sourceNames: ['github', 'prow'] });
  const controller = new Controller({
    store,
    journal: new FileJournalStore('/nonexistent'),
    sources: [],
    clock: () => DEMO_NOW,
    newId: () => 'id',
    random: () => 0.5,
  });
  return { store, ...(await renderApp({ store, controller })) };
}

const found = (components: Record<string, string>): ManifestRead => ({
  state: 'found',
  manifest: { release: '0.4', e2eRef: 'v1.5.0', components },
});
const lines = (frame: string) => frame.split('\n');
const BORDERED = /^[┌├└│]/;

describe('the compatibility matrix on the Status screen', () => {
  it('m shows the manifest versions and the partner platforms in ink-table tables, within 80x24; m again goes back', async () => {
    const { press, frame, resize } = await app(
      found({ 'hyperfleet-api': 'v1.5.0-rc2', 'hyperfleet-sentinel': 'v1.4.2', 'hyperfleet-adapter': 'v2.0.0' }),
      [layer('rosa', 'passed'), layer('e2e-tier0', 'passed')],
    );
    await resize(80, 24);
    await press('4');
    // The Status screen says the matrix in one line, and the key that opens it.
    expect(lines(frame())).toContain('m matrix · HyperFleet v0.4.0 (release candidate) = api v1.5.0-rc2 + sentinel v1…');
    await press('m');
    const shown = lines(frame());
    expect(shown.length).toBeLessThanOrEqual(24);
    expect(shown.every((l) => l.length <= 80)).toBe(true);
    expect(shown).toContain('Compatibility matrix · RELEASE_MANIFEST.yaml on release-0.4 · RC versions');
    const table = shown.filter((l) => BORDERED.test(l));
    expect(table).toEqual([
      '┌────────────┬────────────┬──────────┬─────────┐',
      '│ HyperFleet │ api        │ sentinel │ adapter │',
      '├────────────┼────────────┼──────────┼─────────┤',
      '│ v0.4.0     │ v1.5.0-rc2 │ v1.4.2   │ v2.0.0  │',
      '└────────────┴────────────┴──────────┴─────────┘',
      '┌──────────────────┬──────────────────────────────────┬────────────┬────────┐',
      '│ Partner          │ Platform                         │ Latest run │ Tested │',
      '├──────────────────┼──────────────────────────────────┼────────────┼────────┤',
      '│ ROSA integration │ ROSA, OpenShift 4.17             │ ✓ passed   │ ✓ yes  │',
      '├──────────────────┼──────────────────────────────────┼────────────┼────────┤',
      '│ GCP integration  │ GCP (GKE), version TBD (GCP-334) │ ? missing  │ ✗ no   │',
      '└──────────────────┴──────────────────────────────────┴────────────┴────────┘',
    ]);
    expect(frame().replace(/\s*\n/g, ' ')).toContain(
      'HyperFleet v0.4.0 (release candidate) = api v1.5.0-rc2 + sentinel v1.4.2 + adapter v2.0.0; tested on ROSA, OpenShift 4.17',
    );
    await press('m');
    expect(frame()).toMatch(/^Layer +Gate +Verdict/m);
    await press('m', KEYS.escape);
    expect(frame()).toMatch(/^Layer +Gate +Verdict/m);
  });

  it('leaves out a component the manifest does not list, and cuts a table to the width with "…" rather than overflow', async () => {
    const { press, frame, resize } = await app(found({ 'hyperfleet-api': 'v1.5.0', 'hyperfleet-adapter': 'v2.0.0' }), [
      layer('rosa', 'failed'),
    ]);
    await resize(70, 30);
    await press('4', 'm');
    const shown = lines(frame());
    expect(shown.every((l) => l.length <= 70)).toBe(true);
    expect(shown.filter((l) => l.startsWith('│ '))).toEqual([
      '│ HyperFleet │ api    │ adapter │',
      '│ v0.4.0     │ v1.5.0 │ v2.0.0  │',
      // The widest column gave way, its cut text ending in "…".
      '│ Partner          │ Platform                  │ Latest run │ Tested │',
      '│ ROSA integration │ ROSA, OpenShift 4.17      │ ✗ failed   │ ✗ no   │',
      '│ GCP integration  │ GCP (GKE), version TBD (… │ ? missing  │ ✗ no   │',
    ]);
    expect(frame()).toContain('Not in this release (not in the manifest): sentinel');
    expect(frame().replace(/\s*\n/g, ' ')).toContain('HyperFleet v0.4.0 = api v1.5.0 + adapter v2.0.0; no partner platform has passed yet');
  });

  it('says why there are no versions instead of a table of guesses, and strips control sequences from the manifest', async () => {
    const { press, frame, resize } = await app({ state: 'invalid', problem: `line 3: ${HOSTILE}components must be a map` }, []);
    await resize(100, 30);
    await press('4', 'm');
    expect(RAW.test(frame())).toBe(false);
    // Wrapped, not cut: the reason is the whole point.
    expect(frame().replace(/\s*\n/g, ' ')).toContain(
      '? No component versions: RELEASE_MANIFEST.yaml on release-0.4 is not valid: line 3: components must be a map',
    );
    expect(lines(frame()).filter((l) => l.startsWith('│ HyperFleet'))).toEqual([]);
    const entry = await app(found({ 'hyperfleet-api': `v1.5.0${HOSTILE}`, 'hyperfleet-sentinel': 'v1.4.2' }), []);
    await entry.resize(100, 30);
    await entry.press('4', 'm');
    expect(RAW.test(entry.frame())).toBe(false);
    // The entry as JSON writes it: the characters stripped from the table are named, so it cannot pass for a version.
    expect(entry.frame()).toContain('✗ Not an X.Y.Z version in the manifest: api "v1.5.0\\u009b31m\\u202e\\u2066"');
    expect(lines(entry.frame())).toContain('│ v0.4.0     │ ✗ v1.5.0 │ v1.4.2   │');
  });
});
