/** Milliseconds since the Unix epoch. The domain never reads a clock: callers pass `now`. */
export type EpochMs = number;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

/** A span of time as configured: calendar time, or working days that skip weekends and holidays. */
export type Duration = { readonly kind: 'calendar'; readonly ms: number } | { readonly kind: 'working-days'; readonly days: number };

const UNIT_MS: Record<string, number> = { s: 1000, m: MINUTE, h: HOUR, d: DAY, w: WEEK };

/**
 * Parses "30m", "24h", "-3w", "2d 4h" or "1 working day" / "2 working days".
 * Returns null for anything else so the config loader can say what is wrong.
 */
export function parseDuration(text: string): Duration | null {
  const trimmed = text.trim();
  const working = /^(\d+)\s+working\s+days?$/i.exec(trimmed);
  if (working) return { kind: 'working-days', days: Number(working[1]) };
  const sign = trimmed.startsWith('-') ? -1 : 1;
  const body = trimmed.replace(/^[-+]/, '').trim();
  const parts = body.split(/\s+/);
  if (body === '' || parts.length === 0) return null;
  let ms = 0;
  for (const part of parts) {
    const m = /^(\d+)([smhdw])$/.exec(part);
    if (!m) return null;
    ms += Number(m[1]) * (UNIT_MS[m[2]!] ?? 0);
  }
  return { kind: 'calendar', ms: sign * ms };
}

/** Whether a duration moves time forward at all: what every configured span must do. */
export const isPositiveDuration = (duration: Duration): boolean => (duration.kind === 'calendar' ? duration.ms > 0 : duration.days > 0);

/** The text a person would write for the duration, for help and error messages. */
export function describeDuration(duration: Duration): string {
  if (duration.kind === 'working-days') {
    return `${duration.days} working day${duration.days === 1 ? '' : 's'}`;
  }
  // Up to three days, whole hours read as written ("48h", "24h"): the contract's numbers, not "2d".
  const hours = duration.ms / HOUR;
  return Number.isInteger(hours) && hours > 0 && hours <= 72 ? `${hours}h` : formatSpan(duration.ms);
}

/**
 * Where working days are counted: a time zone (IANA name, "UTC" by default) whose local calendar
 * decides weekends and holidays (YYYY-MM-DD). A working day keeps the local time of day, so it
 * lasts 23 or 25 hours across a DST change; calendar durations are always exact.
 */
export interface WorkCalendar {
  readonly holidays: readonly string[];
  readonly timeZone?: string;
}

const UTC_CALENDAR: WorkCalendar = { holidays: [], timeZone: 'UTC' };

// Formatters are costly to build and pure to use: one per zone for the life of the process.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True when `timeZone` is an IANA zone this runtime knows: the config loader asks. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local wall-clock time of an instant in a zone, as if that wall clock were UTC. */
export function wallClock(at: EpochMs, timeZone: string): EpochMs {
  if (timeZone === 'UTC') return at;
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  const ms = at - Math.floor(at / 1000) * 1000;
  return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!) + ms;
}

/** The instant a wall clock in the zone shows `wall`; in a spring-forward gap, the time after it. */
function fromWallClock(wall: EpochMs, timeZone: string): EpochMs {
  if (timeZone === 'UTC') return wall;
  const first = wall - (wallClock(wall, timeZone) - wall);
  const offset = wallClock(first, timeZone) - first;
  const second = wall - offset;
  return wallClock(second, timeZone) === wall ? second : Math.max(first, second);
}

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(at: EpochMs, timeZone = 'UTC'): string {
  return new Date(wallClock(at, timeZone)).toISOString().slice(0, 10);
}

/** Adds a duration to an instant: calendar time exactly, working days on the calendar's local days. */
export function addDuration(at: EpochMs, duration: Duration, calendar: WorkCalendar = UTC_CALENDAR): EpochMs {
  if (duration.kind === 'calendar') return at + duration.ms;
  return shiftWorkingDays(at, duration.days, calendar);
}

/**
 * Moves `days` working days (negative: back) at the same local time of day, skipping each local
 * day that is a Saturday, Sunday or listed holiday.
 */
export function shiftWorkingDays(at: EpochMs, days: number, calendar: WorkCalendar = UTC_CALENDAR): EpochMs {
  const timeZone = calendar.timeZone ?? 'UTC';
  const skip = new Set(calendar.holidays);
  const step = days < 0 ? -DAY : DAY;
  let wall = wallClock(at, timeZone);
  for (let remaining = Math.abs(days); remaining > 0;) {
    wall += step;
    const weekday = new Date(wall).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !skip.has(new Date(wall).toISOString().slice(0, 10))) remaining -= 1;
  }
  return fromWallClock(wall, timeZone);
}

/**
 * A compact, human span: "2d 4h", "3h 12m", "12m 30s", "45s". At most two adjacent units,
 * because a release manager reads "2d 4h" at a glance and never needs the seconds of a day.
 */
export function formatSpan(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const sign = ms < 0 && seconds > 0 ? '-' : '';
  const units: Array<[string, number]> = [
    ['w', 604_800],
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  const first = units.findIndex(([, size]) => seconds >= size);
  if (first === -1) return '0s';
  const [bigLabel, bigSize] = units[first]!;
  const big = Math.floor(seconds / bigSize);
  const next = units[first + 1];
  const small = next ? Math.floor((seconds - big * bigSize) / next[1]) : 0;
  return `${sign}${big}${bigLabel}${next && small > 0 ? ` ${small}${next[0]}` : ''}`;
}

/** "2026-11-22 00:14 UTC": an instant as a person reads it in a report or a detail pane. */
export function formatUtc(at: EpochMs): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** ISO-8601 for machine output; null for an unknown time. */
export function isoOrNull(at: EpochMs | undefined): string | null {
  return at === undefined ? null : new Date(at).toISOString();
}

/**
 * When something happened, relative to `now`: "3h 12m ago". An event stamped a moment after the
 * frame's clock read (the clock moved while it was written) is "just now", never "in 2s".
 */
export function formatAgo(at: EpochMs, now: EpochMs): string {
  const elapsed = now - at;
  return elapsed < 1000 ? 'just now' : `${formatSpan(elapsed)} ago`;
}

/** A deadline as every screen and report words it: "due in 1d 2h", "overdue by 3h 5m". */
export function formatDue(dueAt: EpochMs, now: EpochMs): string {
  const left = dueAt - now;
  return left >= 0 ? `due in ${formatSpan(left)}` : `overdue by ${formatSpan(-left)}`;
}

/** "3h 12m ago", "in 2d 4h": a deadline relative to `now`. */
export function formatRelative(at: EpochMs, now: EpochMs): string {
  const delta = at - now;
  if (Math.abs(delta) < 1000) return 'now';
  return delta < 0 ? `${formatSpan(-delta)} ago` : `in ${formatSpan(delta)}`;
}
