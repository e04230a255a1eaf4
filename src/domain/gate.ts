import type { Role, Step } from './config.js';
import type { AcceptedCheck, EvidenceItem } from './events.js';
import type { LayerEvaluation } from './layers.js';
import { fitsLimit, LINK_LIMIT } from './limits.js';
import { formatAgo, type EpochMs } from './time.js';

/**
 * The release gate: its layers must pass (mandatory ones fresh, on the release commit); an
 * advisory layer never blocks; a failing mandatory layer may be waived by an authorised person
 * with a tracking issue, a reason and a mitigation. An approval counts only when its author may
 * approve, and only while what they saw still holds. A gate with `signoff` roles (the release
 * process's final sign-off) is approved only when every role has signed, each by a different person.
 */

export interface Approval {
  readonly by: string;
  readonly at: EpochMs;
  readonly comment?: string;
  readonly evidence: readonly EvidenceItem[];
  /** The checks the gate needed, as they passed when it was approved. */
  readonly accepted?: readonly AcceptedCheck[];
  /** The role signed for; absent in journals written before roles were recorded (see roleOf). */
  readonly role?: string;
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

/** One role a gate needs signed: its latest signature and whether it counts ('none': still missing). */
export interface RoleSignoff {
  readonly role: string;
  readonly title: string;
  /** Who may sign it: who is still missing, when it is not signed. */
  readonly approvers: readonly string[];
  readonly approval: ApprovalState;
}

export interface GateResult {
  readonly verdict: GateVerdict;
  readonly layers: readonly GateLayer[];
  readonly reasons: readonly string[];
  /** The latest approval (of any role) and whether it counts. */
  readonly approval: ApprovalState;
  /** Every role the gate needs signed, in the order configured (one, the owner's, unless `signoff`). */
  readonly signoffs: readonly RoleSignoff[];
  /** Approvals and waivers by people who may not give them: shown, never counted. */
  readonly rejected: readonly string[];
  /** The gate step is done: its layers pass (or are waived) and every role's signature stands. */
  readonly done: boolean;
}

export interface GatePolicy {
  readonly roles: Readonly<Record<string, Role>>;
  /** The two-person rule (this app's option, off by default): whoever planned the release may not approve its gates. */
  readonly twoPersonRule: boolean;
  readonly plannedBy: string | null;
}

/** The roles that sign a gate: its `signoff` list, or its owner's role alone. */
export function signingRoles(step: Step): readonly string[] {
  return step.signoff ?? [step.owner];
}

/** The approval a state holds, if any. */
export const signatureOf = (state: ApprovalState): Approval | undefined => (state.state === 'none' ? undefined : state.approval);

const titleOf = (role: string, policy: GatePolicy): string => policy.roles[role]?.title ?? role;
const isApprover = (role: string, login: string, policy: GatePolicy): boolean => (policy.roles[role]?.approvers ?? []).includes(login);
const approversText = (role: string, policy: GatePolicy): string => {
  const approvers = policy.roles[role]?.approvers ?? [];
  return approvers.length > 0 ? approvers.map((a) => `@${a}`).join(', ') : 'nobody (no approvers configured)';
};
/** "QE Owner, CI Owner or Tech Lead". */
const titlesText = (roles: readonly string[], policy: GatePolicy, last = 'or'): string => {
  const titles = roles.map((r) => titleOf(r, policy));
  return titles.length > 1 ? `${titles.slice(0, -1).join(', ')} ${last} ${titles.at(-1)}` : (titles[0] ?? '');
};
/** Who may sign: "@a, @b" for one role; "QE Owner @q; CI Owner @c" for several. */
const whoMaySign = (roles: readonly string[], policy: GatePolicy): string =>
  roles.length === 1 ? approversText(roles[0]!, policy) : roles.map((r) => `${titleOf(r, policy)} ${approversText(r, policy)}`).join('; ');

function twoPersonRefusal(login: string, roles: readonly string[], policy: GatePolicy): string | null {
  return policy.twoPersonRule && policy.plannedBy === login
    ? `@${login} started this release, and the two-person rule says someone else approves its gates (${whoMaySign(roles, policy)})`
    : null;
}

/** Why `login` may not sign `role`, or null when they may. */
function roleRefusal(role: string, login: string, policy: GatePolicy): string | null {
  if (!isApprover(role, login, policy)) return `@${login} is not a ${titleOf(role, policy)} approver; ask ${approversText(role, policy)}`;
  return twoPersonRefusal(login, [role], policy);
}

/** Why `login` may not approve or waive `step` (in any of its roles), or null when they may. */
export function approvalRefusal(
  step: Step,
  login: string | null,
  policy: GatePolicy,
  whyNoLogin = 'not signed in: set GITHUB_TOKEN',
): string | null {
  const roles = signingRoles(step);
  const who = whoMaySign(roles, policy);
  if (!login)
    return roles.length === 1
      ? `${whyNoLogin}; ${titleOf(roles[0]!, policy)} approvers are ${who}`
      : `${whyNoLogin}; the signers are ${who}`;
  if (!roles.some((r) => isApprover(r, login, policy))) return `@${login} is not a ${titlesText(roles, policy)} approver; ask ${who}`;
  return twoPersonRefusal(login, roles, policy);
}

/**
 * The role an approval signed: the one it names, or, in a journal from before roles were
 * recorded, the first of the gate's roles its author holds (the owner's for a one-role gate).
 * Null when it names a role the gate is not signed by (the configuration changed).
 */
export function roleOf(step: Step, approval: Approval, policy: GatePolicy): string | null {
  const roles = signingRoles(step);
  if (approval.role !== undefined) return roles.includes(approval.role) ? approval.role : null;
  return roles.find((r) => isApprover(r, approval.by, policy)) ?? roles[0]!;
}

/**
 * Each role's latest signature and whether it counts. One person signs once: a person already
 * counted for one role (the earlier signature) does not count for a second one.
 */
function signoffsOf(
  step: Step,
  approvals: readonly Approval[],
  now: readonly EvidenceItem[],
  policy: GatePolicy,
  rejected: string[],
): RoleSignoff[] {
  const latest = new Map<string, Approval>();
  for (const approval of approvals) {
    const role = roleOf(step, approval, policy);
    if (role === null)
      rejected.push(`approval by @${approval.by} as "${approval.role}" does not count: "${step.title}" is not signed by that role`);
    else latest.set(role, approval);
  }
  const states = new Map<string, ApprovalState>();
  const signedAs = new Map<string, string>();
  for (const [role, approval] of [...latest].sort(([, a], [, b]) => a.at - b.at)) {
    const earlier = signedAs.get(approval.by);
    const refusal =
      roleRefusal(role, approval.by, policy) ??
      (earlier ? `@${approval.by} already signed as ${titleOf(earlier, policy)}, and each role is signed by a different person` : null);
    if (refusal) {
      states.set(role, { state: 'invalid', approval, why: refusal });
      rejected.push(`approval by @${approval.by} does not count: ${refusal}`);
      continue;
    }
    signedAs.set(approval.by, role);
    const changes = evidenceChanges(approval.evidence, now);
    states.set(role, changes.length > 0 ? { state: 'stale', approval, changes } : { state: 'valid', approval });
  }
  return signingRoles(step).map((role) => ({
    role,
    title: titleOf(role, policy),
    approvers: policy.roles[role]?.approvers ?? [],
    approval: states.get(role) ?? { state: 'none' },
  }));
}

/**
 * The roles `login` may sign now: the one they signed already (signing again renews it), else
 * each of the gate's roles they hold that has no standing signature. Empty when none.
 */
export function rolesToSign(login: string, signoffs: readonly RoleSignoff[], policy: GatePolicy): string[] {
  const mine = signoffs.find((s) => (s.approval.state === 'valid' || s.approval.state === 'stale') && s.approval.approval.by === login);
  if (mine) return [mine.role];
  return signoffs.filter((s) => s.approval.state !== 'valid' && isApprover(s.role, login, policy)).map((s) => s.role);
}

export type SignChoice = { readonly role: string } | { readonly refusal: string; readonly field?: 'role' };

/**
 * Which role `login` signs `step` as, or why they may not: not one of its approvers, every role
 * they hold already signed (by whom), a role named that they do not hold or that is taken, or
 * several open roles and none named (`field: 'role'`: say which).
 */
export function roleToSign(
  step: Step,
  login: string | null,
  signoffs: readonly RoleSignoff[],
  policy: GatePolicy,
  requested?: string,
  whyNoLogin?: string,
): SignChoice {
  const general = approvalRefusal(step, login, policy, whyNoLogin);
  if (general || !login) return { refusal: general ?? 'not signed in' };
  const roles = signingRoles(step);
  if (requested !== undefined && !roles.includes(requested))
    return { refusal: `"${step.title}" is not signed by the role "${requested}"; its roles are ${roles.join(', ')}`, field: 'role' };
  const open = rolesToSign(login, signoffs, policy);
  const signed = signoffs.find((s) => (s.approval.state === 'valid' || s.approval.state === 'stale') && s.approval.approval.by === login);
  if (requested !== undefined && !open.includes(requested)) {
    const taken = signoffs.find((s) => s.role === requested)!;
    const refusal = signed
      ? `@${login} already signed as ${signed.title}, and each role is signed by a different person`
      : !isApprover(requested, login, policy)
        ? `@${login} is not a ${taken.title} approver; ask ${approversText(requested, policy)}`
        : `${taken.title} is already signed by @${signatureOf(taken.approval)?.by}`;
    return { refusal, field: 'role' };
  }
  if (requested !== undefined) return { role: requested };
  if (open.length === 1) return { role: open[0]! };
  if (open.length === 0) {
    const held = signoffs.filter((s) => isApprover(s.role, login, policy));
    const by = held.map((s) => `${s.title} by @${signatureOf(s.approval)?.by}`).join(', ');
    return { refusal: `every role @${login} holds is signed already (${by}); each role is signed once, by a different person` };
  }
  return { refusal: `@${login} may sign as ${titlesText(open, policy)}: say which role (${open.join(', ')})`, field: 'role' };
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

  const signoffs = signoffsOf(step, approvals, evidenceOf(layers), policy, rejected);
  const latest = signoffs.reduce<RoleSignoff | null>((a, b) => {
    const at = signatureOf(b.approval)?.at;
    return at !== undefined && (!a || at >= signatureOf(a.approval)!.at) ? b : a;
  }, null);
  const approval: ApprovalState = latest?.approval ?? { state: 'none' };
  const done = (verdict === 'pass' || verdict === 'waived') && signoffs.every((s) => s.approval.state === 'valid');
  return { verdict, layers: gateLayers, reasons, approval, signoffs, rejected, done };
}

/**
 * One role's sign-off as the gate screen and `gate` say it: "QE Owner: signed by @q 2h ago",
 * "CI Owner: stale, signed by @c 1d ago", "Tech Lead: not signed (may sign: @t)". `clean` makes
 * outside text (logins) safe for a terminal.
 */
export function signoffText(s: RoleSignoff, now: EpochMs, clean: (text: string) => string = (t) => t): string {
  const a = s.approval;
  if (a.state === 'none' || a.state === 'invalid') {
    const who = s.approvers.length ? s.approvers.map((l) => `@${clean(l)}`).join(', ') : 'nobody configured';
    return `${s.title}: not signed (may sign: ${who})`;
  }
  return `${s.title}: ${a.state === 'stale' ? 'stale, ' : ''}signed by @${clean(a.approval.by)} ${formatAgo(a.approval.at, now)}`;
}
