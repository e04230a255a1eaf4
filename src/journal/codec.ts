import * as z from 'zod/mini';
import '../zod-setup.js';
import { RELEASE_MILESTONES, SEVERITIES } from '../domain/config.js';
import type { JournalEvent } from '../domain/events.js';

/**
 * The journal on disk is untrusted: a person may edit it, a crash may tear it. Each line is
 * parsed into a typed event here, once; times are ISO-8601 on disk and epoch ms inside.
 */
const instant = z.pipe(
  z.iso.datetime({ offset: true }),
  z.transform((text: string) => Date.parse(text)),
);
const text = z.string().check(z.maxLength(10_000));
const required = z.string().check(z.minLength(1), z.maxLength(10_000));
const optionalText = z.optional(text);
const severity = z.enum(SEVERITIES);
const identifier = z.string().check(z.minLength(1), z.maxLength(100));

const base = { v: z.literal(1), id: identifier, at: instant, actor: identifier };

const eventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('release-planned'),
    release: text,
    milestones: z.partialRecord(z.enum(RELEASE_MILESTONES), instant),
  }),
  z.object({ ...base, type: z.literal('step-completed'), step: text, note: optionalText }),
  z.object({ ...base, type: z.literal('step-reopened'), step: text, note: optionalText }),
  z.object({
    ...base,
    type: z.literal('gate-approved'),
    step: text,
    comment: optionalText,
    evidence: z.optional(
      z
        .array(
          z.object({
            layer: text,
            component: z.nullable(text),
            state: text,
            commit: optionalText,
            url: optionalText,
            finishedAt: z.optional(instant),
          }),
        )
        .check(z.maxLength(1000)),
    ),
  }),
  z.object({
    ...base,
    type: z.literal('gate-waived'),
    step: text,
    layer: text,
    tracking: required,
    reason: required,
    mitigation: required,
  }),
  z.object({
    ...base,
    type: z.literal('notice-intended'),
    step: text,
    key: text,
    fields: z.optional(z.record(z.string().check(z.maxLength(100)), text)),
  }),
  z.object({
    ...base,
    type: z.literal('notice-sent'),
    step: text,
    key: optionalText,
    channel: optionalText,
    ts: optionalText,
    permalink: optionalText,
    reconciled: z.optional(z.boolean()),
  }),
  z.object({ ...base, type: z.literal('notice-updated'), step: text, key: text, ts: text }),
  z.object({ ...base, type: z.literal('notice-permalink'), step: text, key: text, ts: text, permalink: text }),
  z.object({
    ...base,
    type: z.literal('notice-claimed'),
    step: text,
    key: text,
    pid: z.int().check(z.nonnegative()),
    host: z.string().check(z.maxLength(255)),
  }),
  z.object({ ...base, type: z.literal('notice-released'), step: text, key: text, claim: identifier }),
  z.object({
    ...base,
    type: z.literal('hotfix-opened'),
    key: text,
    severity,
    component: text,
    affects: text,
    summary: text,
    reportedAt: instant,
  }),
  z.object({ ...base, type: z.literal('hotfix-severity-changed'), severity, reason: optionalText }),
  z.object({ ...base, type: z.literal('hotfix-reported-changed'), reportedAt: instant, reason: optionalText }),
  z.object({ ...base, type: z.literal('hotfix-closed'), note: optionalText }),
]);

const iso = (ms: number): string => new Date(ms).toISOString();

/** One JSON line, without the newline. */
export function encodeEvent(event: JournalEvent): string {
  const record: Record<string, unknown> = { v: 1, ...event, at: iso(event.at) };
  if (event.type === 'hotfix-opened' || event.type === 'hotfix-reported-changed') record.reportedAt = iso(event.reportedAt);
  if (event.type === 'gate-approved' && event.evidence) {
    record.evidence = event.evidence.map((e) => (e.finishedAt === undefined ? e : { ...e, finishedAt: iso(e.finishedAt) }));
  }
  if (event.type === 'release-planned') {
    record.milestones = Object.fromEntries(Object.entries(event.milestones).map(([k, v]) => [k, iso(v)]));
  }
  return JSON.stringify(record);
}

export type Decoded = { ok: true; event: JournalEvent } | { ok: false; problem: string };

export function decodeEvent(line: string): Decoded {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'not valid JSON' };
  }
  const result = eventSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, problem: `not a journal event (${where}${issue.message})` };
  }
  const { v: _version, ...event } = result.data;
  return { ok: true, event: event as JournalEvent };
}
