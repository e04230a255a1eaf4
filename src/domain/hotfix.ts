import { SEVERITIES, type AppConfig, type HotfixPolicy, type Severity } from './config.js';
import type { HotfixFacts } from './events.js';
import type { HotfixState } from './fold.js';
import { isInTheFuture } from './limits.js';
import { oneLine } from './sanitize.js';
import { addDuration, DAY, formatUtc, HOUR, MINUTE, type EpochMs } from './time.js';

export type ClockLevel = 'ok' | 'warn' | 'critical' | 'overdue';

/** What the clocks need of the config: the SLAs and the calendar working days are counted on. */
export interface SlaConfig {
  readonly hotfix: Pick<HotfixPolicy, 'sla' | 'holidays'> & { readonly timeZone?: string };
}

export interface HotfixClock {
  readonly deadline: EpochMs;
  /** Negative once overdue. */
  readonly remainingMs: number;
  readonly level: ClockLevel;
}

/**
 * The SLA deadline: the report time plus the current severity's patch SLA. A severity change
 * re-bases it (Major → Blocker turns a week into 48 h from the report, not from the change),
 * because the customer has been waiting since the report.
 */
export function hotfixDeadline(hotfix: Pick<HotfixState, 'reportedAt' | 'severity'>, config: SlaConfig): EpochMs {
  return addDuration(hotfix.reportedAt, config.hotfix.sla[hotfix.severity], config.hotfix);
}

/** Yellow when less than half the SLA is left, red under a fifth, then overdue. */
export function hotfixClock(hotfix: Pick<HotfixState, 'reportedAt' | 'severity'>, config: SlaConfig, now: EpochMs): HotfixClock {
  const deadline = hotfixDeadline(hotfix, config);
  const remainingMs = deadline - now;
  const total = Math.max(1, deadline - hotfix.reportedAt);
  const level: ClockLevel = remainingMs < 0 ? 'overdue' : remainingMs < total / 5 ? 'critical' : remainingMs < total / 2 ? 'warn' : 'ok';
  return { deadline, remainingMs, level };
}

/**
 * Emergency hotfixes are for Blocker and Critical only (hyperfleet-release-process.md §1.9: "Major:
 * Not part of Emergency Hotfix; route to standard patch release workflow"); `hotfix.emergency`
 * names them. Any other severity is a scheduled patch release: the same runbook and journal, with
 * its own deadline (its `hotfix.sla`) and notices that say which it is. It follows the severity,
 * so re-grading a Major to Critical makes it an emergency (and re-bases its deadline).
 */
export type HotfixKind = 'emergency' | 'scheduled';

export function hotfixKind(severity: Severity, policy: Pick<HotfixPolicy, 'emergency'>): HotfixKind {
  return policy.emergency.includes(severity) ? 'emergency' : 'scheduled';
}

/** "Emergency hotfix", "Scheduled patch release": how notices and the Hotfix screen name a kind. */
export const HOTFIX_KIND_TITLE: Readonly<Record<HotfixKind, string>> = {
  emergency: 'Emergency hotfix',
  scheduled: 'Scheduled patch release',
};

/**
 * What opening a hotfix says: its deadline; for a severity that is no emergency, that it was opened
 * as a scheduled patch release instead, and why.
 */
export function openedText(
  facts: Pick<HotfixFacts, 'key' | 'severity'>,
  /** The deadline as the person reads it, in their zone. */
  deadline: string,
  policy: Pick<HotfixPolicy, 'emergency'>,
): string {
  if (hotfixKind(facts.severity, policy) === 'emergency') return `Opened ${facts.key} (${facts.severity}): patch due ${deadline}`;
  return (
    `${facts.severity} is not an emergency hotfix (those are for ${policy.emergency.join(' and ')}): ` +
    `opened ${facts.key} as a scheduled patch release, due ${deadline}`
  );
}

/** Open hotfixes, the nearest deadline first; the key breaks ties so the order never flickers. */
export function openHotfixesByUrgency(hotfixes: readonly HotfixState[], config: SlaConfig): HotfixState[] {
  return hotfixes
    .filter((h) => h.closedAt === null)
    .map((h) => [h, hotfixDeadline(h, config)] as const)
    .sort((a, b) => a[1] - b[1] || a[0].key.localeCompare(b[0].key))
    .map(([h]) => h);
}

