import { allSteps, type Component, type LayerSpec, type Naming, type Playbook, type Step } from './config.js';
import {
  artifactFindings,
  manifestFindings,
  patchFindings,
  patchProblems,
  tagFindings,
  type Finding,
  type PatchFacts,
  type ReleaseMakeup,
} from './facts.js';
import { fixProblems, type FixTracking } from './fix.js';
import type { GateRecord, StepRecord } from './fold.js';
import { approvalRefusal, evaluateGate, evidenceOf, type GatePolicy, type GateResult } from './gate.js';
import type { AcceptedCheck } from './events.js';
import { evaluateLayer, layerResult, type LayerEvaluation } from './layers.js';
import type { RcE2eCheck } from './rc-e2e.js';
import type { StatusSnapshot } from './status.js';
import {
  addDuration,
  DAY,
  describeDuration,
  formatSpan,
  formatUtc,
  shiftWorkingDays,
  type Duration,
  type EpochMs,
  type WorkCalendar,
} from './time.js';
import { personalise } from './version.js';

/**
 * done    — completed by a person, approved, sent, or (check) passed on live data
 * failed  — a check whose live data says no
 * waiting — a check or gate waiting for data, or for its approval
 * blocked — a step whose `needs` are not all done
 * ready   — a task or notice someone can do now
 */
export type StepState = 'done' | 'failed' | 'waiting' | 'blocked' | 'ready';
export type Timing = 'none' | 'scheduled' | 'due' | 'overdue';

export interface StepView {
  readonly step: Step;
  /** Title and help with "X.Y.Z" placeholders filled in for this release. */
  readonly title: string;
  readonly help?: string;
  readonly phaseId: string;
  readonly state: StepState;
  /** True when live data, not a person, decided the state. */
  readonly auto: boolean;
  /** The steps (by id) this one needs that are not done, and their titles as shown. */
  readonly blockedBy: readonly string[];
  readonly waitsFor: readonly string[];
  readonly record?: StepRecord;
  readonly layers: readonly LayerEvaluation[];
  readonly reasons: readonly string[];
  readonly dueAt?: EpochMs;
  readonly timing: Timing;
  /** For a gate: its verdict, layers with waivers, and whether its approval counts. */
  readonly gate?: GateResult;
  /** For a check: the tags and artifacts it found (layers carry their own evidence). */
  readonly evidence: readonly string[];
  /** For a check that does not pass now: the record that accepted it while it passed. */
  readonly frozen?: FrozenCheck;
  /**
   * Its state waits on a source's first answer (or on steps that do): not yet known, so its
   * deadline is not judged either. The first frame may be incomplete; it must not be wrong.
   */
  readonly undecided: boolean;
}

export interface PhaseView {
  readonly id: string;
  readonly title: string;
  readonly done: number;
  readonly total: number;
  /** Steps not done whose state is not known yet. */
  readonly undecided: number;
  readonly steps: readonly StepView[];
}

export interface PlaybookInput {
  readonly playbook: Playbook;
  readonly steps: Readonly<Record<string, StepRecord>>;
  /** Named times: milestones for a release; "reported" and "sla" for a hotfix. */
  readonly anchors: Readonly<Record<string, EpochMs | undefined>>;
  readonly snapshot: StatusSnapshot | null;
  readonly layers: readonly LayerSpec[];
  readonly components: readonly Component[];
  /** Where working days are counted (offsets such as "1 working day"). */
  readonly calendar: WorkCalendar;
  /** How long before its deadline a step counts as due. */
  readonly dueSoonMs: number;
  /** `cadence.sprintLength`, for deadlines "one sprint before GA". */
  readonly sprintLength?: Duration;
  readonly now: EpochMs;
  /** The release (or, for a hotfix, the affected release) that fills "X.Y.Z" in titles. */
  readonly version?: string;
  /** Approvals and waivers per gate step, and who may give them. */
  readonly gates?: Readonly<Record<string, GateRecord>>;
  readonly policy?: GatePolicy;
  /** Tag names, for checks on tags. */
  readonly naming?: Naming;
  /** The release's components and the version each ships (its manifest); absent for a hotfix. */
  readonly makeup?: ReleaseMakeup;
  /** A hotfix's fix PRs on both branches; null before GitHub answers; absent for a release. */
  readonly fix?: FixTracking | null;
  /** The hotfix key its fix PRs name. */
  readonly fixKey?: string;
  /** A hotfix's patch tag, image and release-repo tag; absent for a release. */
  readonly patch?: PatchFacts | null;
  /** The RC E2E run for the manifest's versions (domain/rc-e2e); absent for a hotfix. */
  readonly rcE2e?: RcE2eCheck;
}

