import { describe, expect, it } from 'vitest';
import { chooseDisplayZone, formatInZone, parseDisplayZone, UTC_ZONE, zoneLabel, type DisplayZone } from '../../src/domain/display-time.js';
import { DAY, HOUR, MINUTE } from '../../src/domain/time.js';

const zone = (name: string): DisplayZone => {
  const parsed = parseDisplayZone(name);
  if (!parsed) throw new Error(`${name} is not a zone`);
  return parsed;
};
const at = (iso: string) => Date.parse(iso);

describe('parseDisplayZone', () => {
  it('knows IANA zones and spells them canonically', () => {
    expect(parseDisplayZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(parseDisplayZone(' europe/berlin ')).toBe('Europe/Berlin');
    expect(parseDisplayZone('Etc/UTC')).toBe('UTC');
    expect(parseDisplayZone('Asia/Kolkata')).toBe('Asia/Kolkata');
  });

  it.each(['', '  ', 'Mars/Olympus', 'CET+1', 'Europe/Berlin/x'])('refuses %j', (text) => {
    expect(parseDisplayZone(text)).toBeNull();
  });
});

describe('zoneLabel', () => {
  const winter = at('2026-01-15T12:00:00Z');
  const summer = at('2026-07-15T12:00:00Z');
  it.each([
    ['UTC', 'UTC', 'UTC'],
    ['Europe/Berlin', 'CET', 'CEST'],
    ['America/New_York', 'EST', 'EDT'],
    ['Europe/London', 'GMT', 'BST'],
    ['Asia/Kolkata', 'UTC+5:30', 'UTC+5:30'],
    ['Asia/Kathmandu', 'UTC+5:45', 'UTC+5:45'],
    ['Australia/Adelaide', 'UTC+10:30', 'UTC+9:30'],
    ['America/Sao_Paulo', 'UTC-3', 'UTC-3'],
    ['Asia/Tokyo', 'UTC+9', 'UTC+9'],
  ])('names %s as %s in January and %s in July', (name, january, july) => {
    expect(zoneLabel(zone(name), winter)).toBe(january);
    expect(zoneLabel(zone(name), summer)).toBe(july);
  });

  it("follows the instant's own DST, not today's", () => {
    // Central Europe springs forward at 01:00 UTC on 29 March 2026.
    expect(zoneLabel(zone('Europe/Berlin'), at('2026-03-29T00:59:00Z'))).toBe('CET');
    expect(zoneLabel(zone('Europe/Berlin'), at('2026-03-29T01:00:00Z'))).toBe('CEST');
  });
});

describe('formatInZone', () => {
  const now = at('2026-11-22T13:05:00Z');
  it('shows a time within a day of now without its date, either way', () => {
    expect(formatInZone(now, zone('Europe/Berlin'), now)).toBe('14:05 CET');
    expect(formatInZone(now - 23 * HOUR, zone('Europe/Berlin'), now)).toBe('15:05 CET');
    expect(formatInZone(now + DAY - MINUTE, UTC_ZONE, now)).toBe('13:04 UTC');
  });

  it('shows the date, in the zone, of a time a day or more away', () => {
    expect(formatInZone(now + DAY, zone('Europe/Berlin'), now)).toBe('2026-11-23 14:05 CET');
    expect(formatInZone(now - 3 * DAY, UTC_ZONE, now)).toBe('2026-11-19 13:05 UTC');
    // 20:00 UTC on the 20th is already the 21st in Kolkata.
    expect(formatInZone(at('2026-11-20T20:00:00Z'), zone('Asia/Kolkata'), now)).toBe('2026-11-21 01:30 UTC+5:30');
  });

  it('shows each side of a DST change at its own offset', () => {
    const before = at('2026-03-29T00:30:00Z');
    const after = at('2026-03-29T01:30:00Z');
    expect(formatInZone(before, zone('Europe/Berlin'), after)).toBe('01:30 CET');
    expect(formatInZone(after, zone('Europe/Berlin'), after)).toBe('03:30 CEST');
    expect(formatInZone(at('2026-03-08T07:30:00Z'), zone('America/New_York'), after)).toBe('2026-03-08 03:30 EDT');
  });
});

describe('chooseDisplayZone', () => {
  const berlin = zone('Europe/Berlin');
  const kolkata = zone('Asia/Kolkata');
  it('takes --tz, then the config, then TZ, then UTC', () => {
    expect(chooseDisplayZone({ flag: berlin, configured: kolkata, tz: 'America/New_York' })).toEqual({ zone: berlin, from: '--tz' });
    expect(chooseDisplayZone({ configured: kolkata, tz: 'America/New_York' })).toEqual({ zone: kolkata, from: 'config' });
    expect(chooseDisplayZone({ tz: 'America/New_York' })).toEqual({ zone: 'America/New_York', from: 'TZ' });
    expect(chooseDisplayZone({})).toEqual({ zone: UTC_ZONE, from: 'default' });
    expect(chooseDisplayZone({ tz: '' })).toEqual({ zone: UTC_ZONE, from: 'default' });
  });

  it('reads TZ as the C library writes it', () => {
    expect(chooseDisplayZone({ tz: ':Asia/Kolkata' }).zone).toBe('Asia/Kolkata');
    expect(chooseDisplayZone({ tz: '/usr/share/zoneinfo/Europe/Berlin' }).zone).toBe('Europe/Berlin');
  });

  it('falls back to UTC, and says so, for a TZ that names no zone', () => {
    expect(chooseDisplayZone({ tz: 'Mars/Olympus' })).toEqual({ zone: UTC_ZONE, from: 'default', ignoredTz: 'Mars/Olympus' });
  });
});
