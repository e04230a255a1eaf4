import type { JournalEvent } from '../domain/events.js';
import { JournalRefusal, type JournalRead, type JournalStore } from '../domain/journal-store.js';
import type { EpochMs } from '../domain/time.js';

/** What an observer is told for every recording key and command. */
export const READ_ONLY_REFUSAL = 'read-only (--read-only): nothing is recorded here; what others record still arrives';

/**
 * `--read-only` (k9s's `--readonly`): the journal reads as usual and refuses every append, so
 * every path that records (a tick, an approval, a notice's claim, a hotfix) is refused at one place.
 */
export class ReadOnlyJournal implements JournalStore {
  constructor(private readonly inner: JournalStore) {}

  describe(): string {
    return `${this.inner.describe()} (read-only)`;
  }

  list(prefix?: string): Promise<string[]> {
    return this.inner.list(prefix);
  }

  read(stream: string, now: EpochMs): Promise<JournalRead> {
    return this.inner.read(stream, now);
  }

  append(_stream: string, ..._events: JournalEvent[]): Promise<void> {
    return Promise.reject(new JournalRefusal(READ_ONLY_REFUSAL));
  }
}