function resolveDue(step: Step, input: PlaybookInput): EpochMs | undefined {
  if (!step.due) return undefined;
  const { at, offset, before, endOfDay } = step.due;
  const known = at
    .map((name) => (name.startsWith('step:') ? input.steps[name.slice('step:'.length)]?.at : input.anchors[name]))
    .find((time) => time !== undefined);
  if (known === undefined) return undefined;
  let due = endOfDay ? Math.floor(known / DAY) * DAY + DAY - 1000 : known;
  if (offset) due = addDuration(due, offset, input.calendar);
  if (before) due = subtractDuration(due, before === 'sprint' ? input.sprintLength : before, input.calendar);
  return due;
}

/** `before: 3w` or `before: sprint`; a release without a sprint length has no such deadline. */
function subtractDuration(at: EpochMs, duration: Duration | undefined, calendar: WorkCalendar): EpochMs {
  if (!duration) return at;
  return duration.kind === 'calendar' ? at - duration.ms : shiftWorkingDays(at, -duration.days, calendar);
}

function timingOf(dueAt: EpochMs | undefined, done: boolean, input: PlaybookInput): Timing {
  if (dueAt === undefined || done) return 'none';
  if (input.now > dueAt) return 'overdue';
  return dueAt - input.now <= input.dueSoonMs ? 'due' : 'scheduled';
}

/** What a check found of the tags and artifacts it asks for; null for each whose source has not answered yet. */
interface FactFindings {
  readonly tags: readonly Finding[] | null;
  readonly artifacts: readonly Finding[] | null;
  readonly manifest: readonly Finding[] | null;
  /** A hotfix's manifest bump: what it found of the release branch's manifest. */
  readonly patch: readonly Finding[] | null;
}

const NO_FINDINGS: FactFindings = { tags: [], artifacts: [], manifest: [], patch: [] };
const NO_MAKEUP: ReleaseMakeup = { known: false, why: 'only a release names component versions' };

function factFindings(step: Step, input: PlaybookInput): FactFindings {
  if (!step.check) return NO_FINDINGS;
  const makeup = input.makeup ?? NO_MAKEUP;
  const { naming } = input;
  const repos = input.snapshot?.repos;
  return {
    tags: naming ? tagFindings(step.check, makeup, repos, naming) : [],
    artifacts: naming
      ? artifactFindings(step.check, { components: input.components, naming }, makeup, input.snapshot?.artifacts, repos)
      : [],
    manifest: naming ? manifestFindings(step.check, makeup, repos, naming) : [],
    patch: patchFindings(step.check.patch, input.patch),
  };
}

/** The tags, artifacts and manifest entries a check found: shown as its evidence. */
const factEvidence = ({ tags, artifacts, manifest, patch }: FactFindings): string[] =>
  [...(tags ?? []), ...(artifacts ?? []), ...(manifest ?? []), ...(patch ?? [])].filter((f) => f.ok).map((f) => f.text);

