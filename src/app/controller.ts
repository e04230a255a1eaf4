import { allSteps } from '../domain/config.js';
import { hotfixStream, releaseStream, type EventBody, type JournalEvent } from '../domain/events.js';
import { foldHotfix, foldRelease, type HotfixState } from '../domain/fold.js';
import { afterFailure, afterSuccess, isDue, type BackoffPolicy } from '../domain/backoff.js';
import { milestonesFromGa } from '../domain/cadence.js';
import { approvalRefusal, evidenceOf, type GatePolicy } from '../domain/gate.js';
import { checksToAccept, quoteTitles, stepTitles, type PhaseView, type StepView } from '../domain/playbook.js';
import { chooseUndo } from '../domain/undo.js';
import { describeEvent } from '../domain/timeline.js';
import { applySourceOutcome, notSignedInReason } from '../domain/snapshot.js';
import { selectOpenHotfixes, selectReleasePhases } from '../store/selectors.js';
import { addDuration } from '../domain/time.js';
import type { JournalStore, JournalWarning } from '../journal/store.js';
import { JournalNoticeClaims } from '../journal/claims.js';
import { SourceError, type StatusSource } from '../sources/source.js';
import type { AppStore, LoggedEvent } from '../store/app-store.js';
import { done, failed, recorded, refused, type Outcome } from './outcome.js';
import { redactSecrets } from './redact.js';
import { capitalise } from '../domain/sanitize.js';
import { NoticeActions } from './notice-actions.js';
import { HotfixActions } from './hotfix-actions.js';
import type { SlackApi } from '../notify/slack-api.js';
import type { DeliveryPoint } from '../notify/deliver.js';
import type { DemoStep } from '../demo/director.js';
import type { DemoStory } from '../demo/scenario.js';

/** Whose playbook a step belongs to. */
export type StepOwner = { readonly kind: 'release' } | { readonly kind: 'hotfix'; readonly hotfix: HotfixState };

export interface ControllerDeps {
  readonly store: AppStore;
  readonly journal: JournalStore;
  readonly sources: readonly StatusSource[];
  readonly clock: () => number;
  readonly newId: () => string;
  /** In [0, 1): jitter for backoff. */
  readonly random?: () => number;
  /** Only in the demo: plays the story's next real-world event (or says what it waits for). */
  readonly advanceDemo?: (now: number, story: DemoStory) => Promise<DemoStep>;
  /** Slack, when SLACK_BOT_TOKEN is set; without it notices run dry. */
  readonly slack?: SlackApi | null;
  /** Tests stop a notice's delivery here, as a crash would. */
  readonly deliveryCheckpoint?: (point: DeliveryPoint) => void;
  /** Saves an export (the QE handoff) beside the journal; returns its path. */
  readonly writeExport?: (name: string, text: string) => Promise<string>;
}

/**
 * The only place where user actions meet I/O: it reads and appends the journal, asks the
 * sources, and writes the results into the store. Components call it; they never do I/O.
 */
export class Controller {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly followUps = new Map<string, Promise<void>>();

  /** Sending, editing and reconciling Slack notices. */
  readonly notices: NoticeActions;
  /** Opening, re-grading and closing hotfixes; their QE handoff and timeline. */
  readonly hotfixes: HotfixActions;

  constructor(private readonly deps: ControllerDeps) {
    this.notices = new NoticeActions({
      store: deps.store,
      record: async (stream, body) => (await this.record(stream, body)) === null,
      slack: deps.slack ?? null,
      identity: () => this.identity(),
      clock: deps.clock,
      claims: new JournalNoticeClaims({ journal: deps.journal, clock: deps.clock, newId: deps.newId }),
      reload: () => this.loadJournal(),
      ...(deps.deliveryCheckpoint ? { checkpoint: deps.deliveryCheckpoint } : {}),
    });
    this.hotfixes = new HotfixActions({
      store: deps.store,
      record: (stream, body) => this.record(stream, body),
      notices: this.notices,
      clock: deps.clock,
      writeExport: deps.writeExport ?? (() => Promise.reject(new Error('this session has no place for exports'))),
    });
    deps.store.setState({ slackLive: this.notices.live });
  }

  private get store(): AppStore {
    return this.deps.store;
  }

