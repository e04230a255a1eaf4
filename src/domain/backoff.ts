import type { EpochMs } from './time.js';

/** When a source may be asked next, and how many times in a row it has failed. */
export interface Schedule {
  readonly failures: number;
  readonly nextAt: EpochMs;
  /** Set when the server itself said when to come back (Retry-After, rate-limit reset). */
  readonly holdUntil?: EpochMs;
}

export interface BackoffPolicy {
  /** The normal refresh interval. */
  readonly everyMs: number;
  /** The first retry after a failure; doubles each time. */
  readonly firstRetryMs: number;
  readonly maxMs: number;
}

export function afterSuccess(now: EpochMs, policy: BackoffPolicy): Schedule {
  return { failures: 0, nextAt: now + policy.everyMs };
}

/**
 * Exponential backoff with "equal jitter" (half fixed, half random), so many clients that failed
 * together do not come back together; never sooner than the server asked.
 * `random` is in [0, 1): the caller passes Math.random(), tests pass fixed values.
 */
export function afterFailure(
  previous: Schedule | undefined,
  now: EpochMs,
  policy: BackoffPolicy,
  random: number,
  retryAfterMs?: number,
): Schedule {
  const failures = (previous?.failures ?? 0) + 1;
  const ceiling = Math.min(policy.maxMs, policy.firstRetryMs * 2 ** (failures - 1));
  const delay = Math.max(ceiling / 2 + (random * ceiling) / 2, retryAfterMs ?? 0);
  return { failures, nextAt: now + delay, ...(retryAfterMs !== undefined ? { holdUntil: now + retryAfterMs } : {}) };
}

/** Due on schedule, or (asked by hand) whenever the server has not said to wait. */
export function isDue(schedule: Schedule | undefined, now: EpochMs, manual: boolean): boolean {
  if (!schedule) return true;
  if (manual) return schedule.holdUntil === undefined || now >= schedule.holdUntil;
  return now >= schedule.nextAt;
}
