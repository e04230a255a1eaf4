import * as z from 'zod/mini';
import '../zod-setup.js';
import { RELEASE_MILESTONES, SEVERITIES } from '../domain/config.js';
import type { EvidenceItem, JournalEvent } from '../domain/events.js';
import { safeJson } from '../domain/sanitize.js';
import type { DriftedEvents, NoDrift } from './drift.js';
import {
  ACCEPTED_CHECKS_LIMIT,
  ACCEPTED_EVIDENCE_LIMIT,
  EVIDENCE_LIMIT,
  HANDOVER_LINE_LIMIT,
  HANDOVER_LINES_LIMIT,
  HANDOVER_SECTIONS_LIMIT,
  HOST_LIMIT,
  fitsLimit,
  IDENTIFIER_LIMIT,
  LINK_LIMIT,
  NOTICE_KEY_LIMIT,
  RULEBOOK_FILE_LIMIT,
  RULEBOOK_FILES_LIMIT,
  TEXT_LIMIT,
  textLength,
  tooLongBy,
} from '../domain/limits.js';

/**
 * The journal on disk is untrusted: a person may edit it, a crash may tear it. Each line is
 * parsed into a typed event here, once; times are ISO-8601 on disk and epoch ms inside. The
 * limits are the ones writers check input against (domain/limits), and append refuses an event
 * this schema would not read back, so no acknowledged event is ever skipped.
 */
const instant = z.pipe(z.iso.datetime({ offset: true }), z.transform(epochMs));

/**
 * An ISO-8601 time the schema accepted, as Date.parse reads it. The journal writes one form
 * (toISOString: `2026-11-18T12:00:00.000Z`), and reading its digits is a fifth of Date.parse's
 * time: a long journal has one or more per line. Years before 1000 go to Date.parse, as Date.UTC
 * reads 0–99 as 1900–1999.
 */
function epochMs(iso: string): number {
  if (iso.length !== 24 || iso.charCodeAt(23) !== 90 /* Z */ || iso.charCodeAt(0) === 48 /* 0 */) return Date.parse(iso);
  const two = (at: number) => (iso.charCodeAt(at) - 48) * 10 + iso.charCodeAt(at + 1) - 48;
  return Date.UTC(two(0) * 100 + two(2), two(5) - 1, two(8), two(11), two(14), two(17), two(20) * 10 + iso.charCodeAt(22) - 48);
}
const upTo = (limit: number, min = 0) =>
  z.string().check(
    z.minLength(min),
    z.refine((value: string) => fitsLimit(value, limit), { error: (issue) => tooLongBy(textLength(issue.input as string), limit) }),
  );
const text = upTo(TEXT_LIMIT);
const required = upTo(TEXT_LIMIT, 1);
const optionalText = z.optional(text);
const name = upTo(IDENTIFIER_LIMIT);
const optionalName = z.optional(name);
const identifier = upTo(IDENTIFIER_LIMIT, 1);
const noticeKey = upTo(NOTICE_KEY_LIMIT);
const link = z.optional(upTo(LINK_LIMIT));
const severity = z.enum(SEVERITIES);

const rulebookHash = z.string().check(z.regex(/^[0-9a-f]{12}$/));
const base = { v: z.literal(1), id: identifier, at: instant, actor: identifier, rulebook: z.optional(rulebookHash) };

const evidenceItem = z.object({
  layer: name,
  component: z.nullable(name),
  state: name,
  commit: optionalName,
  url: link,
  finishedAt: z.optional(instant),
});
const evidence = z.array(evidenceItem).check(z.maxLength(EVIDENCE_LIMIT));
const accepted = z.optional(
  z
    .array(
      z.object({
        step: name,
        evidence: z.array(evidenceItem).check(z.maxLength(ACCEPTED_EVIDENCE_LIMIT)),
        found: z.array(upTo(LINK_LIMIT)).check(z.maxLength(ACCEPTED_EVIDENCE_LIMIT)),
      }),
    )
    .check(z.maxLength(ACCEPTED_CHECKS_LIMIT)),
);

const eventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('release-planned'),
    release: name,
    milestones: z.partialRecord(z.enum(RELEASE_MILESTONES), instant),
  }),
  z.object({ ...base, type: z.literal('step-completed'), step: name, note: optionalText, accepted }),
  z.object({ ...base, type: z.literal('step-reopened'), step: name, note: optionalText }),
  z.object({
    ...base,
    type: z.literal('gate-approved'),
    step: name,
    role: z.optional(name),
    comment: optionalText,
    evidence: z.optional(evidence),
    accepted,
  }),
  z.object({
    ...base,
    type: z.literal('gate-waived'),
    step: name,
    layer: name,
    tracking: required,
    reason: required,
    mitigation: required,
  }),
  z.object({
    ...base,
    type: z.literal('notice-intended'),
    step: name,
    key: noticeKey,
    fields: z.optional(z.record(name, text)),
  }),
  z.object({
    ...base,
    type: z.literal('notice-sent'),
    step: name,
    key: z.optional(noticeKey),
    channel: optionalName,
    ts: optionalName,
    permalink: link,
    reconciled: z.optional(z.boolean()),
  }),
  z.object({ ...base, type: z.literal('notice-updated'), step: name, key: noticeKey, ts: name }),
  z.object({ ...base, type: z.literal('notice-permalink'), step: name, key: noticeKey, ts: name, permalink: upTo(LINK_LIMIT) }),
  z.object({
    ...base,
    type: z.literal('notice-claimed'),
    step: name,
    key: noticeKey,
    pid: z.int().check(z.nonnegative()),
    host: upTo(HOST_LIMIT),
  }),
  z.object({ ...base, type: z.literal('notice-released'), step: name, key: noticeKey, claim: identifier }),
  z.object({ ...base, type: z.literal('step-claimed'), step: name, until: instant, reason: optionalText }),
  z.object({ ...base, type: z.literal('step-released'), step: name }),
  z.object({
    ...base,
    type: z.literal('hotfix-opened'),
    key: name,
    severity,
    component: name,
    affects: name,
    summary: text,
    reportedAt: instant,
  }),
  z.object({ ...base, type: z.literal('hotfix-severity-changed'), severity, reason: optionalText }),
  z.object({ ...base, type: z.literal('hotfix-reported-changed'), reportedAt: instant, reason: optionalText }),
  z.object({ ...base, type: z.literal('hotfix-closed'), note: optionalText }),
  z.object({
    ...base,
    type: z.literal('handover-written'),
    since: z.optional(instant),
    sections: z
      .array(z.object({ title: name, lines: z.array(upTo(HANDOVER_LINE_LIMIT)).check(z.maxLength(HANDOVER_LINES_LIMIT)) }))
      .check(z.maxLength(HANDOVER_SECTIONS_LIMIT)),
  }),
  z.object({
    ...base,
    type: z.literal('rulebook-recorded'),
    hash: rulebookHash,
    files: z
      .array(z.object({ path: upTo(LINK_LIMIT, 1), text: upTo(RULEBOOK_FILE_LIMIT) }))
      .check(z.minLength(1), z.maxLength(RULEBOOK_FILES_LIMIT)),
  }),
  z.object({ ...base, type: z.literal('event-retracted'), target: identifier, reason: optionalText }),
]);

/**
 * One definition of an event: the schema's output (times already epoch ms, without `v`) is the
 * domain's `JournalEvent`, field for field and both ways, or `tsc` fails here naming the event
 * type that drifted (journal/drift.ts). Exported only so that it is compiled: an unused local
 * is an error under noUnusedLocals.
 */
export type SchemaMatchesJournalEvent = NoDrift<DriftedEvents<DecodedEvent, JournalEvent>>;
type DecodedEvent = WithoutVersion<z.output<typeof eventSchema>>;
type WithoutVersion<T> = T extends unknown ? Omit<T, 'v'> : never;

const iso = (ms: number): string => new Date(ms).toISOString();
const encodeEvidence = (items: readonly EvidenceItem[]) =>
  items.map((e) => (e.finishedAt === undefined ? e : { ...e, finishedAt: iso(e.finishedAt) }));

/** One JSON line, without the newline. */
export function encodeEvent(event: JournalEvent): string {
  const record: Record<string, unknown> = { v: 1, ...event, at: iso(event.at) };
  if (event.type === 'hotfix-opened' || event.type === 'hotfix-reported-changed') record.reportedAt = iso(event.reportedAt);
  if (event.type === 'handover-written' && event.since !== undefined) record.since = iso(event.since);
  if (event.type === 'step-claimed') record.until = iso(event.until);
  if (event.type === 'gate-approved' && event.evidence) record.evidence = encodeEvidence(event.evidence);
  if ((event.type === 'gate-approved' || event.type === 'step-completed') && event.accepted) {
    record.accepted = event.accepted.map((a) => ({ ...a, evidence: encodeEvidence(a.evidence) }));
  }
  if (event.type === 'release-planned') {
    record.milestones = Object.fromEntries(Object.entries(event.milestones).map(([k, v]) => [k, iso(v)]));
  }
  // C1 and bidi controls as \u escapes: a `cat` or `tail -f` of the journal is never steered by a hostile title.
  return safeJson(record, 0);
}