  /** Reads the release stream and every hotfix stream, folds them, and publishes the result. */
  async loadJournal(): Promise<void> {
    const { config, release } = this.store.getState();
    const { journal } = this.deps;
    const releaseSteps = new Set(allSteps(config.playbooks.release).map((s) => s.id));
    const hotfixSteps = new Set(allSteps(config.playbooks.hotfix).map((s) => s.id));
    const streams = [releaseStream(release), ...(await journal.list('hotfix-'))];
    // Read as of now: an event dated later than this clock (beyond skew) is a warning, never counted.
    const now = this.deps.clock();
    const reads = await Promise.all(streams.map(async (stream) => ({ stream, read: await journal.read(stream, now) })));

    const warnings: JournalWarning[] = reads.flatMap((r) => r.read.warnings);
    const log: LoggedEvent[] = reads
      .flatMap(({ stream, read }) => read.events.map((event) => ({ stream, event })))
      .sort((a, b) => b.event.at - a.event.at);
    const [releaseRead, ...hotfixReads] = reads;
    const releaseState = foldRelease(releaseRead!.read.events, releaseSteps);
    const hotfixes = hotfixReads.flatMap(({ read }) => {
      const state = foldHotfix(read.events, hotfixSteps);
      return state ? [state] : [];
    });
    // The clock moves on with what was just read, so an event stamped a moment ago never renders as future.
    this.store.setState({ releaseState, hotfixes, log, journalWarnings: warnings, now: this.deps.clock() });
  }

  private backoffPolicy(): BackoffPolicy {
    const everyMs = Math.max(5_000, addDuration(0, this.store.getState().config.status.refreshEvery));
    return { everyMs, firstRetryMs: Math.min(5_000, everyMs), maxMs: Math.max(5 * 60_000, everyMs) };
  }

  /**
   * Asks the sources that are due (all of them when `manual`, except one the server told to
   * wait). A source is never asked twice at once. A scheduled call while one is in flight joins
   * it; a manual call queues one follow-up after it, because the answer in flight may predate
   * what the user just did (a new commit, a demo step) and `r` must show data newer than the key.
   */
  refresh(manual = true): Promise<void> {
    const now = this.deps.clock();
    const { schedules } = this.store.getState();
    const runs = this.deps.sources.map((source) => {
      const running = this.inFlight.get(source.name);
      if (running) return manual ? this.followUp(source, running) : running;
      if (!isDue(schedules[source.name], now, manual)) return Promise.resolve();
      return this.track(source, this.refreshSource(source));
    });
    if (this.inFlight.size > 0) this.store.setState({ refreshing: true });
    return Promise.all(runs).then(() => undefined);
  }

  /** One queued re-ask per source, however many times the user presses `r` meanwhile. */
  private followUp(source: StatusSource, running: Promise<void>): Promise<void> {
    const queued = this.followUps.get(source.name);
    if (queued) return queued;
    const next = running.then(() => {
      this.followUps.delete(source.name);
      const again = this.inFlight.get(source.name);
      return again ?? this.track(source, this.refreshSource(source));
    });
    this.followUps.set(source.name, next);
    return next;
  }

  private track(source: StatusSource, run: Promise<void>): Promise<void> {
    const tracked = run.finally(() => {
      this.inFlight.delete(source.name);
      this.store.setState({ refreshing: this.inFlight.size > 0 });
    });
    this.inFlight.set(source.name, tracked);
    return tracked;
  }

  private async refreshSource(source: StatusSource): Promise<void> {
    const started = this.deps.clock();
    try {
      const report = await source.fetch(started);
      const now = this.deps.clock();
      this.store.setState((s) => ({
        snapshot: applySourceOutcome(
          s.snapshot,
          source.name,
          {
            ok: true,
            results: report.results,
            ...(report.artifacts ? { artifacts: report.artifacts } : {}),
            ...(report.repos ? { repos: report.repos } : {}),
            ...(report.unanswered ? { unanswered: report.unanswered } : {}),
          },
          now,
        ),
        schedules: { ...s.schedules, [source.name]: afterSuccess(now, this.backoffPolicy()) },
        sourceWarnings: { ...s.sourceWarnings, [source.name]: (report.warnings ?? []).map((w) => redactSecrets(w)) },
        ...(report.viewer ? { viewer: report.viewer } : {}),
        ...(report.rateLimit ? { rateLimit: report.rateLimit } : {}),
        now,
      }));
    } catch (error) {
      const now = this.deps.clock();
      const message = redactSecrets(error instanceof Error ? error.message : String(error));
      const retryAfterMs = error instanceof SourceError ? error.retryAfterMs : undefined;
      const random = (this.deps.random ?? Math.random)();
      this.store.setState((s) => ({
        snapshot: applySourceOutcome(s.snapshot, source.name, { ok: false, error: message }, now),
        schedules: {
          ...s.schedules,
          [source.name]: afterFailure(s.schedules[source.name], now, this.backoffPolicy(), random, retryAfterMs),
        },
        now,
      }));
    }
  }