/** Tags and artifacts a check asks for that are not there yet: waiting, not failed (someone tags; images build). */
function factProblems(step: Step, input: PlaybookInput, found: FactFindings): string[] {
  if (!step.check) return [];
  const problems = (findings: readonly Finding[] | null) => findings?.filter((f) => !f.ok).map((f) => f.text) ?? null;
  const tags = problems(found.tags);
  const artifacts = problems(found.artifacts);
  const manifest = problems(found.manifest);
  const fix = step.check.fix ? fixProblems(step.check.fix, input.fix, input.fixKey ?? '') : [];
  const patch = step.check.patch ? patchProblems(step.check.patch, input.patch) : [];
  return [
    ...(tags ?? ['waiting for GitHub']),
    ...(artifacts ?? ['waiting for the registry']),
    ...(manifest ?? ['waiting for GitHub']),
    ...(fix ?? ['waiting for GitHub']),
    ...(patch ?? ['waiting for GitHub']),
    ...streakProblems(step, input),
  ];
}

/** `greenFor`: each layer's periodic job has passed, unbroken, for at least that long. */
function streakProblems(step: Step, input: PlaybookInput): string[] {
  const needed = step.check?.greenFor;
  if (!needed || !input.snapshot) return [];
  return (step.check?.layers ?? []).flatMap((id) => {
    const spec = input.layers.find((l) => l.id === id);
    const result = spec && layerResult(spec, null, input.snapshot!);
    if (!result || result.state !== 'passed') return []; // the layer's own verdict says why
    const since = result.passingSince;
    if (since !== undefined && addDuration(since, needed, input.calendar) <= input.now) return [];
    const name = input.layers.find((l) => l.id === id)?.name ?? id;
    const green = since === undefined ? 'not yet' : `for ${formatSpan(input.now - since)}`;
    return [`${name}: green ${green}, needs ${describeDuration(needed)}`];
  });
}

/**
 * What a step that asks for the RC E2E run (`check.rcE2e`) sees of it: when it passed, all it
 * found (the run, the tags it tested, the runs not counted); else what is missing, and whether
 * that is a failure (the run, or the workflow that starts it, failed).
 */
interface RcE2eOutcome {
  readonly evidence: readonly string[];
  readonly problems: readonly string[];
  readonly failed: boolean;
  readonly undecided: boolean;
}

const NO_RC_E2E: RcE2eOutcome = { evidence: [], problems: [], failed: false, undecided: false };

function rcE2eOutcome(step: Step, input: PlaybookInput): RcE2eOutcome {
  if (!step.check?.rcE2e) return NO_RC_E2E;
  const check = input.rcE2e;
  if (!check) return { evidence: [], problems: ['RC E2E: not known for this checklist'], failed: false, undecided: true };
  if (check.state === 'passed') return { ...NO_RC_E2E, evidence: check.findings.map((f) => f.text) };
  return {
    evidence: check.findings.filter((f) => f.ok).map((f) => f.text),
    problems: check.findings.filter((f) => !f.ok).map((f) => f.text),
    failed: check.state === 'failed',
    undecided: check.undecided,
  };
}

function checkState(
  layers: readonly LayerEvaluation[],
  waitingFor: readonly string[],
  failed = false,
): { state: StepState; reasons: string[] } {
  const blocking = layers.filter((l) => l.verdict === 'fail' || l.verdict === 'pending');
  const reasons = [...blocking.flatMap((l) => l.reasons.map((r) => `${l.layer.name} — ${r}`)), ...waitingFor];
  if (failed || blocking.some((l) => l.verdict === 'fail')) return { state: 'failed', reasons };
  if (blocking.length > 0 || waitingFor.length > 0) return { state: 'waiting', reasons };
  return { state: 'done', reasons: [] };
}

/** A check's evidence as it was frozen by a later step done (or gate approved) while it passed. */
export interface FrozenCheck {
  /** The step whose completion or approval recorded it, by title. */
  readonly byTitle: string;
  readonly via: 'completed' | 'approved';
  readonly at: EpochMs;
  readonly actor: string;
  readonly check: AcceptedCheck;
}

