import { useMemo } from 'react';
import { openHotfixesByUrgency } from '../../domain/hotfix.js';
import type { HotfixState } from '../../domain/fold.js';
import type { LayerEvaluation } from '../../domain/layers.js';
import type { PhaseView } from '../../domain/playbook.js';
import { hotfixPhases, layerEvaluations, minuteOf, noticeViews, releasePhases, type NoticeView } from '../../store/view.js';
import { useAppState } from './store-context.js';

/** Deadlines and ages need minute precision; selecting the minute keeps per-second ticks cheap. */
export const useMinute = (): number => useAppState((s) => minuteOf(s.now));

export function useReleasePhases(): PhaseView[] {
  const config = useAppState((s) => s.config);
  const state = useAppState((s) => s.releaseState);
  const snapshot = useAppState((s) => s.snapshot);
  const minute = useMinute();
  return useMemo(() => releasePhases(config, state, snapshot, minute), [config, state, snapshot, minute]);
}

export interface HotfixView {
  readonly hotfix: HotfixState;
  readonly phases: PhaseView[];
}

/** Open hotfixes, most urgent first, each with its evaluated runbook. */
export function useOpenHotfixes(): HotfixView[] {
  const config = useAppState((s) => s.config);
  const hotfixes = useAppState((s) => s.hotfixes);
  const snapshot = useAppState((s) => s.snapshot);
  const minute = useMinute();
  return useMemo(
    () => openHotfixesByUrgency(hotfixes, config).map((hotfix) => ({ hotfix, phases: hotfixPhases(config, hotfix, snapshot, minute) })),
    [config, hotfixes, snapshot, minute],
  );
}

export function useLayerEvaluations(): LayerEvaluation[] {
  const config = useAppState((s) => s.config);
  const snapshot = useAppState((s) => s.snapshot);
  const minute = useMinute();
  return useMemo(() => layerEvaluations(config, snapshot, minute), [config, snapshot, minute]);
}

export function useNotices(): NoticeView[] {
  const release = useAppState((s) => s.release);
  const phases = useReleasePhases();
  const hotfixes = useOpenHotfixes();
  return useMemo(() => noticeViews(release, phases, hotfixes.map((h) => ({ key: h.hotfix.key, phases: h.phases }))), [release, phases, hotfixes]);
}
