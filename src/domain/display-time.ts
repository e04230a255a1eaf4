import { DAY, isKnownTimeZone, MINUTE, wallClock, type EpochMs } from './time.js';

/**
 * The zone a person reads times in: an IANA name this runtime knows, in its canonical spelling,
 * checked once where it comes in (a flag, the config, TZ). It is only how times are shown: the
 * journal, JSON output and Slack notices stay UTC, and it is not the release's working-day
 * calendar (`hotfix.timeZone`).
 */
export type DisplayZone = string & { readonly __displayZone: true };

export const UTC_ZONE = 'UTC' as DisplayZone;

/**
 * The zone named by `text`, or null for a name this runtime does not know. Spelt as written, in
 * the runtime's case ("europe/berlin" → "Europe/Berlin"), and any name of UTC is "UTC"; never
 * renamed otherwise (ICU would call Asia/Kolkata "Asia/Calcutta").
 */
export function parseDisplayZone(text: string): DisplayZone | null {
  const name = text.trim();
  if (name === '' || !isKnownTimeZone(name)) return null;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  return (resolved === 'UTC' || resolved.toLowerCase() === name.toLowerCase() ? resolved : name) as DisplayZone;
}

/** What a flag or the config says when a zone is not known: one line, with what to write. */
export const unknownZoneProblem = (text: string): string =>
  `unknown time zone "${text}": expected an IANA zone such as UTC, Europe/Berlin or Asia/Kolkata`;

/** Where the zone came from, in the order it is looked for. */
export type ZoneOrigin = '--tz' | 'config' | 'TZ' | 'default';

export interface ChosenZone {
  readonly zone: DisplayZone;
  readonly from: ZoneOrigin;
  /** TZ was set to something that names no IANA zone ("EST5EDT" aside, POSIX rules are not zones): times are in the next choice. */
  readonly ignoredTz?: string;
}

/**
 * The person's zone: `--tz`, else the config's `display.timeZone`, else TZ, else UTC. TZ may be
 * written ":Europe/Berlin" or as a path into zoneinfo, as the C library reads it.
 */
export function chooseDisplayZone(given: {
  readonly flag?: DisplayZone;
  readonly configured?: DisplayZone;
  readonly tz?: string;
}): ChosenZone {
  if (given.flag) return { zone: given.flag, from: '--tz' };
  if (given.configured) return { zone: given.configured, from: 'config' };
  const tz = given.tz
    ?.trim()
    .replace(/^:/, '')
    .replace(/^.*\/zoneinfo\//, '');
  if (!tz) return { zone: UTC_ZONE, from: 'default' };
  const zone = parseDisplayZone(tz);
  return zone ? { zone, from: 'TZ' } : { zone: UTC_ZONE, from: 'default', ignoredTz: given.tz! };
}

// Short names are costly to build and pure to use: one formatter per locale and zone.
const nameFormatters = new Map<string, Intl.DateTimeFormat>();
function shortName(locale: string, zone: DisplayZone, at: EpochMs): string {
  const key = `${locale} ${zone}`;
  let format = nameFormatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' });
    nameFormatters.set(key, format);
  }
  return format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** "+5:30", "-3", "+1": an offset from UTC, minutes only when it has some. */
function offsetText(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / MINUTE);
  const sign = offsetMs < 0 ? '-' : '+';
  const rest = minutes % 60;
  return `${sign}${Math.floor(minutes / 60)}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/**
 * How the zone is named at an instant: "UTC"; the abbreviation Intl has for it in American, else
 * British English ("EST", "CET", "CEST", "BST"), which follows DST; else the offset ("UTC+5:30",
 * "UTC-3"), never Intl's "GMT+5:30", so every label reads against UTC. Letters only: an
 * abbreviation some runtime spells otherwise falls back to the offset, the same on every machine
 * with the same offset.
 */
export function zoneLabel(zone: DisplayZone, at: EpochMs): string {
  if (zone === UTC_ZONE) return 'UTC';
  for (const locale of ['en-US', 'en-GB']) {
    const name = shortName(locale, zone, at);
    if (/^[A-Z]{2,5}$/.test(name)) return name;
  }
  const offset = wallClock(at, zone) - at;
  return offset === 0 ? 'UTC' : `UTC${offsetText(offset)}`;
}

/** "2026-11-22 14:05": the zone's wall clock, for a table whose heading names the zone. */
export function formatWall(at: EpochMs, zone: DisplayZone): string {
  return new Date(wallClock(at, zone)).toISOString().slice(0, 16).replace('T', ' ');
}

/** "11-22 14:05": month, day and time in the zone, for a narrow column whose heading names the zone. */
export const formatStamp = (at: EpochMs, zone: DisplayZone): string => formatWall(at, zone).slice(5);

/** "2026-11-22 14:05 CET": always with its date, for a document read later (a report, a Markdown checklist). */
export const formatDatedInZone = (at: EpochMs, zone: DisplayZone): string => `${formatWall(at, zone)} ${zoneLabel(zone, at)}`;

/**
 * An instant as a person reads it in their zone: "14:05 CET" within a day of `now` (either way),
 * "2026-11-22 14:05 CET" further off, the date being the zone's own.
 */
export function formatInZone(at: EpochMs, zone: DisplayZone, now: EpochMs): string {
  return Math.abs(at - now) < DAY ? `${formatWall(at, zone).slice(11)} ${zoneLabel(zone, at)}` : formatDatedInZone(at, zone);
}

/** "UTC", "Asia/Kolkata (UTC+5:30)": which zone times are in, for a heading; the label as of `now`. */
export function zoneTitle(zone: DisplayZone, now: EpochMs): string {
  return zone === UTC_ZONE ? 'UTC' : `${zone} (${zoneLabel(zone, now)})`;
}

/** What a text output needs to show times: the zone, and the moment "within a day" is measured from. */
export interface ShownTimes {
  readonly zone: DisplayZone;
  readonly now: EpochMs;
}
