import type { LedgerJournalStore } from '../journal/ledger-store.js';
import { SourceError, type SourceReport, type StatusSource } from '../sources/source.js';

/** The name the ledger's reads go by among the sources (header, Status screen, backoff). */
export const LEDGER_SOURCE = 'ledger';

/**
 * The shared ledger, read at every refresh like a status source: what others recorded arrives,
 * what this machine has not shared yet is pushed. It has no layer results of its own; when the
 * branch brought something, the journal is folded again. Its failures back off and show as stale.
 */
export class LedgerSource implements StatusSource {
  readonly name = LEDGER_SOURCE;

  constructor(
    private readonly ledger: LedgerJournalStore,
    private readonly onArrived: () => Promise<void>,
  ) {}

  async fetch(): Promise<SourceReport> {
    let arrived: boolean;
    try {
      arrived = await this.ledger.sync();
    } catch (error) {
      throw error instanceof SourceError ? error : new SourceError((error as Error).message);
    }
    if (arrived) await this.onArrived();
    return { results: [] };
  }
}