/**
 * For each check, the first record that accepted it while it passed: a step done, or a gate
 * approved by someone who may approve it. A record that went past a red check carries nothing
 * for it, so that check stays red.
 */
function frozenChecks(input: PlaybookInput, titles: ReadonlyMap<string, string>): Map<string, FrozenCheck> {
  const frozen = new Map<string, FrozenCheck>();
  const add = (stepId: string, via: FrozenCheck['via'], at: EpochMs, actor: string, accepted: readonly AcceptedCheck[] | undefined) => {
    for (const check of accepted ?? []) {
      const known = frozen.get(check.step);
      if (!known || at < known.at) frozen.set(check.step, { byTitle: titles.get(stepId) ?? stepId, via, at, actor, check });
    }
  };
  for (const step of allSteps(input.playbook)) {
    const record = input.steps[step.id];
    if (record?.via === 'manual') add(step.id, 'completed', record.at, record.by, record.accepted);
    for (const approval of input.gates?.[step.id]?.approvals ?? []) {
      if (approvalRefusal(step, approval.by, input.policy ?? NO_POLICY)) continue;
      add(step.id, 'approved', approval.at, approval.by, approval.accepted);
    }
  }
  return frozen;
}

/** "passed when "Cut release-0.4" was completed by @rh-amarin (2026-11-30 10:12 UTC)", then what it saw. */
export function frozenCheckLines(frozen: FrozenCheck, layers: readonly LayerSpec[]): string[] {
  const head = `passed when "${frozen.byTitle}" was ${frozen.via} by @${frozen.actor} (${formatUtc(frozen.at)})`;
  const saw = frozen.check.evidence.map((e) => {
    const name = layers.find((l) => l.id === e.layer)?.name ?? e.layer;
    const where = e.component ? ` ${e.component}` : '';
    const commit = e.commit ? ` @ ${e.commit.slice(0, 7)}` : '';
    const finished = e.finishedAt !== undefined ? `, finished ${formatUtc(e.finishedAt)}` : '';
    return `saw ${name}${where}: ${e.state}${commit}${finished}${e.url ? `  ${e.url}` : ''}`;
  });
  return [head, ...saw, ...frozen.check.found.map((f) => `saw ${f}`)];
}

/**
 * What completing `stepId` (or approving it, for a gate) accepts: each check it needs that
 * passes now, with what it passes on, and each it needs that passed earlier, as recorded then.
 * A needed check that does not pass is left out, so it keeps its own state.
 */
export function checksToAccept(phases: readonly PhaseView[], stepId: string): AcceptedCheck[] {
  const views = new Map(phases.flatMap((p) => p.steps).map((v) => [v.step.id, v]));
  const step = views.get(stepId)?.step;
  return (step?.needs ?? []).flatMap((id) => {
    const need = views.get(id);
    if (!need || need.step.kind !== 'check' || need.state !== 'done') return [];
    if (need.frozen) return [need.frozen.check];
    return [{ step: id, evidence: evidenceOf(need.layers), found: need.evidence }];
  });
}

interface Context {
  readonly input: PlaybookInput;
  /** Each step's title as shown (placeholders filled), to say what a blocked step waits for. */
  readonly titles: ReadonlyMap<string, string>;
  readonly doneIds: ReadonlySet<string>;
  readonly undecidedIds: ReadonlySet<string>;
  readonly frozen: ReadonlyMap<string, FrozenCheck>;
}

/** Each step's title as its checklist shows it: "release-X.Y" filled in for `version`. */
export function stepTitles(playbook: Playbook, version: string | undefined): ReadonlyMap<string, string> {
  return new Map(allSteps(playbook).map((s) => [s.id, personalise(s.title, version)]));
}