export type Decoded = { ok: true; event: JournalEvent } | { ok: false; problem: string };

/** What is wrong with a parsed line: "summary is 10,001 characters; the limit is 10,000", "at: Invalid ISO datetime". */
function schemaProblem(json: unknown): { event: JournalEvent } | { problem: string } {
  const result = eventSchema.safeParse(json);
  if (result.success) {
    const { v: _version, ...event } = result.data;
    return { event };
  }
  const issue = result.error.issues[0]!;
  const path = issue.path.join('.');
  // Only the limits are custom checks: their message reads on from the field's name.
  if (issue.code === 'custom') return { problem: `${path} ${issue.message}` };
  const inner = issue.code === 'invalid_key' ? issue.issues[0] : undefined;
  if (inner?.code === 'custom') return { problem: `${issue.path.slice(0, -1).join('.')} has a name that ${inner.message}` };
  return { problem: `${path ? `${path}: ` : ''}${issue.message}` };
}

/**
 * For a long journal: the schema without `v` (checked by hand first), so that zod drops it as it
 * drops any field it does not know and the event needs no copy to leave it out, compiled by zod
 * (z.compile: code generated for this schema, the same answers in a third of the time). A line
 * it does not accept goes to the whole schema, so its problem is worded as it always is.
 */
type Options = typeof eventSchema.def.options;
type WithoutV<T extends Options> = { [K in keyof T]: T[K] extends z.ZodMiniObject<infer S> ? z.ZodMiniObject<Omit<S, 'v'>> : never };
export const unversionedEventSchema = () =>
  z.discriminatedUnion('type', eventSchema.def.options.map((option) => z.omit(option, { v: true })) as unknown as WithoutV<Options>);
/** What it decodes to is the domain's event too, field for field (journal/drift). */
export type UnversionedMatchesJournalEvent = NoDrift<DriftedEvents<z.output<ReturnType<typeof unversionedEventSchema>>, JournalEvent>>;
let compiled: ReturnType<typeof unversionedEventSchema> | undefined;
/**
 * From this many lines on, a journal is read with the compiled schema. Compiling takes ~40 ms
 * (once a run), what the uncompiled schema costs more over 5,000 to 9,000 lines; a release's own
 * journal has a few hundred.
 */
export const COMPILE_FROM_LINES = 5_000;

const parsedProblem = (problem: string): Decoded => ({ ok: false, problem: `not a journal event (${problem})` });

/** Decodes the lines of a journal of `lines` lines; each answer is the one `decodeEvent` gives. */
export function decoderFor(lines: number): (line: string) => Decoded {
  const fast = lines < COMPILE_FROM_LINES ? null : (compiled ??= z.compile(unversionedEventSchema()));
  return (line) => {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return { ok: false, problem: 'not valid JSON' };
    }
    if (fast && (json as { v?: unknown } | null)?.v === 1) {
      const result = fast.safeParse(json);
      // The schema's output is the event (journal/drift holds the two together): no cast.
      if (result.success) return { ok: true, event: result.data };
    }
    const checked = schemaProblem(json);
    return 'event' in checked ? { ok: true, event: checked.event } : parsedProblem(checked.problem);
  };
}

/** One line of the journal as an event, or what is wrong with it. */
export const decodeEvent = (line: string): Decoded => decoderFor(0)(line);

/**
 * The line to append, or why the reader would skip it (a field over its limit): then nothing
 * may be written, or the journal would acknowledge an event it can never read back.
 */
export function encodeChecked(event: JournalEvent): { ok: true; line: string } | { ok: false; problem: string } {
  let line: string;
  try {
    line = encodeEvent(event);
  } catch {
    return { ok: false, problem: 'a time in it is not a valid date' }; // toISOString() of NaN throws
  }
  const checked = schemaProblem(JSON.parse(line));
  return 'event' in checked ? { ok: true, line } : { ok: false, problem: checked.problem };
}
