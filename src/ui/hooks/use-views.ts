import type { LayerEvaluation } from '../../domain/layers.js';
import type { PhaseView } from '../../domain/playbook.js';
import {
  selectEarlyTags,
  selectLayerEvaluations,
  selectNotices,
  selectOpenHotfixes,
  selectReleasePhases,
  selectStatusRows,
  type EarlyTagView,
  type HotfixView,
} from '../../store/selectors.js';
import { minuteOf, type NoticeView } from '../../store/view.js';
import { useAppState } from './store-context.js';

export type { HotfixView };

/** Deadlines and ages need minute precision; selecting the minute keeps per-second ticks cheap. */
export const useMinute = (): number => useAppState((s) => minuteOf(s.now));
export const useReleasePhases = (): PhaseView[] => useAppState(selectReleasePhases);
/** Open hotfixes, most urgent first, each with its evaluated runbook. */
export const useOpenHotfixes = (): HotfixView[] => useAppState(selectOpenHotfixes);
export const useLayerEvaluations = (): LayerEvaluation[] => useAppState(selectLayerEvaluations);
export const useNotices = (): NoticeView[] => useAppState(selectNotices);
export const useStatusRows = (): LayerEvaluation[] => useAppState(selectStatusRows);
/** GA and patch tags made before their gate was approved: process violations. */
export const useEarlyTags = (): EarlyTagView[] => useAppState(selectEarlyTags);
