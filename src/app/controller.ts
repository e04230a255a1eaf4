import { allSteps } from '../domain/config.js';
import { releaseStream, type EventBody, type JournalEvent } from '../domain/events.js';
import { foldHotfix, foldRelease } from '../domain/fold.js';
import { foldStepClaims } from '../domain/step-claims.js';
import { checksToAccept, evidenceProblem, quoteTitles } from '../domain/playbook.js';
import { notSignedInReason } from '../domain/snapshot.js';
import { describeEvent } from '../domain/timeline.js';
import { chooseUndo } from '../domain/undo.js';
import { capitalise } from '../domain/sanitize.js';
import { selectOpenHotfixes } from '../store/selectors.js';
import { streamStepTitles } from '../store/view.js';
import { JournalRefusal, type JournalStore, type JournalWarning } from '../domain/journal-store.js';
import { JournalNoticeClaims } from '../journal/claims.js';
import type { StatusSource } from '../sources/source.js';
import type { AppStore, LoggedEvent } from '../store/app-store.js';
import type { SlackApi } from '../notify/slack-api.js';
import type { DeliveryPoint } from '../notify/deliver.js';
import type { DemoStep } from '../demo/director.js';
import type { DemoStory } from '../demo/scenario.js';
import { done, failed, recorded, refused, type Outcome } from '../domain/outcome.js';
import { phasesOf, stepView, streamOf, type StepOwner } from './owner.js';
import { RefreshScheduler } from './refresh.js';
import { openLink, systemOpener, type LinkOpener } from './open-link.js';
import { GateActions, type Waiver } from './gate-actions.js';
import { NoticeActions } from './notice-actions.js';
import { HotfixActions } from './hotfix-actions.js';
import { HandoverActions } from './handover-actions.js';
import { RulebookActions } from './rulebook-actions.js';
import { tmpdir } from 'node:os';
import { ClaimActions } from './claim-actions.js';

export type { StepOwner } from './owner.js';

export interface ControllerDeps {
  readonly store: AppStore;
  readonly journal: JournalStore;
  /** Built once where the app is wired (app/session.ts). */
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
  /** This machine's rulebook (config/rulebook): every event records it. */
  readonly rulebook?: string;
  /** Where this machine keeps what it writes besides the journal (a release's rulebook, unpacked). */
  readonly stateDir?: string;
  /** Opens links in the browser; tests give one that notes what it was asked. */
  readonly opener?: LinkOpener;
}

/**
 * Where user actions meet I/O: it reads and appends the journal and wires the actions (tasks
 * and undo here; gates, notices and hotfixes in their own modules) and the refresh scheduler.
 * Components call it; they never do I/O. Every action returns an Outcome and writes no message.
 */
export class Controller {
  /** Asking the sources, on a schedule and when asked. */
  readonly scheduler: RefreshScheduler;
  /** Approving and waiving gates; planning the release. */
  readonly gates: GateActions;
  /** Sending, editing and reconciling Slack notices. */
  readonly notices: NoticeActions;
  /** Opening, re-grading and closing hotfixes; their QE handoff and timeline. */
  readonly hotfixes: HotfixActions;
  /** Hand-overs: written, saved, posted once. */
  readonly handovers: HandoverActions;
  /** The release's rulebook: recorded, compared with this machine's, taken. */
  readonly rulebook: RulebookActions;
  /** Who is on which step: claiming, letting go, taking over, and renewing one's own leases. */
  readonly claims: ClaimActions;

