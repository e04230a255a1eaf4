import type { JournalEvent } from './events.js';
import { MINUTE, type EpochMs } from './time.js';
import { retractedIds } from './undo.js';

/**
 * Who is on which step (`c`): a claim is a lease, renewed while the holder's app runs and
 * lapsing by itself when it stops, so a closed laptop never holds a step. Not the turn to send a
 * notice (`notice-claimed`, domain/claims): that is the app's, for seconds; this is a person's.
 *
 * On the shared ledger every event is a commit, so each renewal is one. A lease of 15 minutes
 * renewed every 5 is one commit per held step per 5 minutes while the app runs (a handful an
 * hour), and a claim survives two missed renewals (a sleeping laptop, a slow network) before it
 * lapses; an app that stopped frees the step within 15 minutes, without anyone writing anything.
 */
export const STEP_LEASE_MS = 15 * MINUTE;
/** How old the holder's last claim of a step is when their app renews it. */
export const LEASE_RENEW_AFTER_MS = 5 * MINUTE;
/**
 * Someone with an event this recent is "active". Longer than the renewal period, so a person
 * whose app holds a claim always shows active; short enough that "active" means this hour's work.
 */
export const ACTIVE_WINDOW_MS = 10 * MINUTE;

export interface StepClaim {
  readonly step: string;
  readonly by: string;
  /** When this holder's claim began; renewals keep it ("@ciaranroche, 12 min"). */
  readonly since: EpochMs;
  /** When the lease lapses unless renewed. */
  readonly until: EpochMs;
  /** The holder's latest claim of it (the last renewal): the next one is due from here. */
  readonly renewedAt: EpochMs;
  /** Taken from someone whose claim still held: from whom, and the reason given. */
  readonly takenOver?: { readonly from: string; readonly reason: string };
}

/** One stream's claims, folded from its events: the last lease of each step that was not ended. */
export interface StepClaims {
  /** By step; a lease may have lapsed since (see `claimAt`). */
  readonly leases: Readonly<Record<string, StepClaim>>;
  /** Claim events that did not count, and why (a takeover without a reason, a release by another). */
  readonly ignored: readonly string[];
}

export const NO_CLAIMS: StepClaims = { leases: {}, ignored: [] };

/**
 * Folds the claims of one stream, in journal order (the ledger's branch order, which every
 * machine reads alike). A claim of a step nobody holds takes it; the holder's next claim renews
 * it; someone else's claim of a step still held counts only with a reason (a takeover). The
 * holder's release, or the step being done, ends it. Invalid lines never reach here: the journal
 * reads them as warnings, like a forged ledger entry (domain/ledger entryProblem).
 */
export function foldStepClaims(events: readonly JournalEvent[]): StepClaims {
  const leases: Record<string, StepClaim> = {};
  const ignored: string[] = [];
  const seen = new Set<string>();
  const retracted = events.some((e) => e.type === 'event-retracted') ? retractedIds(events).ids : new Set<string>();
  for (const event of events) {
    if (seen.has(event.id) || retracted.has(event.id)) continue;
    seen.add(event.id);
    const { type } = event;
    if (type === 'step-completed' || type === 'notice-sent') {
      delete leases[event.step];
    } else if (type === 'step-released') {
      const current = leases[event.step];
      if (current && current.by !== event.actor && event.at < current.until)
        ignored.push(
          `step-released of "${event.step}" by @${event.actor} not counted: @${current.by} holds it, and only the holder lets go`,
        );
      else if (current?.by === event.actor) delete leases[event.step];
    } else if (type === 'step-claimed') {
      const problem = claimProblem(event, leases[event.step]);
      if (problem) ignored.push(`step-claimed of "${event.step}" by @${event.actor} not counted: ${problem}`);
      else leases[event.step] = applyClaim(event, leases[event.step]);
    }
  }
  return { leases, ignored };
}

type Claimed = Extract<JournalEvent, { type: 'step-claimed' }>;

