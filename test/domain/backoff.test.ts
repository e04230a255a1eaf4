import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, isDue, type BackoffPolicy } from '../../src/domain/backoff.js';

const policy: BackoffPolicy = { everyMs: 60_000, firstRetryMs: 5_000, maxMs: 300_000 };
const T = 1_000_000;

describe('backoff', () => {
  it('after a success, waits the normal interval', () => {
    expect(afterSuccess(T, policy)).toEqual({ failures: 0, nextAt: T + 60_000 });
  });

  it('doubles after each failure, with jitter between half and all of the step, up to the cap', () => {
    let schedule = undefined;
    const delays: Array<[number, number]> = [];
    for (let i = 0; i < 8; i += 1) {
      const low = afterFailure(schedule, T, policy, 0);
      const high = afterFailure(schedule, T, policy, 0.999999);
      delays.push([low.nextAt - T, Math.round(high.nextAt - T)]);
      schedule = low;
    }
    expect(delays).toEqual([
      [2_500, 5_000],
      [5_000, 10_000],
      [10_000, 20_000],
      [20_000, 40_000],
      [40_000, 80_000],
      [80_000, 160_000],
      [150_000, 300_000],
      [150_000, 300_000],
    ]);
  });

  it('never retries sooner than the server asked, even by hand', () => {
    const schedule = afterFailure(undefined, T, policy, 0.5, 120_000);
    expect(schedule.nextAt).toBe(T + 120_000);
    expect(isDue(schedule, T + 10_000, true)).toBe(false);
    expect(isDue(schedule, T + 120_000, true)).toBe(true);
  });

  it('a refresh by hand skips ordinary backoff; the poller waits for it', () => {
    const schedule = afterFailure(undefined, T, policy, 0.5);
    expect(isDue(schedule, T + 1, true)).toBe(true);
    expect(isDue(schedule, T + 1, false)).toBe(false);
    expect(isDue(schedule, schedule.nextAt, false)).toBe(true);
    expect(isDue(undefined, T, false)).toBe(true);
  });
});