  constructor(private readonly deps: ControllerDeps) {
    const record = (stream: string, body: EventBody, id?: string) => this.record(stream, body, id);
    const identity = () => this.identity();
    const writeExport = deps.writeExport ?? (() => Promise.reject(new Error('this session has no place for exports')));
    this.scheduler = new RefreshScheduler({
      store: deps.store,
      sources: deps.sources,
      clock: deps.clock,
      ...(deps.random ? { random: deps.random } : {}),
    });
    this.gates = new GateActions({ store: deps.store, record, identity });
    this.notices = new NoticeActions({
      store: deps.store,
      record: async (stream, body) => (await this.record(stream, body)) === null,
      slack: deps.slack ?? null,
      identity,
      clock: deps.clock,
      claims: new JournalNoticeClaims({ journal: deps.journal, clock: deps.clock, newId: deps.newId }),
      reload: () => this.loadJournal(),
      ...(deps.deliveryCheckpoint ? { checkpoint: deps.deliveryCheckpoint } : {}),
    });
    this.hotfixes = new HotfixActions({
      store: deps.store,
      record,
      notices: this.notices,
      clock: deps.clock,
      writeExport,
    });
    this.handovers = new HandoverActions({
      store: deps.store,
      record,
      newId: deps.newId,
      identity,
      notices: this.notices,
      slack: deps.slack ?? null,
      writeExport,
    });
    this.rulebook = new RulebookActions({ store: deps.store, record, local: deps.rulebook ?? null, folder: deps.stateDir ?? tmpdir() });
    this.claims = new ClaimActions({ store: deps.store, record, identity, clock: deps.clock });
    deps.store.setState({ slackLive: this.notices.live, rulebook: deps.rulebook ?? null });
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
    const stepClaims = Object.fromEntries(reads.map(({ stream, read }) => [stream, foldStepClaims(read.events)]));
    // The clock moves on with what was just read, so an event stamped a moment ago never renders as future.
    this.store.setState({ releaseState, hotfixes, log, stepClaims, journalWarnings: warnings, now: this.deps.clock() });
  }

  /** Asks the sources that are due (all of them when `manual`); see RefreshScheduler. */
  refresh(manual = true): Promise<void> {
    return this.scheduler.refresh(manual);
  }

