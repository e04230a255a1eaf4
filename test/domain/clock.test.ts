import { describe, expect, it } from 'vitest';
import { cadencePosition } from '../../src/domain/cadence.js';
import type { HotfixState } from '../../src/domain/fold.js';
import { hotfixClock, openHotfixesByUrgency } from '../../src/domain/hotfix.js';
import { applySourceOutcome, staleSources } from '../../src/domain/snapshot.js';
import { DAY, HOUR } from '../../src/domain/time.js';
import { hotfixState } from './fixtures.js';

const T = Date.parse('2026-11-18T12:00:00Z');
const config = {
  hotfix: {
    sla: {
      Blocker: { kind: 'calendar', ms: 48 * HOUR },
      Critical: { kind: 'calendar', ms: 48 * HOUR },
      Major: { kind: 'calendar', ms: 7 * DAY },
    },
    holidays: [],
  },
} as const;
const hotfix = (key: string, severity: HotfixState['severity'], reportedAt: number, closedAt: number | null = null): HotfixState =>
  hotfixState({ key, severity, component: 'api', reportedAt, openedBy: 'a', closedAt });

describe('hotfix clocks', () => {
  it.each([
    [10 * HOUR, 'ok'],
    [30 * HOUR, 'warn'],
    [40 * HOUR, 'critical'],
    [50 * HOUR, 'overdue'],
  ])('after %d ms of a 48 h SLA the clock is %s', (elapsed, level) => {
    const clock = hotfixClock(hotfix('H', 'Blocker', T), config, T + elapsed);
    expect(clock.level).toBe(level);
    expect(clock.remainingMs).toBe(48 * HOUR - elapsed);
  });

  it('orders open hotfixes by deadline and leaves closed ones out', () => {
    const list = [hotfix('major', 'Major', T - DAY), hotfix('blocker', 'Blocker', T), hotfix('closed', 'Blocker', T - 3 * DAY, T)];
    expect(openHotfixesByUrgency(list, config).map((h) => h.key)).toEqual(['blocker', 'major']);
  });
});

describe('cadence', () => {
  const milestones = { 'readiness-review': T - 2 * DAY, 'feature-freeze': T - DAY, 'code-freeze': T + DAY, ga: T + 2 * DAY };
  it.each([
    [T - 3 * DAY, 'development', 'readiness-review'],
    [T, 'stabilisation', 'code-freeze'],
    [T + DAY + 1, 'code-freeze', 'ga'],
    [T + 3 * DAY, 'released', undefined],
  ])('at %d the release is in %s', (now, phase, next) => {
    const position = cadencePosition(milestones, now);
    expect(position.phase).toBe(phase);
    expect(position.next?.milestone).toBe(next);
  });

  it('is unplanned without milestones', () => {
    expect(cadencePosition({}, T).phase).toBe('unplanned');
  });
});

describe('snapshots', () => {
  const r = { layer: 'e2e', component: null, state: 'passed', fetchedAt: T, source: 'prow' } as const;
  it('a failed source keeps its last good results and says why', () => {
    const good = applySourceOutcome(null, 'prow', { ok: true, results: [r] }, T);
    const failed = applySourceOutcome(good, 'prow', { ok: false, error: '502 Bad Gateway' }, T + HOUR);
    expect(failed.results).toEqual([r]);
    expect(staleSources(failed)).toEqual([{ source: 'prow', ok: false, error: '502 Bad Gateway', lastSuccessAt: T }]);
    const recovered = applySourceOutcome(failed, 'prow', { ok: true, results: [] }, T + 2 * HOUR);
    expect(staleSources(recovered)).toEqual([]);
    expect(recovered.results).toEqual([]);
  });

  it("one source never replaces another source's results", () => {
    const a = applySourceOutcome(null, 'prow', { ok: true, results: [r] }, T);
    const b = applySourceOutcome(a, 'github', { ok: true, results: [{ ...r, layer: 'unit', source: 'github' }] }, T);
    expect(b.results).toHaveLength(2);
  });
});

describe('planning a release from its GA day', () => {
  it('places the milestones on working days before GA', async () => {
    const { milestonesFromGa } = await import('../../src/domain/cadence.js');
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);
    // GA on Friday 2026-12-11: feature freeze Monday, code freeze Thursday, review the Friday before.
    const plan = milestonesFromGa('2026-12-11');
    expect(Object.fromEntries(Object.entries(plan).map(([k, v]) => [k, iso(v)]))).toEqual({
      'readiness-review': '2026-12-04T15:00',
      'feature-freeze': '2026-12-07T09:00',
      'code-freeze': '2026-12-10T09:00',
      ga: '2026-12-11T17:00',
    });
    // A holiday on the Monday moves feature freeze and the review a working day earlier.
    expect(iso(milestonesFromGa('2026-12-11', ['2026-12-07'])['feature-freeze'])).toBe('2026-12-04T09:00');
  });

  it('a GA day already past is refused, saying today; the day itself counts until GA at 17:00 UTC', async () => {
    const { pastGaProblem } = await import('../../src/domain/cadence.js');
    const now = Date.parse('2026-12-01T09:00:00Z');
    expect(pastGaProblem('2026-12-11', now)).toBeNull();
    expect(pastGaProblem('2026-12-01', now)).toBeNull();
    expect(pastGaProblem('2026-11-30', now)).toBe(
      '--ga 2026-11-30 is in the past: today is 2026-12-01 (UTC), and GA is at 17:00 UTC of its day; give a later day',
    );
    expect(pastGaProblem('2026-12-01', Date.parse('2026-12-01T17:00:00Z'))).toMatch(/^--ga 2026-12-01 is in the past: today is 2026-12-01/);
  });
});
