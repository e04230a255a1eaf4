import type { ObservedHead } from '../domain/ledger.js';
import { GITHUB_SOURCE } from '../domain/snapshot.js';
import type { LedgerJournalStore } from '../journal/ledger-store.js';
import { SourceError, type SourceReport, type StatusSource } from '../sources/source.js';

/** The name the ledger's reads go by among the sources (header, Status screen, backoff). */
export const LEDGER_SOURCE = 'ledger';

/**
 * The ledger branch's head as GitHub's status request saw it, handed from that source to the
 * ledger's next sync, once: a head seen before the ledger's last sync never stands in for a read.
 */
export class ObservedLedgerHead {
  private seen: ObservedHead | undefined;

  readonly observe = (seen: ObservedHead): void => {
    this.seen = seen;
  };

  take(): ObservedHead | undefined {
    const seen = this.seen;
    this.seen = undefined;
    return seen;
  }
}

/**
 * The shared ledger, read at every refresh like a status source: what others recorded arrives,
 * what this machine has not shared yet is pushed. It has no layer results of its own; when the
 * branch brought something, the journal is folded again. Its failures back off and show as stale.
 * Asked after GitHub in a refresh: the status request asks for the branch's head, so the ledger
 * reads its history only when that head moved.
 */
export class LedgerSource implements StatusSource {
  readonly name = LEDGER_SOURCE;
  readonly after = GITHUB_SOURCE;

  constructor(
    private readonly ledger: LedgerJournalStore,
    private readonly onArrived: () => Promise<void>,
    private readonly heads?: ObservedLedgerHead,
  ) {}

  async fetch(): Promise<SourceReport> {
    let arrived: boolean;
    try {
      arrived = await this.ledger.sync(this.heads?.take());
    } catch (error) {
      throw error instanceof SourceError ? error : new SourceError((error as Error).message);
    }
    if (arrived) await this.onArrived();
    return { results: [] };
  }
}