/** Why a claim does not count, or null when it does. */
function claimProblem(event: Claimed, current: StepClaim | undefined): string | null {
  if (event.until <= event.at) return 'its lease ends before it begins';
  const heldByAnother = current !== undefined && current.by !== event.actor && event.at < current.until;
  if (heldByAnother && !event.reason?.trim()) return `@${current.by} holds it; taking over someone's claim takes a reason`;
  return null;
}

function applyClaim(event: Claimed, current: StepClaim | undefined): StepClaim {
  // A lease is never longer than the app asks for: a hand-written one cannot hold a step for good.
  const until = Math.min(event.until, event.at + STEP_LEASE_MS);
  const held = current !== undefined && event.at < current.until;
  if (held && current.by === event.actor) return { ...current, until, renewedAt: event.at };
  const takenOver = held ? { takenOver: { from: current.by, reason: event.reason!.trim() } } : {};
  return { step: event.step, by: event.actor, since: event.at, until, renewedAt: event.at, ...takenOver };
}

/** The claim that holds `step` at `now`, or null: none made, ended, or its lease lapsed. */
export function claimAt(claims: StepClaims, step: string, now: EpochMs): StepClaim | null {
  const lease = claims.leases[step];
  return lease && now < lease.until ? lease : null;
}

/** Every claim that holds at `now`, oldest first. */
export const heldClaims = (claims: StepClaims, now: EpochMs): StepClaim[] =>
  Object.values(claims.leases)
    .filter((lease) => now < lease.until)
    .sort((a, b) => a.since - b.since);

/** The claims `login` holds at `now` that are due for renewal (their app renews them). */
export const claimsToRenew = (claims: StepClaims, login: string, now: EpochMs): StepClaim[] =>
  heldClaims(claims, now).filter((lease) => lease.by === login && now - lease.renewedAt >= LEASE_RENEW_AFTER_MS);

/** A step someone holds, and in which stream (the release, or a hotfix). */
export interface HeldStep extends StepClaim {
  readonly stream: string;
}

/** One person, as the team sees them: their last event, whether that is recent, and what they are on. */
export interface Presence {
  readonly login: string;
  readonly lastAt: EpochMs;
  readonly active: boolean;
  readonly holds: readonly HeldStep[];
}

/**
 * Who is around, from what is already shared (no server of our own): each login's latest event
 * of any stream, "active" when it is younger than `windowMs`, and the claims they hold. Holders
 * and the active come first, most recent first.
 */
export function teamPresence(
  events: ReadonlyArray<{ readonly stream: string; readonly event: JournalEvent }>,
  claims: Readonly<Record<string, StepClaims>>,
  now: EpochMs,
  windowMs = ACTIVE_WINDOW_MS,
): Presence[] {
  const last = new Map<string, EpochMs>();
  for (const { event } of events) last.set(event.actor, Math.max(last.get(event.actor) ?? -Infinity, event.at));
  const holds = new Map<string, HeldStep[]>();
  for (const [stream, stepClaims] of Object.entries(claims))
    for (const lease of heldClaims(stepClaims, now)) holds.set(lease.by, [...(holds.get(lease.by) ?? []), { ...lease, stream }]);
  const people = [...new Set([...last.keys(), ...holds.keys()])].map((login): Presence => {
    const lastAt = last.get(login) ?? -Infinity;
    return { login, lastAt, active: now - lastAt < windowMs, holds: holds.get(login) ?? [] };
  });
  const rank = (p: Presence) => (p.holds.length > 0 || p.active ? 0 : 1);
  return people.sort((a, b) => rank(a) - rank(b) || b.lastAt - a.lastAt || a.login.localeCompare(b.login));
}

/** "12 min", "1 h 5 min", "<1 min": how long a claim has been held. */
export function heldFor(since: EpochMs, now: EpochMs): string {
  const minutes = Math.floor(Math.max(0, now - since) / MINUTE);
  if (minutes < 1) return '<1 min';
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`;
}
