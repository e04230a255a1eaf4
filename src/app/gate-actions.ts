import { milestonesFromGa } from '../domain/cadence.js';
import { releaseStream, type EventBody } from '../domain/events.js';
import { approvalRefusal, evidenceOf, roleToSign, rolesToSign, type SignChoice } from '../domain/gate.js';
import { checksToAccept } from '../domain/playbook.js';
import { notSignedInReason } from '../domain/snapshot.js';
import type { AppStore } from '../store/app-store.js';
import { recorded, refused, type Outcome } from '../domain/outcome.js';
import { gatePolicy, phasesOf, stepView, streamOf, type StepOwner } from './owner.js';

export interface GateActionsDeps {
  readonly store: AppStore;
  /** Appends one event as the signed-in login: null once recorded, else why not. */
  readonly record: (stream: string, body: EventBody) => Promise<Outcome | null>;
  /** Waits until GitHub has said who the token is, if it is being asked. */
  readonly identity: () => Promise<string | null>;
}

export interface Waiver {
  readonly layer: string;
  readonly tracking: string;
  readonly reason: string;
  readonly mitigation: string;
}

/** Approving and waiving gates, and planning the release: what the gates are measured against. */
export class GateActions {
  constructor(private readonly deps: GateActionsDeps) {}

  private get state() {
    return this.deps.store.getState();
  }

  /**
   * Approves a gate as the token's GitHub login, for one of its roles (`role`, or the one role
   * the login may sign), recording what the approver sees now (each layer's commit, state, link
   * and age). Refused, naming who may approve, for anyone else, for a role already signed or a
   * second role of the same person, and while the gate fails.
   */
  async approve(owner: StepOwner, stepId: string, comment: string, role?: string): Promise<Outcome> {
    await this.deps.identity();
    const problem = this.approvalProblem(owner, stepId);
    if (problem) return refused(problem);
    const choice = this.signChoice(owner, stepId, role || undefined);
    if ('refusal' in choice) return refused(`Cannot approve: ${choice.refusal}.`, choice.field);
    const view = stepView(this.state, owner, stepId)!;
    const several = (view.gate?.signoffs.length ?? 1) > 1;
    const accepted = checksToAccept(phasesOf(this.state, owner), stepId);
    const body: EventBody = {
      type: 'gate-approved',
      step: stepId,
      ...(several ? { role: choice.role } : {}),
      evidence: evidenceOf(view.layers),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(accepted.length ? { accepted } : {}),
    };
    const title = this.state.config.roles[choice.role]?.title ?? choice.role;
    return recorded(
      await this.deps.record(streamOf(this.state, owner), body),
      several ? `Signed as ${title}: ${view.title}` : `Approved: ${view.title}`,
    );
  }

  /**
   * Why approving this gate now would be refused, or null: asked before the approver types a
   * comment, and again when it is sent. Names who may approve, the roles already signed, or
   * what the gate waits for. Holding several unsigned roles is no problem here: the form asks which.
   */
  approvalProblem(owner: StepOwner, stepId: string): string | null {
    const view = stepView(this.state, owner, stepId);
    if (!view || view.step.kind !== 'gate') return 'Only a gate step can be approved.';
    const refusal = approvalRefusal(view.step, this.state.viewer, gatePolicy(this.state, owner), this.whyNoLogin());
    if (refusal) return `Cannot approve: ${refusal}.`;
    const choice = this.signChoice(owner, stepId);
    if ('refusal' in choice && !choice.field) return `Cannot approve: ${choice.refusal}.`;
    if (view.gate && (view.gate.verdict === 'fail' || view.gate.verdict === 'pending')) {
      const state = view.gate.verdict === 'fail' ? 'failing' : 'still pending';
      return `Cannot approve "${view.title}": the gate is ${state} (${view.gate.reasons[0] ?? ''}). Fix or waive it first.`;
    }
    return null;
  }

  /** The roles of this gate the signed-in login may sign now (the approve form's choices). */
  rolesToSign(owner: StepOwner, stepId: string): string[] {
    const view = stepView(this.state, owner, stepId);
    const viewer = this.state.viewer;
    if (!view?.gate || !viewer) return [];
    return rolesToSign(viewer, view.gate.signoffs, gatePolicy(this.state, owner));
  }

  private signChoice(owner: StepOwner, stepId: string, role?: string): SignChoice {
    const view = stepView(this.state, owner, stepId)!;
    const signoffs = view.gate?.signoffs ?? [];
    return roleToSign(view.step, this.state.viewer, signoffs, gatePolicy(this.state, owner), role, this.whyNoLogin());
  }

  /** Why waiving a layer of this gate would be refused (who may, and which layers can be), or null. */
  waiverProblem(owner: StepOwner, stepId: string, layerId?: string): string | null {
    const view = stepView(this.state, owner, stepId);
    if (!view || view.step.kind !== 'gate') return 'Only a gate step has layers to waive.';
    const policy = { ...gatePolicy(this.state, owner), twoPersonRule: false };
    const refusal = approvalRefusal(view.step, this.state.viewer, policy, this.whyNoLogin());
    if (refusal) return `Cannot waive: ${refusal}.`;
    const failing = (view.gate?.layers ?? []).filter((l) => l.verdict === 'fail').map((l) => l.evaluation.layer.id);
    if (failing.length === 0 || (layerId !== undefined && !failing.includes(layerId))) {
      return `Only a failing or missing mandatory layer can be waived${failing.length ? `: ${failing.join(', ')}` : '; none is failing'}.`;
    }
    return null;
  }

  private whyNoLogin(): string {
    return notSignedInReason(this.state.snapshot);
  }

  /** Waives one failing or missing mandatory layer of a gate, with its tracking issue, reason and mitigation. */
  async waive(owner: StepOwner, stepId: string, waiver: Waiver): Promise<Outcome> {
    await this.deps.identity();
    const problem = this.waiverProblem(owner, stepId, waiver.layer);
    if (problem) return refused(problem);
    const layer = stepView(this.state, owner, stepId)!.gate!.layers.find((l) => l.evaluation.layer.id === waiver.layer)!;
    const fields = { tracking: waiver.tracking.trim(), reason: waiver.reason.trim(), mitigation: waiver.mitigation.trim() };
    const empty = Object.entries(fields).find(([, v]) => !v);
    if (empty) return refused(`A waiver needs a ${empty[0]}.`, empty[0]);
    const body: EventBody = { type: 'gate-waived', step: stepId, layer: waiver.layer, ...fields };
    return recorded(
      await this.deps.record(streamOf(this.state, owner), body),
      `Waived ${layer.evaluation.layer.name} (${fields.tracking})`,
    );
  }

  /** Plans the release: its milestones from the GA day, recorded as the token's GitHub login. */
  async plan(gaDay: string): Promise<Outcome> {
    const { config, release } = this.state;
    const milestones = milestonesFromGa(gaDay, config.hotfix.holidays);
    const body: EventBody = { type: 'release-planned', release, milestones };
    return recorded(await this.deps.record(releaseStream(release), body), `Planned ${release}: GA ${gaDay}`);
  }
}
