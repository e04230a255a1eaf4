import type { JournalEvent } from './events.js';
import { oneLine } from './sanitize.js';
import { MINUTE, type EpochMs } from './time.js';

/**
 * Who may send a notice now. Every run that wants to send (or edit) one appends a
 * `notice-claimed` event, then reads the stream back: the first claim in journal order that is
 * still good holds the turn. Appends are totally ordered (O_APPEND writes on a local file, a
 * compare-and-swap on a shared ledger) and every reader sees the same order, so at most one run
 * believes it holds the turn. Nothing is ever deleted, so a crash cannot leave two holders: a
 * claim whose process is gone, or that outlived its lease, simply stops counting.
 */

export type NoticeClaim = Extract<JournalEvent, { type: 'notice-claimed' }>;

/**
 * How long a claim holds at most. A send takes seconds; a run that took longer than this gives
 * way, and the channel search before posting stays the safety net for the one that gave way.
 */
export const CLAIM_LEASE_MS = 2 * MINUTE;

/**
 * How much of the lease must be left to start a post: more than the post's own timeout, so a
 * run that takes over after the lease finds the post in the channel if it went through.
 */
export const POST_MARGIN_MS = 30_000;

export interface ClaimJudge {
  readonly now: EpochMs;
  readonly leaseMs: number;
  /** False only when the claiming process is known to be gone (same machine, no such process). */
  readonly running: (claim: NoticeClaim) => boolean;
}

/** Why a claim no longer counts, or null while it does. */
function claimLapse(claim: NoticeClaim, released: ReadonlySet<string>, judge: ClaimJudge): string | null {
  if (released.has(claim.id)) return 'released';
  if (judge.now >= claim.at + judge.leaseMs) return 'past its lease';
  // A claim dated beyond its own lease in the future was not made by a clock this journal trusts.
  if (claim.at > judge.now + judge.leaseMs) return 'dated in the future';
  if (!judge.running(claim)) return 'its process is gone';
  return null;
}

/** The claim that holds the turn to send the notice `key`, or null when none does. `events` in journal order. */
export function claimHolder(events: readonly JournalEvent[], key: string, judge: ClaimJudge): NoticeClaim | null {
  const released = new Set(events.flatMap((e) => (e.type === 'notice-released' && e.key === key ? [e.claim] : [])));
  const seen = new Set<string>();
  for (const event of events) {
    if (event.type !== 'notice-claimed' || event.key !== key || seen.has(event.id)) continue;
    seen.add(event.id);
    if (claimLapse(event, released, judge) === null) return event;
  }
  return null;
}

/** "process 4242 on build-01 (@rh-amarin)": who holds a claim, as a person reads it (the journal is outside text). */
export const claimant = (claim: NoticeClaim): string => `process ${claim.pid} on ${oneLine(claim.host)} (@${oneLine(claim.actor)})`;
