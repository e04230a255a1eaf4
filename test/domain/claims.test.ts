import { describe, expect, it } from 'vitest';
import { claimHolder, claimant, type ClaimJudge, type NoticeClaim } from '../../src/domain/claims.js';
import type { JournalEvent } from '../../src/domain/events.js';
import { MINUTE } from '../../src/domain/time.js';

const KEY = 'v0.4.0/code-freeze';
const NOW = Date.parse('2026-11-23T10:00:00Z');

const claim = (id: string, at: number, pid = 100, extra: Partial<NoticeClaim> = {}): NoticeClaim => ({
  id,
  at,
  actor: 'rh-amarin',
  type: 'notice-claimed',
  step: 'code-freeze',
  key: KEY,
  pid,
  host: 'build-01',
  ...extra,
});
const released = (id: string, of: string): JournalEvent => ({
  id,
  at: NOW,
  actor: 'rh-amarin',
  type: 'notice-released',
  step: 'code-freeze',
  key: KEY,
  claim: of,
});
const judge = (gone: readonly number[] = [], now = NOW): ClaimJudge => ({
  now,
  leaseMs: 2 * MINUTE,
  running: (c) => !gone.includes(c.pid),
});

describe('claimHolder', () => {
  it('gives the turn to the first claim in journal order, whatever the clocks stamped', () => {
    const early = claim('a', NOW - 1000, 1);
    const later = claim('b', NOW - 5000, 2); // appended second, though its clock read earlier
    expect(claimHolder([early, later], KEY, judge())?.id).toBe('a');
    expect(claimHolder([later, early], KEY, judge())?.id).toBe('b');
  });

  it('passes the turn on when the holder releases it, its process is gone, or its lease ran out', () => {
    const a = claim('a', NOW - 1000, 1);
    const b = claim('b', NOW - 900, 2);
    expect(claimHolder([a, b, released('r', 'a')], KEY, judge())?.id).toBe('b');
    expect(claimHolder([a, b], KEY, judge([1]))?.id).toBe('b');
    expect(claimHolder([a, b], KEY, judge([], NOW - 1000 + 2 * MINUTE))?.id).toBe('b');
    expect(claimHolder([a, b, released('r', 'a'), released('s', 'b')], KEY, judge())).toBeNull();
  });

  it("counts only the notice's own claims, each id once, and none dated beyond its lease in the future", () => {
    const other = claim('o', NOW, 1, { key: 'v0.4.0/rc-available' });
    const future = claim('f', NOW + 10 * MINUTE, 2);
    const mine = claim('m', NOW, 3);
    expect(claimHolder([other, future, mine], KEY, judge())?.id).toBe('m');
    // A repeated line (a merged journal) does not queue the same claim twice.
    expect(claimHolder([mine, released('r', 'm'), mine], KEY, judge())).toBeNull();
  });

  it('says who holds it', () => {
    expect(claimant(claim('a', NOW, 4242))).toBe('process 4242 on build-01 (@rh-amarin)');
  });
});