  /** Why nothing can be recorded now (no GitHub login, and why), or null when there is a login. */
  signInProblem(): string | null {
    if (this.store.getState().viewer) return null;
    return `${capitalise(notSignedInReason(this.store.getState().snapshot))}; nothing can be recorded.`;
  }

  /**
   * Appends one event as the current GitHub identity, then re-reads the journal. Null once it is
   * in the journal; else why not: no login (refused) or a journal that could not be written (failed).
   */
  private async record(stream: string, body: EventBody): Promise<Outcome | null> {
    const viewer = await this.identity();
    if (!viewer) return refused(`${capitalise(notSignedInReason(this.store.getState().snapshot))}; nothing was recorded.`);
    const event = { id: this.deps.newId(), at: this.deps.clock(), actor: viewer, ...body } as JournalEvent;
    try {
      await this.deps.journal.append(stream, event);
    } catch (error) {
      return failed(`Could not write the journal: ${(error as Error).message}`);
    }
    await this.loadJournal();
    return null;
  }

  /**
   * The GitHub login of the token. A key pressed before the first answer came waits for the
   * refresh in flight rather than being refused as "not signed in".
   */
  async identity(): Promise<string | null> {
    if (!this.store.getState().viewer && this.inFlight.size > 0) await Promise.all(this.inFlight.values());
    return this.store.getState().viewer;
  }

  /**
   * Space on a task: mark it done, or reopen it when it was done by hand. Reopening takes a
   * reason (`note`), as does doing a task out of order or past the scope guard.
   */
  async toggleTask(owner: StepOwner, stepId: string, note = ''): Promise<Outcome> {
    const state = this.store.getState();
    const playbook = owner.kind === 'release' ? state.config.playbooks.release : state.config.playbooks.hotfix;
    const step = allSteps(playbook).find((s) => s.id === stepId);
    const records = owner.kind === 'release' ? state.releaseState.steps : owner.hotfix.steps;
    if (!step)
      return refused(
        `No step "${stepId}" in ${owner.kind === 'release' ? 'the release checklist' : `the runbook of ${owner.hotfix.key}`}.`,
      );
    // A notice may be closed by hand too ("no breaking changes this time", "posted by hand"), with a note.
    if (step.kind === 'check' || step.kind === 'gate') {
      const how = { check: 'a check is decided by live status', gate: 'a gate needs an approval' }[step.kind];
      return refused(`Not a task, so not ticked by hand: ${how}.`);
    }
    const record = records[stepId];
    if (record && record.via !== 'manual') {
      const how = record.via === 'notice' ? 'its notice was sent' : 'it was approved';
      return refused(`"${step.title}" is done because ${how}; it is not reopened by hand.`);
    }
    if (record && !note.trim()) return refused(`Reopening "${step.title}" takes a reason: say why it is not done after all.`, 'reason');
    if (step.scopeGuard && !record && !note.trim() && owner.kind === 'hotfix') {
      // The flags themselves, from the fix PRs the screen shows: not the wording of the step's reasons.
      const view = selectOpenHotfixes(state).find((h) => h.hotfix.key === owner.hotfix.key);
      const flags = view?.live.fix?.scope ?? [];
      if (flags.length > 0) {
        const flagged = flags.map((f) => `#${f.pr.number} ${f.reason}`).join('; ');
        return refused(`Scope guard: ${flagged} — say in the note why it is still a patch to existing function.`, 'note');
      }
    }
    if (!record && !note.trim()) {
      // Done out of order is allowed (people do), but never by a stray key: it takes a reason.
      const view = this.stepView(owner, stepId);
      if (view && view.waitsFor.length > 0) {
        return refused(`"${view.title}" still waits for ${quoteTitles(view.waitsFor)}: say in the note why it is done anyway.`, 'note');
      }
    }
    const withNote = note.trim() ? { note: note.trim() } : {};
    const accepted = record ? [] : checksToAccept(this.phasesOf(owner), stepId);
    const body: EventBody = record
      ? { type: 'step-reopened', step: stepId, ...withNote }
      : { type: 'step-completed', step: stepId, ...withNote, ...(accepted.length ? { accepted } : {}) };
    return recorded(await this.record(this.streamOf(owner), body), `${record ? 'Reopened' : 'Done'}: ${step.title}`);
  }

