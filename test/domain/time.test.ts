import { describe, expect, it } from 'vitest';
import { addDuration, DAY, formatRelative, formatSpan, HOUR, MINUTE, parseDuration, WEEK } from '../../src/domain/time.js';

describe('parseDuration', () => {
  it.each([
    ['30m', 30 * MINUTE],
    ['24h', 24 * HOUR],
    ['2d', 2 * DAY],
    ['1w', WEEK],
    ['2d 4h', 2 * DAY + 4 * HOUR],
    ['-3w', -3 * WEEK],
    ['45s', 45_000],
  ])('reads %s as calendar time', (text, ms) => {
    expect(parseDuration(text)).toEqual({ kind: 'calendar', ms });
  });

  it.each(['1 working day', '2 working days', '3  Working Days'])('reads %s as working days', (text) => {
    expect(parseDuration(text)?.kind).toBe('working-days');
  });

  it.each(['', '48', 'h', '2x', '1.5h', 'soon', '- 2h h'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('addDuration with working days', () => {
  const friday = Date.parse('2026-11-20T15:00:00Z');
  it('skips the weekend', () => {
    expect(new Date(addDuration(friday, { kind: 'working-days', days: 1 })).toISOString()).toBe('2026-11-23T15:00:00.000Z');
  });
  it('skips listed holidays', () => {
    expect(new Date(addDuration(friday, { kind: 'working-days', days: 1 }, { holidays: ['2026-11-23'] })).toISOString()).toBe(
      '2026-11-24T15:00:00.000Z',
    );
  });
  it('adds calendar time as is', () => {
    expect(addDuration(friday, { kind: 'calendar', ms: 48 * HOUR })).toBe(friday + 48 * HOUR);
  });
});

describe('formatSpan', () => {
  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [12 * MINUTE + 30_000, '12m 30s'],
    [3 * HOUR + 12 * MINUTE, '3h 12m'],
    [2 * DAY + 4 * HOUR + 59 * MINUTE, '2d 4h'],
    [2 * DAY, '2d'],
    [15 * DAY, '2w 1d'],
    [-90 * MINUTE, '-1h 30m'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatSpan(ms)).toBe(text);
  });

  it('says ago and in relative to now', () => {
    expect(formatRelative(1000, 1000 + HOUR)).toBe('1h ago');
    expect(formatRelative(1000 + DAY, 1000)).toBe('in 1d');
    expect(formatRelative(1000, 1200)).toBe('now');
  });
});