/** `"Tag v0.4.0-rc1 in every component", "RC images exist for every component"`: what a step waits for. */
export const quoteTitles = (titles: readonly string[]): string => titles.map((t) => `"${t}"`).join(', ');
const needsText = (waitsFor: readonly string[]): string => `needs ${quoteTitles(waitsFor)}`;

function evaluateStep(step: Step, phaseId: string, { input, titles, doneIds, undecidedIds, frozen }: Context): StepView {
  const record = input.steps[step.id];
  const layers = (step.check?.layers ?? []).flatMap((id) => {
    const spec = input.layers.find((l) => l.id === id);
    return spec ? [evaluateLayer(spec, input.snapshot, input.components, input.now)] : [];
  });
  const blockedBy = step.needs.filter((id) => !doneIds.has(id));
  const waitsFor = blockedBy.map((id) => titles.get(id) ?? id);
  const help = step.help === undefined ? {} : { help: personalise(step.help, input.version) };
  const found = step.kind === 'check' ? factFindings(step, input) : NO_FINDINGS;
  const rcE2e = rcE2eOutcome(step, input);
  const evidence = [...factEvidence(found), ...rcE2e.evidence];
  const base = {
    step,
    title: titles.get(step.id) ?? step.title,
    ...help,
    phaseId,
    blockedBy,
    waitsFor,
    layers,
    evidence,
    ...(record ? { record } : {}),
  };
  const dueAt = resolveDue(step, input);
  const withTiming = (state: StepState, auto: boolean, reasons: readonly string[], undecided = false): StepView => ({
    ...base,
    state,
    auto,
    reasons,
    undecided,
    ...(dueAt !== undefined ? { dueAt } : {}),
    timing: undecided ? 'none' : timingOf(dueAt, state === 'done', input),
  });

  const blockedByUndecided = blockedBy.length > 0 && blockedBy.every((id) => undecidedIds.has(id));
  if (step.kind === 'gate') return evaluateGateStep(step, input, layers, { waitsFor, blockedByUndecided, rcE2e }, base, withTiming);
  if (record) return withTiming('done', false, []);
  const guard = step.scopeGuard ? scopeReasons(input) : [];
  if (blockedBy.length > 0) return withTiming('blocked', false, [needsText(waitsFor), ...guard], blockedByUndecided);
  if (step.kind === 'check') {
    const { state, reasons } = checkState(layers, [...factProblems(step, input, found), ...rcE2e.problems], rcE2e.failed);
    const accepted = frozen.get(step.id);
    if (state !== 'done' && accepted) {
      // A preflight check is a moment in time: it passed when the release moved past it, and
      // today's red nightly belongs to the gate ahead. What it passed on is in the record.
      const view = withTiming('done', false, [...frozenCheckLines(accepted, input.layers), `live status now: ${state}`, ...reasons]);
      return { ...view, frozen: accepted };
    }
    const undecided = state !== 'done' && (awaitsFirstAnswer(step, input, layers, found) || rcE2e.undecided);
    return withTiming(state, true, reasons, undecided);
  }
  return withTiming('ready', false, guard);
}

/** Some layer's cell has no answer from its source yet (or nothing was asked yet). */
const layersAwaitFirstAnswer = (layers: readonly LayerEvaluation[], input: PlaybookInput): boolean =>
  layers.some((l) => !input.snapshot || l.cells.some((c) => c.state === 'unknown'));

/** A check some of whose data no source has given yet: a layer cell unknown, tags, artifacts or PRs not listed. */
function awaitsFirstAnswer(step: Step, input: PlaybookInput, layers: readonly LayerEvaluation[], found: FactFindings): boolean {
  const unknownLayer = layersAwaitFirstAnswer(layers, input);
  const unlisted = (step.check?.fix && input.fix === null) || (step.check?.patch && input.patch === null);
  return unknownLayer || found.tags === null || found.artifacts === null || found.manifest === null || Boolean(unlisted);
}

