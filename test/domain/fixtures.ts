import type { Component, LayerSpec, Playbook, Step } from '../../src/domain/config.js';
import type { HotfixState } from '../../src/domain/fold.js';
import type { LayerResult, StatusSnapshot } from '../../src/domain/status.js';
import { DAY, HOUR } from '../../src/domain/time.js';
import type { PlaybookInput } from '../../src/domain/playbook.js';

export const NOW = Date.parse('2026-11-18T12:00:00Z');

export const components: Component[] = [
  { name: 'api', repo: 'api', image: 'img/api', chart: 'chart/api' },
  { name: 'adapter', repo: 'adapter', image: 'img/adapter', chart: 'chart/adapter' },
];

const maxAge = { kind: 'calendar', ms: 26 * HOUR } as const;
export const layers: LayerSpec[] = [
  {
    id: 'unit',
    name: 'Unit',
    owner: 'HF',
    scope: 'component',
    gate: 'mandatory',
    maxAge,
    source: { kind: 'commit-status', context: 'ci/prow/unit' },
  },
  { id: 'e2e', name: 'E2E', owner: 'HF', scope: 'release', gate: 'mandatory', maxAge, source: { kind: 'prow-job', job: 'e2e' } },
  { id: 'gcp', name: 'GCP', owner: 'GCP', scope: 'release', gate: 'advisory', maxAge, source: { kind: 'none', note: 'TBD' } },
];

export function step(id: string, extra: Partial<Step> = {}): Step {
  return { id, title: `Step ${id}`, owner: 'release-owner', kind: 'task', needs: [], ...extra };
}

export function playbook(...steps: Step[]): Playbook {
  return { id: 'test', title: 'Test', phases: [{ id: 'only', title: 'Only', steps }] };
}

export function result(layer: string, component: string | null, state: LayerResult['state'], finishedAgo = HOUR): LayerResult {
  return { layer, component, state, finishedAt: NOW - finishedAgo, fetchedAt: NOW, source: 'test' };
}

/** What GitHub and Prow reported at NOW: a layer with no result among them is missing. */
export function snapshot(...results: LayerResult[]): StatusSnapshot {
  return {
    results,
    sources: [
      { source: 'github', ok: true, lastSuccessAt: NOW },
      { source: 'prow', ok: true, lastSuccessAt: NOW },
    ],
  };
}

export const allGreen = (): StatusSnapshot =>
  snapshot(result('unit', 'api', 'passed'), result('unit', 'adapter', 'passed'), result('e2e', null, 'passed'));

/** The demo's Blocker on hyperfleet-adapter v0.3.1, nothing recorded yet; tests override what they need. */
export function hotfixState(over: Partial<HotfixState> = {}): HotfixState {
  return {
    key: 'HYPERFLEET-901',
    severity: 'Blocker',
    component: 'hyperfleet-adapter',
    affects: 'v0.3.1',
    summary: '',
    reportedAt: NOW,
    openedBy: 'rh-amarin',
    closedAt: null,
    steps: {},
    gates: {},
    notices: {},
    ignored: [],
    ...over,
  };
}

/** What evaluatePlaybook needs besides the playbook: nothing done, every layer green, now. */
export const playbookBase = (): Omit<PlaybookInput, 'playbook'> => ({
  steps: {},
  anchors: {},
  snapshot: allGreen(),
  layers,
  components,
  calendar: { holidays: [] },
  dueSoonMs: DAY,
  now: NOW,
});