/** A hotfix as typed in the form or on the command line, before it is checked. */
export interface HotfixInput {
  readonly key: string;
  readonly severity: string;
  readonly component: string;
  readonly affects: string;
  readonly summary: string;
  /** Empty or "now"; "2h ago" / "90m ago"; or a UTC time "2026-11-22 03:10" (ISO with an offset works too). */
  readonly reported: string;
}

/** Tracking keys as Jira writes them: PROJECT-123. */
const TRACKING_KEY = /^[A-Z][A-Z0-9_]*-\d+$/;

/** Reads a report time; null when it is not one of the forms above. */
export function parseReportedTime(text: string, now: EpochMs): EpochMs | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'now') return now;
  const ago = /^(\d+)\s*([mhd])\s+ago$/i.exec(trimmed);
  if (ago) return now - Number(ago[1]) * { m: MINUTE, h: HOUR, d: DAY }[ago[2]!.toLowerCase() as 'm' | 'h' | 'd'];
  const plain = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/.exec(trimmed);
  const at = plain
    ? Date.parse(`${plain[1]}T${plain[2]}${plain[3] ?? ':00'}Z`)
    : /[zZ]|[+-]\d{2}:?\d{2}$/.test(trimmed)
      ? Date.parse(trimmed)
      : NaN;
  return Number.isNaN(at) ? null : at;
}

/** A report time as typed, checked: understood, and not in the future beyond clock skew. */
export function checkReportedTime(text: string, now: EpochMs): { readonly at: EpochMs } | { readonly problem: string } {
  const at = parseReportedTime(text, now);
  if (at === null) return { problem: `report time "${oneLine(text)}" should be now, "2h ago" or "2026-11-22 03:10" (UTC)` };
  return isInTheFuture(at, now) ? { problem: `report time ${formatUtc(at)} is in the future` } : { at };
}

/** A severity as typed, in any case; undefined when it is none of SEVERITIES. */
export const parseSeverity = (text: string): Severity | undefined => SEVERITIES.find((s) => s.toLowerCase() === text.trim().toLowerCase());

/** Refused: each problem, and beside it (same index) the field of the input whose value it is about. */
export type HotfixParse =
  | { readonly ok: true; readonly facts: HotfixFacts }
  | { readonly ok: false; readonly problems: readonly string[]; readonly fields: readonly (keyof HotfixInput)[] };

/** The release a hotfix affects, as typed ("0.3.1" or "v0.3.1"), as "v0.3.1"; null when it is no release version. */
export function parseAffectedRelease(text: string): string | null {
  const affects = text.trim().replace(/^(?=\d)/, 'v');
  return /^v\d+\.\d+\.\d+$/.test(affects) ? affects : null;
}

/** Checks a new hotfix; every problem is named, with what to write instead. */
export function parseHotfixInput(input: HotfixInput, config: Pick<AppConfig, 'components'>, now: EpochMs): HotfixParse {
  const problems: string[] = [];
  const fields: (keyof HotfixInput)[] = [];
  const problem = (field: keyof HotfixInput, text: string) => (problems.push(text), fields.push(field));
  const key = input.key.trim().toUpperCase();
  if (!TRACKING_KEY.test(key)) problem('key', `tracking key "${oneLine(input.key)}" should look like HYPERFLEET-123`);
  const severity = parseSeverity(input.severity);
  if (!severity) problem('severity', `severity "${oneLine(input.severity)}" should be one of ${SEVERITIES.join(', ')}`);
  const component = config.components.find((c) => c.name === input.component.trim());
  if (!component)
    problem('component', `component "${oneLine(input.component)}" should be one of ${config.components.map((c) => c.name).join(', ')}`);
  const affects = parseAffectedRelease(input.affects);
  if (!affects) problem('affects', `affected release "${oneLine(input.affects)}" should look like v0.3.1`);
  const summary = oneLine(input.summary);
  if (!summary) problem('summary', 'a summary is needed: what the customer sees');
  const reported = checkReportedTime(input.reported, now);
  if ('problem' in reported) problem('reported', reported.problem);
  if (problems.length > 0 || !severity || !component || !affects || !('at' in reported)) return { ok: false, problems, fields };
  return { ok: true, facts: { key, severity, component: component.name, affects, summary, reportedAt: reported.at } };
}

/** What a hotfix is, as machine output states it: the JSON of `hotfix list` and of its timeline. */
export function hotfixFactsJson(hotfix: HotfixFacts, kind: HotfixKind) {
  const { key, severity, component, affects, summary } = hotfix;
  return { key, kind, severity, component, affects, summary, reportedAt: new Date(hotfix.reportedAt).toISOString() };
}
