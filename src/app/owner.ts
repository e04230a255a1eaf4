import { hotfixStream, releaseStream } from '../domain/events.js';
import type { HotfixState } from '../domain/fold.js';
import type { GatePolicy } from '../domain/gate.js';
import type { PhaseView, StepView } from '../domain/playbook.js';
import type { AppState } from '../store/app-store.js';
import { selectOpenHotfixes, selectReleasePhases } from '../store/selectors.js';

/** Whose playbook a step belongs to. */
export type StepOwner = { readonly kind: 'release' } | { readonly kind: 'hotfix'; readonly hotfix: HotfixState };

/** The evaluated playbook of the release or of a hotfix. */
export function phasesOf(state: AppState, owner: StepOwner): PhaseView[] {
  return owner.kind === 'release'
    ? selectReleasePhases(state)
    : (selectOpenHotfixes(state).find((h) => h.hotfix.key === owner.hotfix.key)?.phases ?? []);
}

/** A step and its evaluation (a gate's with its verdict), from the release or a hotfix. */
export function stepView(state: AppState, owner: StepOwner, stepId: string): StepView | undefined {
  return phasesOf(state, owner)
    .flatMap((p) => p.steps)
    .find((v) => v.step.id === stepId);
}

/** The journal stream the owner's events go to. */
export const streamOf = (state: AppState, owner: StepOwner): string =>
  owner.kind === 'release' ? releaseStream(state.release) : hotfixStream(owner.hotfix.key);

/** Who may approve, and who planned (or opened) it, for the two-person rule. */
export function gatePolicy(state: AppState, owner: StepOwner): GatePolicy {
  const plannedBy = owner.kind === 'release' ? state.releaseState.plannedBy : owner.hotfix.openedBy;
  return { roles: state.config.roles, twoPersonRule: state.config.approvals.twoPersonRule, plannedBy };
}
