import { hostname } from 'node:os';
import { CLAIM_LEASE_MS, claimHolder, type ClaimJudge, type NoticeClaim } from '../domain/claims.js';
import type { JournalEvent } from '../domain/events.js';
import type { EpochMs } from '../domain/time.js';
import type { JournalStore } from '../domain/journal-store.js';

/** The turn to send one notice, while this run holds it. */
export interface HeldClaim {
  readonly id: string;
  /** From here on another run may take over: start a post only well before it. */
  readonly expiresAt: EpochMs;
  /** Ends the turn (sent, edited or failed); never throws: a lost release lapses with the process or the lease. */
  release(): Promise<void>;
}

/** The claim could not be taken: the journal refused the write, or another run kept the turn too long. */
export class ClaimError extends Error {
  override name = 'ClaimError';
}

/**
 * Exclusive turns to send a notice, kept in the journal itself (see domain/claims). Works over
 * any store whose reads return events in the order they were appended: the file store (one
 * O_APPEND write per append), and a shared ledger that appends by compare-and-swap.
 */
export interface NoticeClaims {
  /**
   * Resolves once this run holds the turn; while another run holds it, waits (calling
   * `onWait` with each new holder) until that run releases it, its process ends, or its lease runs out.
   */
  acquire(
    stream: string,
    notice: { readonly step: string; readonly key: string },
    actor: string,
    onWait?: (holder: NoticeClaim) => void,
  ): Promise<HeldClaim>;
  /** The claim that holds the turn now, if any: a notice being sent is not a crash to reconcile. */
  holder(stream: string, key: string): Promise<NoticeClaim | null>;
}

/** The process this is, and how to tell whether another one on this machine still runs. */
export interface ProcessIdentity {
  readonly pid: number;
  readonly host: string;
  readonly running: (pid: number) => boolean;
}

/** Signal 0 checks that a process exists without touching it; EPERM means it exists as someone else's. */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const thisProcess = (): ProcessIdentity => ({ pid: process.pid, host: hostname(), running: processRuns });

/**
 * Claims this process made and has not given up, across every controller in it: one of its own
 * claims that is not here (an earlier try whose release could not be written) holds nothing.
 */
const ownClaims = new Set<string>();

/**
 * How often a waiting run asks a shared journal for what the others wrote (a holder on another
 * machine releases its turn there): a request a second, while waiting, is cheap.
 */
const CATCH_UP_MS = 1_000;

export interface JournalClaimsDeps {
  readonly journal: JournalStore;
  readonly clock: () => number;
  readonly newId: () => string;
  readonly process?: ProcessIdentity;
  readonly leaseMs?: number;
  /** How often a waiting run reads the journal again. */
  readonly pollMs?: number;
}

export class JournalNoticeClaims implements NoticeClaims {
  private readonly me: ProcessIdentity;
  private readonly leaseMs: number;
  private readonly pollMs: number;

  constructor(private readonly deps: JournalClaimsDeps) {
    this.me = deps.process ?? thisProcess();
    this.leaseMs = deps.leaseMs ?? CLAIM_LEASE_MS;
    this.pollMs = deps.pollMs ?? 100;
  }

  private judge(): ClaimJudge {
    const { pid, host, running } = this.me;
    return {
      now: this.deps.clock(),
      leaseMs: this.leaseMs,
      // Another machine's processes cannot be asked: its claims hold until released or past their lease.
      running: (claim) => (claim.host !== host ? true : claim.pid === pid ? ownClaims.has(claim.id) : running(claim.pid)),
    };
  }

  async holder(stream: string, key: string): Promise<NoticeClaim | null> {
    return claimHolder((await this.deps.journal.read(stream, this.deps.clock())).events, key, this.judge());
  }

  private async append(stream: string, event: JournalEvent): Promise<void> {
    try {
      await this.deps.journal.append(stream, event);
    } catch (error) {
      throw new ClaimError(`the journal could not be written (${(error as Error).message}), so nothing was posted`);
    }
  }

  private async claim(stream: string, notice: { step: string; key: string }, actor: string): Promise<NoticeClaim> {
    const claim: NoticeClaim = {
      id: this.deps.newId(),
      at: this.deps.clock(),
      actor,
      type: 'notice-claimed',
      step: notice.step,
      key: notice.key,
      pid: this.me.pid,
      host: this.me.host,
    };
    ownClaims.add(claim.id);
    try {
      await this.append(stream, claim);
    } catch (error) {
      ownClaims.delete(claim.id);
      throw error;
    }
    return claim;
  }

  async acquire(
    stream: string,
    notice: { readonly step: string; readonly key: string },
    actor: string,
    onWait?: (holder: NoticeClaim) => void,
  ): Promise<HeldClaim> {
    let mine = await this.claim(stream, notice, actor);
    let waitingFor: string | null = null;
    let caughtUpAt = this.deps.clock();
    const catchUp = async () => {
      await this.deps.journal.catchUp?.();
      caughtUpAt = this.deps.clock();
    };
    // Each holder ahead gives way within its lease; two leases' worth of waiting means something is wrong.
    for (let polls = Math.ceil((2 * this.leaseMs) / this.pollMs); polls > 0; polls -= 1) {
      if (this.deps.clock() - caughtUpAt >= CATCH_UP_MS) await catchUp();
      const { events } = await this.deps.journal.read(stream, this.deps.clock());
      const judge = this.judge();
      const holder = claimHolder(events, notice.key, judge);
      if (holder?.id === mine.id) {
        // The turn is ours as far as this copy knows; a shared copy is read once more, so that
        // the holder before us, and what it sent, are seen before anything is posted.
        if (!this.deps.journal.catchUp || waitingFor === null || caughtUpAt >= judge.now) return this.held(stream, mine);
        await catchUp();
        continue;
      }
      if (judge.now >= mine.at + this.leaseMs) {
        // Waited past its own lease: others no longer count it, so it queues again.
        ownClaims.delete(mine.id);
        mine = await this.claim(stream, notice, actor);
      } else if (holder && holder.id !== waitingFor) {
        waitingFor = holder.id;
        onWait?.(holder);
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
    await this.release(stream, mine);
    throw new ClaimError(`another run kept the turn to send ${notice.key} for too long; nothing was posted, try again`);
  }

  private held(stream: string, claim: NoticeClaim): HeldClaim {
    return { id: claim.id, expiresAt: claim.at + this.leaseMs, release: () => this.release(stream, claim) };
  }

  private async release(stream: string, claim: NoticeClaim): Promise<void> {
    ownClaims.delete(claim.id);
    const released: JournalEvent = {
      id: this.deps.newId(),
      at: this.deps.clock(),
      actor: claim.actor,
      type: 'notice-released',
      step: claim.step,
      key: claim.key,
      claim: claim.id,
    };
    await this.deps.journal.append(stream, released).catch(() => undefined);
  }
}
