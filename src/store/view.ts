import type { AppConfig, Playbook } from '../domain/config.js';
import type { GateRecord, HotfixState, ReleaseState, StepRecord } from '../domain/fold.js';
import { hotfixDeadline } from '../domain/hotfix.js';
import { evaluateLayer, type LayerEvaluation } from '../domain/layers.js';
import { evaluatePlaybook, type PhaseView, type PlaybookInput, type StepView } from '../domain/playbook.js';
import type { StatusSnapshot } from '../domain/status.js';
import { addDuration, type EpochMs } from '../domain/time.js';

/**
 * Views the screens and the plain-text summary share, computed by the domain from store data.
 * The UI wraps them in useMemo; the headless printers call them directly.
 */

/** Step deadlines only need minute precision; the header clocks tick by the second. */
export const minuteOf = (now: EpochMs): EpochMs => Math.floor(now / 60_000) * 60_000;

function playbookInput(
  config: AppConfig,
  playbook: Playbook,
  state: { readonly steps: Readonly<Record<string, StepRecord>>; readonly gates: Readonly<Record<string, GateRecord>> },
  anchors: Record<string, EpochMs | undefined>,
  snapshot: StatusSnapshot | null,
  now: EpochMs,
  version: string,
  plannedBy: string | null,
): PlaybookInput {
  const { steps, gates } = state;
  return {
    version,
    naming: config.naming,
    gates,
    policy: { roles: config.roles, twoPersonRule: config.approvals.twoPersonRule, plannedBy },
    playbook,
    steps,
    anchors,
    snapshot,
    layers: config.layers,
    components: config.components,
    holidays: config.hotfix.holidays,
    dueSoonMs: addDuration(0, config.cadence.dueSoon),
    now,
  };
}

export function releasePhases(config: AppConfig, state: ReleaseState, snapshot: StatusSnapshot | null, now: EpochMs): PhaseView[] {
  return evaluatePlaybook(
    playbookInput(config, config.playbooks.release, state, state.milestones, snapshot, now, state.release ?? '', state.plannedBy),
  );
}

export function hotfixPhases(config: AppConfig, hotfix: HotfixState, snapshot: StatusSnapshot | null, now: EpochMs): PhaseView[] {
  const anchors = { reported: hotfix.reportedAt, sla: hotfixDeadline(hotfix, config) };
  return evaluatePlaybook(playbookInput(config, config.playbooks.hotfix, hotfix, anchors, snapshot, now, hotfix.affects, hotfix.openedBy));
}

export function layerEvaluations(config: AppConfig, snapshot: StatusSnapshot | null, now: EpochMs): LayerEvaluation[] {
  return config.layers.map((layer) => evaluateLayer(layer, snapshot, config.components, now));
}

export interface NoticeView {
  /** The release or hotfix key the notice belongs to. */
  readonly owner: string;
  readonly view: StepView;
}

/** Notice steps of the release and of the given hotfixes, earliest deadline first. */
export function noticeViews(
  release: string,
  phases: readonly PhaseView[],
  hotfixes: ReadonlyArray<{ readonly key: string; readonly phases: readonly PhaseView[] }>,
): NoticeView[] {
  const steps = (owner: string, of: readonly PhaseView[]): NoticeView[] =>
    of
      .flatMap((p) => p.steps)
      .filter((view) => view.step.kind === 'notice')
      .map((view) => ({ owner, view }));
  return [...steps(release, phases), ...hotfixes.flatMap((h) => steps(h.key, h.phases))].sort(
    (a, b) => (a.view.dueAt ?? Infinity) - (b.view.dueAt ?? Infinity),
  );
}

export const flatSteps = (phases: readonly PhaseView[]): StepView[] => phases.flatMap((p) => p.steps);

/** The Status screen's `/` filter: a layer matches by its name, id, gate, verdict, or any cell's component or state. */
export function matchesFilter(evaluation: LayerEvaluation, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  const haystack = [
    evaluation.layer.name,
    evaluation.layer.id,
    evaluation.layer.gate,
    evaluation.verdict,
    ...evaluation.cells.flatMap((c) => [c.component ?? 'release', c.state]),
  ];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}
