import { describe, expect, it } from 'vitest';
import { hotfixClock, hotfixDeadline, type SlaConfig } from '../../src/domain/hotfix.js';
import { addDuration, DAY, HOUR, localDate, parseDuration, type Duration } from '../../src/domain/time.js';

/** SLA arithmetic as the contract states it: 48 h, 1 week, and working days on a local calendar. */
const duration = (text: string): Duration => parseDuration(text)!;
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

const sla = (overrides: Partial<SlaConfig['hotfix']> = {}): SlaConfig => ({
  hotfix: { sla: { Blocker: duration('48h'), Critical: duration('48h'), Major: duration('1w') }, holidays: [], ...overrides },
});

describe('calendar SLAs are exact hours, whatever the calendar says', () => {
  it('48 h for a Blocker reported on a Friday ends on the Sunday', () => {
    const reported = at('2026-11-20T15:00:00Z');
    expect(iso(hotfixDeadline({ reportedAt: reported, severity: 'Blocker' }, sla()))).toBe('2026-11-22T15:00:00.000Z');
  });

  it('1 week for a Major is 168 hours', () => {
    const reported = at('2026-11-20T15:00:00Z');
    expect(hotfixDeadline({ reportedAt: reported, severity: 'Major' }, sla()) - reported).toBe(168 * HOUR);
  });

  it('48 h across the autumn DST change is 48 real hours (the local clock shows an hour less)', () => {
    const reported = at('2026-10-23T15:00:00Z'); // Friday 17:00 in Prague (CEST)
    const deadline = hotfixDeadline({ reportedAt: reported, severity: 'Critical' }, sla({ timeZone: 'Europe/Prague' }));
    expect(deadline - reported).toBe(48 * HOUR);
    expect(iso(deadline)).toBe('2026-10-25T15:00:00.000Z'); // Sunday 16:00 CET
  });

  it('1 week across the spring DST change is 168 real hours', () => {
    const reported = at('2026-03-05T12:00:00Z');
    const deadline = hotfixDeadline({ reportedAt: reported, severity: 'Major' }, sla({ timeZone: 'America/New_York' }));
    expect(deadline - reported).toBe(7 * DAY);
  });
});

describe('working-day SLAs count local working days at the same local time', () => {
  const oneDay = { Blocker: duration('1 working day'), Critical: duration('1 working day'), Major: duration('5 working days') };

  it('a Friday report is due on Monday at the same time', () => {
    const deadline = hotfixDeadline({ reportedAt: at('2026-11-20T15:00:00Z'), severity: 'Blocker' }, sla({ sla: oneDay }));
    expect(iso(deadline)).toBe('2026-11-23T15:00:00.000Z');
  });

  it('a holiday on the Monday moves it to Tuesday', () => {
    const config = sla({ sla: oneDay, holidays: ['2026-11-23'] });
    expect(iso(hotfixDeadline({ reportedAt: at('2026-11-20T15:00:00Z'), severity: 'Blocker' }, config))).toBe('2026-11-24T15:00:00.000Z');
  });

  it('a report on a Saturday counts from the next working day', () => {
    const deadline = hotfixDeadline({ reportedAt: at('2026-11-21T10:00:00Z'), severity: 'Blocker' }, sla({ sla: oneDay }));
    expect(iso(deadline)).toBe('2026-11-23T10:00:00.000Z');
  });

  it('5 working days for a Major span one weekend', () => {
    const deadline = hotfixDeadline({ reportedAt: at('2026-11-18T09:00:00Z'), severity: 'Major' }, sla({ sla: oneDay }));
    expect(iso(deadline)).toBe('2026-11-25T09:00:00.000Z');
  });

  it('over the autumn DST weekend the working day is 73 hours long and ends at 17:00 local', () => {
    const reported = at('2026-10-23T15:00:00Z'); // Friday 17:00 CEST
    const deadline = hotfixDeadline({ reportedAt: reported, severity: 'Blocker' }, sla({ sla: oneDay, timeZone: 'Europe/Prague' }));
    expect(iso(deadline)).toBe('2026-10-26T16:00:00.000Z'); // Monday 17:00 CET
    expect(deadline - reported).toBe(73 * HOUR);
  });

  it('over the spring DST weekend it is 71 hours long', () => {
    const reported = at('2026-03-06T22:00:00Z'); // Friday 17:00 EST
    const deadline = hotfixDeadline({ reportedAt: reported, severity: 'Blocker' }, sla({ sla: oneDay, timeZone: 'America/New_York' }));
    expect(iso(deadline)).toBe('2026-03-09T21:00:00.000Z'); // Monday 17:00 EDT
    expect(deadline - reported).toBe(71 * HOUR);
  });

  it('weekends and holidays are the local calendar’s, not UTC’s', () => {
    // Friday 23:30 UTC is already Saturday 08:30 in Tokyo; Monday 23 November is a holiday there.
    const config = sla({ sla: oneDay, timeZone: 'Asia/Tokyo', holidays: ['2026-11-23'] });
    const deadline = hotfixDeadline({ reportedAt: at('2026-11-20T23:30:00Z'), severity: 'Blocker' }, config);
    expect(localDate(deadline, 'Asia/Tokyo')).toBe('2026-11-24');
    expect(iso(deadline)).toBe('2026-11-23T23:30:00.000Z');
  });

  it('counting back works the same way (deadlines "one working day before")', () => {
    const monday = at('2026-10-26T16:00:00Z');
    expect(iso(addDuration(monday, { kind: 'working-days', days: -1 }, { holidays: [], timeZone: 'Europe/Prague' }))).toBe(
      '2026-10-23T15:00:00.000Z',
    );
  });
});

describe('a severity change re-bases the deadline on the report time', () => {
  const reported = at('2026-11-16T09:00:00Z');
  it('Major → Blocker turns a week into 48 h from the report', () => {
    expect(hotfixDeadline({ reportedAt: reported, severity: 'Major' }, sla()) - reported).toBe(7 * DAY);
    expect(hotfixDeadline({ reportedAt: reported, severity: 'Blocker' }, sla()) - reported).toBe(2 * DAY);
  });
  it('so an upgrade late in the week is overdue at once, and the clock says so', () => {
    const clock = hotfixClock({ reportedAt: reported, severity: 'Blocker' }, sla(), reported + 3 * DAY);
    expect(clock.level).toBe('overdue');
    expect(clock.remainingMs).toBe(-DAY);
  });
});