/** What the scope guard flagged on the fix PRs: shown on the attesting task, which then needs a note. */
function scopeReasons(input: PlaybookInput): string[] {
  if (input.fix === null) return ['waiting for GitHub to list the fix PRs'];
  return (input.fix?.scope ?? []).map((flag) => `scope guard: #${flag.pr.number} ${flag.reason}`);
}

const NO_GATE_RECORD: GateRecord = { approvals: [], waivers: [] };
const NO_POLICY: GatePolicy = { roles: {}, twoPersonRule: false, plannedBy: null };

/**
 * A gate is decided by its layers, waivers and approvals only (a hand-edited "completed" line
 * cannot open it): done with a valid approval over passing or waived layers. A gate that asks
 * for the RC E2E run (`check.rcE2e`) cannot be approved until the run for the manifest's
 * versions, the final RC's, has passed: a check accepted earlier for an older RC does not do.
 */
function evaluateGateStep(
  step: Step,
  input: PlaybookInput,
  layers: readonly LayerEvaluation[],
  needs: { readonly waitsFor: readonly string[]; readonly blockedByUndecided: boolean; readonly rcE2e: RcE2eOutcome },
  base: object,
  withTiming: (state: StepState, auto: boolean, reasons: readonly string[], undecided?: boolean) => StepView,
): StepView {
  const { waitsFor, blockedByUndecided, rcE2e } = needs;
  const record = input.gates?.[step.id] ?? NO_GATE_RECORD;
  const gate = withRcE2e(evaluateGate(step, layers, record.approvals, record.waivers, input.policy ?? NO_POLICY), rcE2e);
  const finish = (view: StepView): StepView => ({ ...view, ...base, gate, ...(gate.done ? { record: approvalRecord(gate) } : {}) });
  if (gate.done) return finish(withTiming('done', false, []));
  if (waitsFor.length > 0) return finish(withTiming('blocked', false, [needsText(waitsFor), ...gate.rejected], blockedByUndecided));
  const approval = signoffReasons(gate);
  const unknown = gate.verdict === 'pending' && (layersAwaitFirstAnswer(layers, input) || rcE2e.undecided);
  const state = gate.verdict === 'fail' ? 'failed' : 'waiting';
  return finish(withTiming(state, false, [...gate.reasons, ...approval, ...gate.rejected], unknown));
}

/**
 * The gate's verdict with the RC E2E run in it, until an approval counts: approving is refused
 * while it is pending or failing, and an approval given on it stands (it recorded what it saw).
 */
function withRcE2e(gate: GateResult, rcE2e: RcE2eOutcome): GateResult {
  if (rcE2e.problems.length === 0 || gate.approval.state === 'valid') return gate;
  const verdict = rcE2e.failed || gate.verdict === 'fail' ? 'fail' : 'pending';
  return { ...gate, verdict, reasons: [...rcE2e.problems.map((p) => `RC E2E: ${p}`), ...gate.reasons], done: false };
}

/**
 * What the gate's signatures still need: a stale one named with what changed, the roles not yet
 * signed ("waiting for sign-off by QE Owner and CI Owner"; one role: "waiting for an approval").
 */
