import type { Role, Step } from './config.js';
import type { AcceptedCheck, EvidenceItem } from './events.js';
import type { LayerEvaluation } from './layers.js';
import { fitsLimit, LINK_LIMIT } from './limits.js';
import type { EpochMs } from './time.js';

/**
 * The release gate: its layers must pass (mandatory ones fresh, on the release commit); an
 * advisory layer never blocks; a failing mandatory layer may be waived by an authorised person
 * with a tracking issue, a reason and a mitigation. An approval counts only when its author may
 * approve, and only while what they saw still holds.
 */

export interface Approval {
  readonly by: string;
  readonly at: EpochMs;
  readonly comment?: string;
  readonly evidence: readonly EvidenceItem[];
  /** The checks the gate needed, as they passed when it was approved. */
  readonly accepted?: readonly AcceptedCheck[];
}

export interface Waiver {
  readonly layer: string;
  readonly by: string;
  readonly at: EpochMs;
  readonly tracking: string;
  readonly reason: string;
  readonly mitigation: string;
}

export type GateVerdict = 'pass' | 'waived' | 'fail' | 'pending';

export interface GateLayer {
  readonly evaluation: LayerEvaluation;
  /** The layer's verdict once waivers count: a waived failing layer is `waived`. */
  readonly verdict: 'pass' | 'waived' | 'fail' | 'pending' | 'advisory';
  readonly waiver?: Waiver;
}

export type ApprovalState =
  | { readonly state: 'none' }
  | { readonly state: 'valid'; readonly approval: Approval }
  | { readonly state: 'stale'; readonly approval: Approval; readonly changes: readonly string[] }
  | { readonly state: 'invalid'; readonly approval: Approval; readonly why: string };

export interface GateResult {
  readonly verdict: GateVerdict;
  readonly layers: readonly GateLayer[];
  readonly reasons: readonly string[];
  /** The latest approval and whether it counts. */
  readonly approval: ApprovalState;
  /** Approvals and waivers by people who may not give them: shown, never counted. */
  readonly rejected: readonly string[];
  /** The gate step is done: its layers pass (or are waived) and a valid approval stands. */
  readonly done: boolean;
}

export interface GatePolicy {
  readonly roles: Readonly<Record<string, Role>>;
  /** The two-person rule: whoever planned the release may not approve its gates. */
  readonly twoPersonRule: boolean;
  readonly plannedBy: string | null;
}

/** Why `login` may not approve or waive `step`, or null when they may. */
export function approvalRefusal(
  step: Step,
  login: string | null,
  policy: GatePolicy,
  whyNoLogin = 'not signed in: set GITHUB_TOKEN',
): string | null {
  const role = policy.roles[step.owner];
  const approvers = role?.approvers ?? [];
  const who = approvers.length > 0 ? approvers.map((a) => `@${a}`).join(', ') : 'nobody (no approvers configured)';
  if (!login) return `${whyNoLogin}; ${role?.title ?? step.owner} approvers are ${who}`;
  if (!approvers.includes(login)) return `@${login} is not a ${role?.title ?? step.owner} approver; ask ${who}`;
  if (policy.twoPersonRule && policy.plannedBy === login)
    return `@${login} started this release, and the two-person rule says someone else approves its gates (${who})`;
  return null;
}

/**
 * What an approver sees now, to be recorded with the approval. A run link longer than the
 * journal keeps (any CI may set one) is left out rather than refusing the approval: the commit
 * and state are the evidence, the link only leads to the run.
 */
export function evidenceOf(layers: readonly LayerEvaluation[]): EvidenceItem[] {
  return layers.flatMap((l) =>
    l.cells.map((c) => ({
      layer: l.layer.id,
      component: c.component,
      state: c.state,
      ...(c.commit ? { commit: c.commit } : {}),
      ...(c.url && fitsLimit(c.url, LINK_LIMIT) ? { url: c.url } : {}),
      ...(c.finishedAt !== undefined ? { finishedAt: c.finishedAt } : {}),
    })),
  );
}

/** What changed since the approval: a new commit, or a state that is no longer what was seen. */
export function evidenceChanges(before: readonly EvidenceItem[], now: readonly EvidenceItem[]): string[] {
  const key = (e: EvidenceItem) => `${e.layer}/${e.component ?? 'release'}`;
  const current = new Map(now.map((e) => [key(e), e]));
  return before.flatMap((was) => {
    const is = current.get(key(was));
    const where = `${was.layer}${was.component ? ` ${was.component}` : ''}`;
    if (!is) return [`${where}: no longer reported`];
    if (was.commit && is.commit && was.commit !== is.commit)
      return [`${where}: new commit ${is.commit.slice(0, 7)} (approved ${was.commit.slice(0, 7)})`];
    if (was.state !== is.state) return [`${where}: ${was.state} → ${is.state}`];
    return [];
  });
}

export function evaluateGate(
  step: Step,
  layers: readonly LayerEvaluation[],
  approvals: readonly Approval[],
  waivers: readonly Waiver[],
  policy: GatePolicy,
): GateResult {
  const rejected: string[] = [];
  const validWaivers = waivers.filter((w) => {
    const refusal = approvalRefusal(step, w.by, { ...policy, twoPersonRule: false });
    if (refusal) rejected.push(`waiver of ${w.layer} by @${w.by} does not count: ${refusal}`);
    return !refusal;
  });

  const gateLayers: GateLayer[] = layers.map((evaluation) => {
    if (evaluation.verdict !== 'fail') return { evaluation, verdict: evaluation.verdict };
    const waiver = [...validWaivers].reverse().find((w) => w.layer === evaluation.layer.id);
    return waiver ? { evaluation, verdict: 'waived', waiver } : { evaluation, verdict: 'fail' };
  });
  const reasons = gateLayers.flatMap((g) => {
    const name = g.evaluation.layer.name;
    if (g.verdict === 'waived') return [`${name}: waived (${g.waiver!.tracking}) — ${g.evaluation.reasons.join('; ')}`];
    if (g.verdict === 'fail' || g.verdict === 'pending') return g.evaluation.reasons.map((r) => `${name}: ${r}`);
    return [];
  });
  const verdicts = gateLayers.map((g) => g.verdict);
  const verdict: GateVerdict = verdicts.includes('fail')
    ? 'fail'
    : verdicts.includes('pending')
      ? 'pending'
      : verdicts.includes('waived')
        ? 'waived'
        : 'pass';

  const latest = approvals.at(-1);
  let approval: ApprovalState = { state: 'none' };
  if (latest) {
    const refusal = approvalRefusal(step, latest.by, policy);
    const changes = evidenceChanges(latest.evidence, evidenceOf(layers));
    approval = refusal
      ? { state: 'invalid', approval: latest, why: refusal }
      : changes.length > 0
        ? { state: 'stale', approval: latest, changes }
        : { state: 'valid', approval: latest };
    if (refusal) rejected.push(`approval by @${latest.by} does not count: ${refusal}`);
  }
  const done = (verdict === 'pass' || verdict === 'waived') && approval.state === 'valid';
  return { verdict, layers: gateLayers, reasons, approval, rejected, done };
}
