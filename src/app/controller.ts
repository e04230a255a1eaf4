import { allSteps } from '../domain/config.js';
import { hotfixStream, releaseStream, type EventBody, type JournalEvent } from '../domain/events.js';
import { foldHotfix, foldRelease, type HotfixState } from '../domain/fold.js';
import { applySourceOutcome } from '../domain/snapshot.js';
import { addDuration } from '../domain/time.js';
import type { JournalStore, JournalWarning } from '../journal/store.js';
import type { StatusSource } from '../sources/source.js';
import { uiActions, type AppStore, type LoggedEvent } from '../store/app-store.js';
import { redactSecrets } from './redact.js';

export interface ControllerDeps {
  readonly store: AppStore;
  readonly journal: JournalStore;
  readonly sources: readonly StatusSource[];
  readonly clock: () => number;
  readonly newId: () => string;
}

/**
 * The only place where user actions meet I/O: it reads and appends the journal, asks the
 * sources, and writes the results into the store. Components call it; they never do I/O.
 */
export class Controller {
  private refreshInFlight: Promise<void> | null = null;

  constructor(private readonly deps: ControllerDeps) {}

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
    const reads = await Promise.all(streams.map(async (stream) => ({ stream, read: await journal.read(stream) })));

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
    this.store.setState({ releaseState, hotfixes, log, journalWarnings: warnings });
  }

  /** Asks every source once. Never two refreshes at once: a second call joins the first. */
  refresh(): Promise<void> {
    this.refreshInFlight ??= this.runRefresh().finally(() => {
      this.refreshInFlight = null;
    });
    return this.refreshInFlight;
  }

  private async runRefresh(): Promise<void> {
    this.store.setState({ refreshing: true });
    for (const source of this.deps.sources) {
      const now = this.deps.clock();
      try {
        const report = await source.fetch(now);
        this.store.setState((s) => ({
          snapshot: applySourceOutcome(s.snapshot, source.name, { ok: true, results: report.results }, now),
          ...(report.viewer ? { viewer: report.viewer } : {}),
        }));
      } catch (error) {
        const message = redactSecrets(error instanceof Error ? error.message : String(error));
        this.store.setState((s) => ({ snapshot: applySourceOutcome(s.snapshot, source.name, { ok: false, error: message }, now) }));
      }
    }
    this.store.setState({ refreshing: false, now: this.deps.clock() });
  }

  /** Appends one event as the current GitHub identity, then re-reads the journal. */
  private async record(stream: string, body: EventBody): Promise<boolean> {
    const { viewer } = this.store.getState();
    if (!viewer) {
      uiActions.flash(this.store, { level: 'warn', text: 'Not signed in: set GITHUB_TOKEN (or run `gh auth login`) to record actions.' });
      return false;
    }
    const event = { id: this.deps.newId(), at: this.deps.clock(), actor: viewer, ...body } as JournalEvent;
    try {
      await this.deps.journal.append(stream, event);
    } catch (error) {
      uiActions.flash(this.store, { level: 'error', text: `Could not write the journal: ${(error as Error).message}` });
      return false;
    }
    await this.loadJournal();
    return true;
  }

  /** Space on a task: mark it done, or reopen it when it was done by hand. */
  async toggleTask(owner: { kind: 'release' } | { kind: 'hotfix'; hotfix: HotfixState }, stepId: string): Promise<void> {
    const state = this.store.getState();
    const playbook = owner.kind === 'release' ? state.config.playbooks.release : state.config.playbooks.hotfix;
    const step = allSteps(playbook).find((s) => s.id === stepId);
    const records = owner.kind === 'release' ? state.releaseState.steps : owner.hotfix.steps;
    const stream = owner.kind === 'release' ? releaseStream(state.release) : hotfixStream(owner.hotfix.key);
    if (!step) return;
    if (step.kind !== 'task') {
      const how = {
        check: 'a check is decided by live status',
        gate: 'a gate needs an approval',
        notice: 'a notice is done when it is sent',
      }[step.kind];
      uiActions.flash(this.store, { level: 'info', text: `Not a task, so not ticked by hand: ${how}.` });
      return;
    }
    const record = records[stepId];
    if (record && record.via !== 'manual') return;
    const done = await this.record(stream, record ? { type: 'step-reopened', step: stepId } : { type: 'step-completed', step: stepId });
    if (done) uiActions.flash(this.store, { level: 'info', text: `${record ? 'Reopened' : 'Done'}: ${step.title}` });
  }

  /** Refreshes now, then starts the one-second clock and the periodic refresh; returns a stop function. */
  start(): () => void {
    void this.refresh();
    const tick = setInterval(() => this.store.setState({ now: this.deps.clock() }), 1000);
    const every = Math.max(5_000, addDuration(0, this.store.getState().config.status.refreshEvery));
    const poll = setInterval(() => void this.refresh(), every);
    return () => {
      clearInterval(tick);
      clearInterval(poll);
    };
  }
}