  /** The evaluated playbook of the release or of a hotfix. */
  private phasesOf(owner: StepOwner): PhaseView[] {
    const state = this.store.getState();
    return owner.kind === 'release'
      ? selectReleasePhases(state)
      : (selectOpenHotfixes(state).find((h) => h.hotfix.key === owner.hotfix.key)?.phases ?? []);
  }

  /** A step and its evaluation (a gate's with its verdict), from the release or a hotfix. */
  private stepView(owner: StepOwner, stepId: string): StepView | undefined {
    return this.phasesOf(owner)
      .flatMap((p) => p.steps)
      .find((v) => v.step.id === stepId);
  }

  private gatePolicy(owner: StepOwner): GatePolicy {
    const { config, releaseState } = this.store.getState();
    const plannedBy = owner.kind === 'release' ? releaseState.plannedBy : owner.hotfix.openedBy;
    return { roles: config.roles, twoPersonRule: config.approvals.twoPersonRule, plannedBy };
  }

  private streamOf(owner: StepOwner): string {
    return owner.kind === 'release' ? releaseStream(this.store.getState().release) : hotfixStream(owner.hotfix.key);
  }

  /**
   * Approves a gate as the token's GitHub login, recording what the approver sees now (each
   * layer's commit, state, link and age). Refused, naming who may approve, for anyone else, and
   * while the gate fails.
   */
  async approve(owner: StepOwner, stepId: string, comment: string): Promise<Outcome> {
    await this.identity();
    const problem = this.approvalProblem(owner, stepId);
    if (problem) return refused(problem);
    const view = this.stepView(owner, stepId)!;
    const evidence = evidenceOf(view.layers);
    const accepted = checksToAccept(this.phasesOf(owner), stepId);
    const body: EventBody = {
      type: 'gate-approved',
      step: stepId,
      evidence,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(accepted.length ? { accepted } : {}),
    };
    return recorded(await this.record(this.streamOf(owner), body), `Approved: ${view.title}`);
  }

  /**
   * Why approving this gate now would be refused, or null: asked before the approver types a
   * comment, and again when it is sent. Names who may approve, or what the gate waits for.
   */
  approvalProblem(owner: StepOwner, stepId: string): string | null {
    const view = this.stepView(owner, stepId);
    if (!view || view.step.kind !== 'gate') return 'Only a gate step can be approved.';
    const refusal = approvalRefusal(view.step, this.store.getState().viewer, this.gatePolicy(owner), this.whyNoLogin());
    if (refusal) return `Cannot approve: ${refusal}.`;
    if (view.gate && (view.gate.verdict === 'fail' || view.gate.verdict === 'pending')) {
      const state = view.gate.verdict === 'fail' ? 'failing' : 'still pending';
      return `Cannot approve "${view.title}": the gate is ${state} (${view.gate.reasons[0] ?? ''}). Fix or waive it first.`;
    }
    return null;
  }

  /** Why waiving a layer of this gate would be refused (who may, and which layers can be), or null. */
  waiverProblem(owner: StepOwner, stepId: string, layerId?: string): string | null {
    const view = this.stepView(owner, stepId);
    if (!view || view.step.kind !== 'gate') return 'Only a gate step has layers to waive.';
    const policy = { ...this.gatePolicy(owner), twoPersonRule: false };
    const refusal = approvalRefusal(view.step, this.store.getState().viewer, policy, this.whyNoLogin());
    if (refusal) return `Cannot waive: ${refusal}.`;
    const failing = (view.gate?.layers ?? []).filter((l) => l.verdict === 'fail').map((l) => l.evaluation.layer.id);
    if (failing.length === 0 || (layerId !== undefined && !failing.includes(layerId))) {
      return `Only a failing or missing mandatory layer can be waived${failing.length ? `: ${failing.join(', ')}` : '; none is failing'}.`;
    }
    return null;
  }

