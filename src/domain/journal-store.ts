import type { JournalEvent } from './events.js';
import type { EpochMs } from './time.js';

/** A line of the journal that could not be used, with where it is and what to do. */
export interface JournalWarning {
  readonly stream: string;
  readonly line: number;
  readonly message: string;
}

export interface JournalRead {
  readonly events: readonly JournalEvent[];
  readonly warnings: readonly JournalWarning[];
}

/**
 * Where events live. The file store is the default; a shared backend (e.g. comments on a GitHub
 * issue of the release repository) implements the same three calls.
 */
export interface JournalStore {
  /** Where the journal lives, for the log screen and error messages. */
  describe(): string;
  /** Stream names ("release-v0.4.0", "hotfix-HYPERFLEET-901"), optionally by prefix. */
  list(prefix?: string): Promise<string[]>;
  /**
   * Every event of the stream in the order it was appended (turns to send a notice are decided by
   * it: journal/claims); events dated after `now` by more than clock skew come back as warnings.
   */
  read(stream: string, now: EpochMs): Promise<JournalRead>;
  /** Appends the events in order, all or none visible as whole lines; durable when it resolves. */
  append(stream: string, ...events: JournalEvent[]): Promise<void>;
  /**
   * A shared store reads what the others shared since it last looked; never throws (a run
   * waiting for another's turn to send keeps waiting). A local file is always caught up.
   */
  catchUp?(): Promise<void>;
}

/**
 * An append the journal would not take, for a reason the person acts on: someone else did the
 * same first, or a decision for the team could not be shared. Refused, not failed.
 */
export class JournalRefusal extends Error {
  override name = 'JournalRefusal';
}
