import { openHotfixesByUrgency } from '../domain/hotfix.js';
import type { LayerEvaluation } from '../domain/layers.js';
import type { PhaseView, StepView } from '../domain/playbook.js';
import type { AppState } from './app-store.js';
import type { EarlyTag } from '../domain/early-tags.js';
import {
  hotfixEarlyTags,
  hotfixLive,
  releaseEarlyTags,
  hotfixPhases,
  layerEvaluations,
  type HotfixLive,
  matchesFilter,
  noticeViews,
  manifestView,
  releaseComponents,
  releaseFreeze,
  releaseMakeupOf,
  releasePhases,
  type FreezeView,
  type ManifestView,
  type NoticeView,
  compatibilityMatrixOf,
} from './view.js';
import type { CompatibilityMatrix } from '../domain/compatibility.js';
import type { HotfixState } from '../domain/fold.js';
import { teamView, type TeamMember } from './team.js';
import { formatDatedInZone, UTC_ZONE, type DisplayZone, type ShownTimes } from '../domain/display-time.js';
import { earlyTagText } from '../domain/early-tags.js';

/** The zone times are shown in now: the person's, or UTC while `Z` says so. */
export const shownZone = (s: Pick<AppState, 'displayZone' | 'timesInUtc'>): DisplayZone => (s.timesInUtc ? UTC_ZONE : s.displayZone);
/** The zone and the state's clock: what a text output shows times with. */
export const shownTimes = (s: Pick<AppState, 'displayZone' | 'timesInUtc' | 'now'>): ShownTimes => ({ zone: shownZone(s), now: s.now });

/**
 * Store selectors for the derived views. Each remembers its last inputs (by identity), so every
 * component that asks gets the same object back, and a keypress that only moves the cursor
 * computes nothing: the views change when the journal, the snapshot or the clock changes. Every
 * view of one frame is computed at the same `now` as the header's clocks, so a deadline reads the
 * same everywhere on screen and a past event never reads as future.
 */
function remember<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | null = null;
  return (...args: A): R => {
    if (last && args.every((arg, i) => Object.is(arg, last!.args[i]))) return last.result;
    last = { args, result: compute(...args) };
    return last.result;
  };
}

export interface HotfixView {
  readonly hotfix: HotfixState;
  readonly phases: PhaseView[];
  /** Its fix PRs on both branches, and its patch tag and image, from live data. */
  readonly live: HotfixLive;
}

const releaseMemo = remember(releasePhases);
const hotfixesMemo = remember(
  (config: AppState['config'], hotfixes: AppState['hotfixes'], snapshot: AppState['snapshot'], now: number): HotfixView[] =>
    openHotfixesByUrgency(hotfixes, config).map((hotfix) => {
      const live = hotfixLive(config, hotfix, snapshot);
      return { hotfix, live, phases: hotfixPhases(config, hotfix, snapshot, now, live) };
    }),
);
const layersMemo = remember(layerEvaluations);
const noticesMemo = remember(
  (
    config: AppState['config'],
    release: string,
    state: AppState['releaseState'],
    phases: PhaseView[],
    hotfixes: HotfixView[],
  ): NoticeView[] => noticeViews(config, { name: release, state, phases }, hotfixes),
);

const manifestMemo = remember(manifestView);
const releaseComponentsMemo = remember((config: AppState['config'], release: string, snapshot: AppState['snapshot']) =>
  releaseComponents(config, releaseMakeupOf(config, release, snapshot)),
);
export const selectManifest = (s: AppState): ManifestView => manifestMemo(s.config, s.release, s.snapshot);
/** The components the release is made of (its manifest's), or every configured one before it is known. */
export const selectReleaseComponents = (s: AppState) => releaseComponentsMemo(s.config, s.release, s.snapshot);
export const selectReleasePhases = (s: AppState): PhaseView[] => releaseMemo(s.config, s.releaseState, s.snapshot, s.now);
export const selectOpenHotfixes = (s: AppState): HotfixView[] => hotfixesMemo(s.config, s.hotfixes, s.snapshot, s.now);
export const selectLayerEvaluations = (s: AppState): LayerEvaluation[] => layersMemo(s.config, s.release, s.snapshot, s.now);
const matrixMemo = remember(compatibilityMatrixOf);
export const selectCompatibilityMatrix = (s: AppState): CompatibilityMatrix =>
  matrixMemo(s.config, s.release, s.snapshot, selectLayerEvaluations(s));
export const selectNotices = (s: AppState): NoticeView[] =>
  noticesMemo(s.config, s.release, s.releaseState, selectReleasePhases(s), selectOpenHotfixes(s));

/** One step of the release (no key) or of an open hotfix, as evaluated now. */
export function selectStepView(s: AppState, stepId: string, hotfixKey: string | null): StepView | undefined {
  const phases = hotfixKey === null ? selectReleasePhases(s) : selectOpenHotfixes(s).find((h) => h.hotfix.key === hotfixKey)?.phases;
  return phases?.flatMap((p) => p.steps).find((v) => v.step.id === stepId);
}

/** A tag made before its gate was approved, for the release or one open hotfix (`owner`), as shown. */
export interface EarlyTagView extends EarlyTag {
  readonly owner: string;
}
const earlyMemo = remember(
  (
    config: AppState['config'],
    release: string,
    state: AppState['releaseState'],
    snapshot: AppState['snapshot'],
    hotfixes: HotfixView[],
    zone: DisplayZone,
  ) => {
    // Always dated, in the person's zone: a violation is read as a record, whenever it was.
    const text = (e: EarlyTag) => earlyTagText(e, (at) => formatDatedInZone(at, zone));
    return [
      ...releaseEarlyTags(config, state, snapshot).map((e): EarlyTagView => ({ ...e, owner: release, text: text(e) })),
      ...hotfixes.flatMap(({ hotfix, live }) =>
        hotfixEarlyTags(config, hotfix, live).map((e): EarlyTagView => ({ ...e, owner: hotfix.key, text: `${hotfix.key}: ${text(e)}` })),
      ),
    ];
  },
);
/** Process violations: GA and patch tags made before their gate was approved, the release's first. */
export const selectEarlyTags = (s: AppState): EarlyTagView[] =>
  earlyMemo(s.config, s.release, s.releaseState, s.snapshot, selectOpenHotfixes(s), shownZone(s));

const freezeMemo = remember(releaseFreeze);
/** Code freeze: since when, and the PRs merged into the release branches since (exceptions). */
export const selectFreeze = (s: AppState): FreezeView => freezeMemo(s.config, s.releaseState, s.snapshot, s.now);

const filteredMemo = remember((evaluations: LayerEvaluation[], filter: string) => evaluations.filter((e) => matchesFilter(e, filter)));
/** The Status screen's rows: every layer, narrowed by the `/` filter. */
export const selectStatusRows = (s: AppState): LayerEvaluation[] => filteredMemo(selectLayerEvaluations(s), s.filter);

const teamMemo = remember(teamView);
/** Who is on what and who has been active in the last minutes: the Dashboard's Team section. */
export const selectTeam = (s: AppState): TeamMember[] =>
  teamMemo(s.log, s.stepClaims, s.release, selectReleasePhases(s), selectOpenHotfixes(s), s.viewer, s.now);