  /** `o`: the link in the browser, or said when there is no display (app/open-link). */
  openLink(url: string | undefined): Promise<Outcome> {
    return openLink(url, this.deps.opener ?? systemOpener());
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
  private async record(stream: string, body: EventBody, id = this.deps.newId()): Promise<Outcome | null> {
    const viewer = await this.identity();
    if (!viewer) return refused(`${capitalise(notSignedInReason(this.store.getState().snapshot))}; nothing was recorded.`);
    const rulebook = this.deps.rulebook ? { rulebook: this.deps.rulebook } : {};
    const event = { id, at: this.deps.clock(), actor: viewer, ...rulebook, ...body } as JournalEvent;
    try {
      await this.deps.journal.append(stream, event);
    } catch (error) {
      if (error instanceof JournalRefusal) {
        await this.loadJournal();
        return refused(capitalise(error.message));
      }
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
    if (!this.store.getState().viewer && this.scheduler.busy) await this.scheduler.settled();
    return this.store.getState().viewer;
  }

  /**
   * Space on a task: mark it done, or reopen it when it was done by hand. Reopening takes a
   * reason (`note`; refused on the field `reason`), as does doing a task out of order or past
   * the scope guard (refused on `note`).
   */
  async toggleTask(owner: StepOwner, stepId: string, note = ''): Promise<Outcome> {
    const state = this.store.getState();
    const playbook = owner.kind === 'release' ? state.config.playbooks.release : state.config.playbooks.hotfix;
    const step = allSteps(playbook).find((s) => s.id === stepId);
    const records = owner.kind === 'release' ? state.releaseState.steps : owner.hotfix.steps;
    if (!step) {
      return refused(
        `No step "${stepId}" in ${owner.kind === 'release' ? 'the release checklist' : `the runbook of ${owner.hotfix.key}`}.`,
      );
    }
    // A notice may be closed by hand too ("no breaking changes this time", "posted by hand"), with a note.
    if (step.kind === 'check' || step.kind === 'gate') {
      const how = { check: 'a check is decided by live status', gate: 'a gate needs an approval' }[step.kind];
      return refused(`Not a task, so not ticked by hand: ${how}.`);
    }
    const record = records[stepId];
    // As the checklist shows it: "release-0.4", not the playbook's "release-X.Y".
    const title = stepView(state, owner, stepId)?.title ?? step.title;
    if (record && record.via !== 'manual') {
      const how = record.via === 'notice' ? 'its notice was sent' : 'it was approved';
      return refused(`"${title}" is done because ${how}; it is not reopened by hand.`);
    }
    if (record && !note.trim()) return refused(`Reopening "${title}" takes a reason: say why it is not done after all.`, 'reason');
    if (step.scopeGuard && !record && !note.trim() && owner.kind === 'hotfix') {
      // The flags themselves, from the fix PRs the screen shows: not the wording of the step's reasons.
      const view = selectOpenHotfixes(state).find((h) => h.hotfix.key === owner.hotfix.key);
      const flags = view?.live.fix?.scope ?? [];
      if (flags.length > 0) {
        const flagged = flags.map((f) => `#${f.pr.number} ${f.reason}`).join('; ');
        return refused(`Scope guard: ${flagged} — say in the note why it is still a patch to existing function.`, 'note');
      }
    }
    const evidence = record ? null : evidenceProblem({ ...step, title }, note);
    if (evidence) return refused(evidence, 'note');
    if (!record && !note.trim()) {
      // Done out of order is allowed (people do), but never by a stray key: it takes a reason.
      const view = stepView(state, owner, stepId);
      if (view && view.waitsFor.length > 0) {
        return refused(`"${view.title}" still waits for ${quoteTitles(view.waitsFor)}: say in the note why it is done anyway.`, 'note');
      }
    }
    const withNote = note.trim() ? { note: note.trim() } : {};
    const accepted = record ? [] : checksToAccept(phasesOf(state, owner), stepId);
    const body: EventBody = record
      ? { type: 'step-reopened', step: stepId, ...withNote }
      : { type: 'step-completed', step: stepId, ...withNote, ...(accepted.length ? { accepted } : {}) };
    return recorded(await this.record(streamOf(state, owner), body), `${record ? 'Reopened' : 'Done'}: ${title}`);
  }

  /**
   * `u`: undoes the signed-in person's own last recorded action, if it is recent enough
   * (domain/undo), with a compensating event in its stream; the journal keeps both.
   */
  async undoLast(reason = ''): Promise<Outcome> {
    await this.identity();
    const choice = this.undoable();
    if (!choice.ok) return refused(choice.reason);
    const body: EventBody = { type: 'event-retracted', target: choice.event.id, ...(reason.trim() ? { reason: reason.trim() } : {}) };
    return recorded(await this.record(choice.stream, body), `Undone: ${choice.what}`);
  }

  /** What `undoLast` would undo now, in the words the Log uses ("Done: Cut release-0.4"), or why nothing can be. */
  undoable(): { ok: true; stream: string; event: JournalEvent; what: string; at: number } | { ok: false; reason: string } {
    const { log, config, release, hotfixes, viewer, snapshot } = this.store.getState();
    if (!viewer) return { ok: false, reason: `${capitalise(notSignedInReason(snapshot))}; nothing can be undone.` };
    const choice = chooseUndo(log, viewer, this.deps.clock());
    if (!choice.ok) return { ok: false, reason: `${capitalise(choice.reason)}.` };
    const { stream, event } = choice.undo;
    return { ok: true, stream, event, what: describeEvent(event, streamStepTitles(config, release, hotfixes)(stream)), at: event.at };
  }

  /** See GateActions.approve. */
  approve(owner: StepOwner, stepId: string, comment: string, role?: string): Promise<Outcome> {
    return this.gates.approve(owner, stepId, comment, role);
  }

  /** See GateActions.rolesToSign. */
  rolesToSign(owner: StepOwner, stepId: string): string[] {
    return this.gates.rolesToSign(owner, stepId);
  }

  /** See GateActions.approvalProblem. */
  approvalProblem(owner: StepOwner, stepId: string): string | null {
    return this.gates.approvalProblem(owner, stepId);
  }

  /** See GateActions.waiverProblem. */
  waiverProblem(owner: StepOwner, stepId: string, layerId?: string): string | null {
    return this.gates.waiverProblem(owner, stepId, layerId);
  }

  /** See GateActions.waive. */
  waive(owner: StepOwner, stepId: string, waiver: Waiver): Promise<Outcome> {
    return this.gates.waive(owner, stepId, waiver);
  }

  /** See GateActions.plan. */
  plan(gaDay: string): Promise<Outcome> {
    return this.gates.plan(gaDay);
  }

  /**
   * `>` in the demo: the next real-world event of `story` happens (the caller says which; the
   * controller never asks which screen is shown), and the journal and the sources are read again.
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

  /** Every answer asked for and not yet in the store: just after start, the first refresh's. */
  settled(): Promise<void> {
    return this.scheduler.settled();
  }

  /**
   * Starts the refresh schedule and reconciles notices; each second, late permalinks are asked
   * for and the person's claims renewed when due (`onClaimProblem` hears of one that was not).
   * Returns a stop function: after it nothing renews, and the claims lapse by themselves.
   */
  start(onClaimProblem: (outcome: Outcome) => void = () => {}): () => void {
    const stop = this.scheduler.start(() => {
      void this.notices.completePermalinks();
      void this.claims.renewOwn().then((problems) => problems.forEach(onClaimProblem));
    });
    void this.notices.reconcile();
    return stop;
  }
}
