import { afterFailure, afterSuccess, isDue, type BackoffPolicy } from '../domain/backoff.js';
import { applySourceOutcome } from '../domain/snapshot.js';
import { addDuration } from '../domain/time.js';
import { SourceError, type StatusSource } from '../sources/source.js';
import type { AppStore } from '../store/app-store.js';
import { redactSecrets } from './redact.js';

export interface RefreshDeps {
  readonly store: AppStore;
  readonly sources: readonly StatusSource[];
  readonly clock: () => number;
  /** In [0, 1): jitter for backoff. */
  readonly random?: () => number;
}

/**
 * Asks the sources when they are due and writes their answers (or failures, with backoff) into
 * the store. A source is never asked twice at once.
 */
export class RefreshScheduler {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly followUps = new Map<string, Promise<void>>();

  constructor(private readonly deps: RefreshDeps) {}

  private get store(): AppStore {
    return this.deps.store;
  }

  /** Every answer being waited for now: a key pressed before GitHub said who you are waits for it. */
  settled(): Promise<void> {
    return Promise.all(this.inFlight.values()).then(() => undefined);
  }

  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  private backoffPolicy(): BackoffPolicy {
    const everyMs = Math.max(5_000, addDuration(0, this.store.getState().config.status.refreshEvery));
    return { everyMs, firstRetryMs: Math.min(5_000, everyMs), maxMs: Math.max(5 * 60_000, everyMs) };
  }

  /**
   * Asks the sources that are due (all of them when `manual`, except one the server told to
   * wait). A scheduled call while one is in flight joins it; a manual call queues one follow-up
   * after it, because the answer in flight may predate what the user just did (a new commit, a
   * demo step) and `r` must show data newer than the key.
   */
  refresh(manual = true): Promise<void> {
    const now = this.deps.clock();
    const { schedules } = this.store.getState();
    const runs = this.deps.sources.map((source) => {
      const running = this.inFlight.get(source.name);
      if (running) return manual ? this.followUp(source, running) : running;
      if (!isDue(schedules[source.name], now, manual)) return Promise.resolve();
      // The answer it reads is being fetched (the map runs in list order): ask once that is in.
      const before = source.after ? this.inFlight.get(source.after) : undefined;
      return this.track(source, before ? before.then(() => this.refreshSource(source)) : this.refreshSource(source));
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
      if (again) return again;
      // The source it reads is asked again too (its follow-up, queued first): after that answer.
      const before = source.after ? (this.followUps.get(source.after) ?? this.inFlight.get(source.after)) : undefined;
      return this.track(source, before ? before.then(() => this.refreshSource(source)) : this.refreshSource(source));
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
            ...(report.rcE2eRuns ? { rcE2eRuns: report.rcE2eRuns } : {}),
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

  /**
   * Refreshes now, then ticks every second: the clocks move, and each source is asked again
   * when its schedule (interval, or backoff after a failure) says so; `onTick` runs each second
   * too. Returns a stop function.
   */
  start(onTick: () => void): () => void {
    void this.refresh();
    const tick = setInterval(() => {
      this.store.setState({ now: this.deps.clock() });
      void this.refresh(false);
      onTick();
    }, 1000);
    return () => clearInterval(tick);
  }
}
