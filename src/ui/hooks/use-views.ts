import type { LayerEvaluation } from '../../domain/layers.js';
import type { PhaseView } from '../../domain/playbook.js';
import type { CompatibilityMatrix } from '../../domain/compatibility.js';
import {
  selectCompatibilityMatrix,
  selectEarlyTags,
  selectFreeze,
  selectLayerEvaluations,
  selectNotices,
  selectOpenHotfixes,
  selectReleasePhases,
  selectStatusRows,
  selectTeam,
  type EarlyTagView,
  type HotfixView,
} from '../../store/selectors.js';
import type { FreezeView, NoticeView } from '../../store/view.js';
import type { TeamMember } from '../../store/team.js';
import { useAppState } from './store-context.js';

export type { HotfixView };

/** The frame's clock: the instant every view on screen was computed at. */
export const useNow = (): number => useAppState((s) => s.now);
export const useReleasePhases = (): PhaseView[] => useAppState(selectReleasePhases);
/** Open hotfixes, most urgent first, each with its evaluated runbook. */
export const useOpenHotfixes = (): HotfixView[] => useAppState(selectOpenHotfixes);
export const useLayerEvaluations = (): LayerEvaluation[] => useAppState(selectLayerEvaluations);
export const useNotices = (): NoticeView[] => useAppState(selectNotices);
export const useStatusRows = (): LayerEvaluation[] => useAppState(selectStatusRows);
/** GA and patch tags made before their gate was approved: process violations. */
export const useEarlyTags = (): EarlyTagView[] => useAppState(selectEarlyTags);
/** The manifest's component versions and the partner platforms tested (domain/compatibility). */
export const useCompatibilityMatrix = (): CompatibilityMatrix => useAppState(selectCompatibilityMatrix);
/** Code freeze and the PRs merged into the release branches since: exceptions, flagged where they lack what the process asks. */
export const useFreeze = (): FreezeView => useAppState(selectFreeze);
/** Who is on what, and who was active in the last minutes (the Dashboard's Team line). */
export const useTeam = (): TeamMember[] => useAppState(selectTeam);
