import type { Component, LayerSpec, Naming, Playbook, Step } from '../../src/domain/config.js';
import { evaluatePlaybook, type PlaybookInput, type StepView } from '../../src/domain/playbook.js';
import { releaseMakeup, type ReleaseMakeup } from '../../src/domain/facts.js';
import { releaseVersions } from '../../src/domain/manifest.js';
import type { HotfixState } from '../../src/domain/fold.js';
import type { LayerResult, StatusSnapshot } from '../../src/domain/status.js';
import { DAY, HOUR } from '../../src/domain/time.js';

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

/**
 * The release v0.4.0 made of these component versions, as RELEASE_MANIFEST.yaml on `branch`
 * names them (by default every fixture component at v0.4.0-rc1).
 */
export function makeupOf(
  versions: Record<string, string> = Object.fromEntries(components.map((c) => [c.name, 'v0.4.0-rc1'])),
  branch = 'release-0.4',
  of: readonly Component[] = components,
): ReleaseMakeup {
  const read = { state: 'found', manifest: { release: '0.4', e2eRef: branch, components: versions } } as const;
  const facts = branch === 'main' ? { main: read } : { release: read };
  return releaseMakeup(
    of,
    releaseVersions(
      of.map((c) => c.name),
      'v0.4.0',
      'release-0.4',
      facts,
    ),
  );
}

export const naming: Naming = {
  componentTag: 'v{version}',
  rcTag: 'v{version}-rc{n}',
  releaseBranch: 'release-{major}.{minor}',
  releaseTag: 'release-{major}.{minor}',
  patchReleaseTag: 'release-{major}.{minor}.{patch}',
  imageTag: '{version}',
  rcImageTag: '{version}-rc{n}',
  releaseNotes: 'notes.md',
  patchReleaseNotes: 'notes-{version}.md',
};

/** Each step's view by id: `book` evaluated for v0.4.0 at NOW, nothing recorded, against `snapshot`. */
export function stepViews(
  book: Playbook,
  snapshot: StatusSnapshot | null,
  of: readonly Component[] = components,
  makeup: ReleaseMakeup = makeupOf(Object.fromEntries(of.map((c) => [c.name, 'v0.4.0-rc1'])), 'release-0.4', of),
): Map<string, StepView> {
  const phases = evaluatePlaybook({
    playbook: book,
    steps: {},
    anchors: {},
    snapshot,
    layers,
    components: of,
    calendar: { holidays: [] },
    dueSoonMs: DAY,
    now: NOW,
    version: 'v0.4.0',
    naming,
    makeup,
  });
  return new Map(phases.flatMap((p) => p.steps).map((v) => [v.step.id, v]));
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