function signoffReasons(gate: GateResult): string[] {
  const several = gate.signoffs.length > 1;
  const stale = gate.signoffs.flatMap((s) =>
    s.approval.state === 'stale'
      ? [`${several ? `${s.title} ` : ''}approval by @${s.approval.approval.by} is stale: ${s.approval.changes.join('; ')}`]
      : [],
  );
  const missing = gate.signoffs.filter((s) => s.approval.state === 'none' || s.approval.state === 'invalid').map((s) => s.title);
  if (missing.length === 0) return stale;
  const waiting = several
    ? `waiting for sign-off by ${missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}` : missing[0]} (a)`
    : 'waiting for an approval (a)';
  return [...stale, waiting];
}

function approvalRecord(gate: GateResult): StepRecord {
  const { approval } = gate.approval as Extract<GateResult['approval'], { state: 'valid' }>;
  return { at: approval.at, by: approval.by, via: 'approval', ...(approval.comment ? { note: approval.comment } : {}) };
}

/** Dependencies before dependents. The config loader rejects cycles; `seen` keeps this safe anyway. */
function dependencyOrder(steps: readonly Step[]): Step[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const order: Step[] = [];
  const visit = (step: Step): void => {
    if (seen.has(step.id)) return;
    seen.add(step.id);
    for (const id of step.needs) {
      const dependency = byId.get(id);
      if (dependency) visit(dependency);
    }
    order.push(step);
  };
  steps.forEach(visit);
  return order;
}

/** Evaluates every step; phases and steps come back in playbook order. */
export function evaluatePlaybook(input: PlaybookInput): PhaseView[] {
  const phaseOf = new Map(input.playbook.phases.flatMap((p) => p.steps.map((s) => [s.id, p.id] as const)));
  const doneIds = new Set<string>();
  const undecidedIds = new Set<string>();
  const titles = stepTitles(input.playbook, input.version);
  const context: Context = { input, titles, doneIds, undecidedIds, frozen: frozenChecks(input, titles) };
  const views = new Map<string, StepView>();
  for (const step of dependencyOrder(allSteps(input.playbook))) {
    const view = evaluateStep(step, phaseOf.get(step.id)!, context);
    views.set(step.id, view);
    if (view.state === 'done') doneIds.add(step.id);
    if (view.undecided) undecidedIds.add(step.id);
  }
  return input.playbook.phases.map((phase) => {
    const steps = phase.steps.map((s) => views.get(s.id)!);
    const done = steps.filter((s) => s.state === 'done').length;
    return { id: phase.id, title: phase.title, done, total: steps.length, undecided: steps.filter((s) => s.undecided).length, steps };
  });
}

/** The first phase that still has work, or the last one when everything is done. */
export function currentPhase(phases: readonly PhaseView[]): PhaseView | undefined {
  return phases.find((p) => p.done < p.total) ?? phases[phases.length - 1];
}

/** The current phase, or null while steps up to it are not known yet (it may be a later one). */
export function knownCurrentPhase(phases: readonly PhaseView[]): PhaseView | null | undefined {
  const phase = currentPhase(phases);
  if (!phase) return undefined;
  return phases.slice(0, phases.indexOf(phase) + 1).some((p) => p.undecided > 0) ? null : phase;
}

/** Steps done, steps in all, and steps whose state is not known yet (a source has not answered). */
export function progressOf(phases: readonly PhaseView[]): { done: number; total: number; undecided: number } {
  const sum = (pick: (p: PhaseView) => number) => phases.reduce((n, p) => n + pick(p), 0);
  return { done: sum((p) => p.done), total: sum((p) => p.total), undecided: sum((p) => p.undecided) };
}

/** The steps someone can act on now, most urgent first; a step not known yet is not listed. */
export function nextSteps(phases: readonly PhaseView[]): StepView[] {
  const rank: Record<Timing, number> = { overdue: 0, due: 1, scheduled: 2, none: 3 };
  return phases
    .flatMap((p) => p.steps)
    .filter((s) => !s.undecided && (s.state === 'ready' || s.state === 'waiting' || s.state === 'failed'))
    .sort((a, b) => rank[a.timing] - rank[b.timing] || (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity));
}

const LINK = /\bhttps?:\/\/\S+/;

/**
 * A task with `evidence: link` is ticked only with a link in its note (the bug query, QE's
 * results): until the app reads that source itself, the link is what the tick stands on.
 */
export function evidenceProblem(step: Step, note: string): string | null {
  if (step.evidence !== 'link' || LINK.test(note)) return null;
  return `"${step.title}" is ticked with a link to what you looked at (the query, the results): put it in the note.`;
}