  private whyNoLogin(): string {
    return notSignedInReason(this.store.getState().snapshot);
  }

  /** Waives one failing or missing mandatory layer of a gate, with its tracking issue, reason and mitigation. */
  async waive(
    owner: StepOwner,
    stepId: string,
    waiver: { layer: string; tracking: string; reason: string; mitigation: string },
  ): Promise<Outcome> {
    await this.identity();
    const problem = this.waiverProblem(owner, stepId, waiver.layer);
    if (problem) return refused(problem);
    const layer = this.stepView(owner, stepId)!.gate!.layers.find((l) => l.evaluation.layer.id === waiver.layer)!;
    const fields = { tracking: waiver.tracking.trim(), reason: waiver.reason.trim(), mitigation: waiver.mitigation.trim() };
    const empty = Object.entries(fields).find(([, v]) => !v);
    if (empty) return refused(`A waiver needs a ${empty[0]}.`, empty[0]);
    const body: EventBody = { type: 'gate-waived', step: stepId, layer: waiver.layer, ...fields };
    return recorded(await this.record(this.streamOf(owner), body), `Waived ${layer.evaluation.layer.name} (${fields.tracking})`);
  }

  /** Plans the release: its milestones from the GA day, recorded as the token's GitHub login. */
  async plan(gaDay: string): Promise<Outcome> {
    const { config, release } = this.store.getState();
    const milestones = milestonesFromGa(gaDay, config.hotfix.holidays);
    return recorded(
      await this.record(releaseStream(release), { type: 'release-planned', release, milestones }),
      `Planned ${release}: GA ${gaDay}`,
    );
  }

  /**
   * `>` in the demo: the next real-world event of the story happens ('hotfix' or 'release': the
   * caller says which), and the app reads the journal and refreshes to see it.
   */
  async advanceDemo(story: DemoStory): Promise<Outcome> {
    if (!this.deps.advanceDemo) return refused('Only the demo has a world to move forward (--demo).');
    const step = await this.deps.advanceDemo(this.deps.clock(), story);
    if (!step) return refused(`The demo's ${story} has no more events: the rest is up to you.`);
    if (step.waiting) return refused(`Demo: not yet — ${step.waiting}.`);
    await this.loadJournal();
    await this.refresh();
    return done(`Demo: ${step.title}.`);
  }

  /**
   * `u`: undoes the signed-in person's own last recorded action, if it is recent enough
   * (domain/undo), with a compensating event in its stream; the journal keeps both.
   */
  async undoLast(reason = ''): Promise<Outcome> {
    const actor = await this.identity();
    if (!actor) return refused(`${capitalise(notSignedInReason(this.store.getState().snapshot))}; nothing can be undone.`);
    const { log, config, release, hotfixes } = this.store.getState();
    const choice = chooseUndo(log, actor, this.deps.clock());
    if (!choice.ok) return refused(`${capitalise(choice.reason)}.`);
    const { stream, event } = choice.undo;
    const affects = hotfixes.find((h) => hotfixStream(h.key) === stream)?.affects;
    const titles =
      stream === releaseStream(release) ? stepTitles(config.playbooks.release, release) : stepTitles(config.playbooks.hotfix, affects);
    const what = describeEvent(event, (id) => titles.get(id) ?? id);
    const body: EventBody = { type: 'event-retracted', target: event.id, ...(reason.trim() ? { reason: reason.trim() } : {}) };
    return recorded(await this.record(stream, body), `Undone: ${what}`);
  }

  /**
   * Refreshes now, then ticks every second: the clocks move, and each source is asked again
   * when its schedule (interval, or backoff after a failure) says so. Returns a stop function.
   */
  start(): () => void {
    void this.refresh();
    void this.notices.reconcile();
    const tick = setInterval(() => {
      this.store.setState({ now: this.deps.clock() });
      void this.refresh(false);
      void this.notices.completePermalinks();
    }, 1000);
    return () => clearInterval(tick);
  }
}
