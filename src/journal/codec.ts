import { z } from 'zod';
import { RELEASE_MILESTONES, SEVERITIES } from '../domain/config.js';
import type { JournalEvent } from '../domain/events.js';

/**
 * The journal on disk is untrusted: a person may edit it, a crash may tear it. Each line is
 * parsed into a typed event here, once; times are ISO-8601 on disk and epoch ms inside.
 */
const instant = z.iso.datetime({ offset: true }).transform((text) => Date.parse(text));
const text = z.string().max(10_000);
const severity = z.enum(SEVERITIES);

const base = { v: z.literal(1), id: z.string().min(1).max(100), at: instant, actor: z.string().min(1).max(100) };

const eventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('release-planned'),
    release: text,
    milestones: z.partialRecord(z.enum(RELEASE_MILESTONES), instant),
  }),
  z.object({ ...base, type: z.literal('step-completed'), step: text, note: text.optional() }),
  z.object({ ...base, type: z.literal('step-reopened'), step: text, note: text.optional() }),
  z.object({
    ...base,
    type: z.literal('gate-approved'),
    step: text,
    comment: text.optional(),
    evidence: z
      .array(
        z.object({
          layer: text,
          component: text.nullable(),
          state: text,
          commit: text.optional(),
          url: text.optional(),
          finishedAt: instant.optional(),
        }),
      )
      .max(1000)
      .optional(),
  }),
  z.object({
    ...base,
    type: z.literal('gate-waived'),
    step: text,
    layer: text,
    tracking: text.min(1),
    reason: text.min(1),
    mitigation: text.min(1),
  }),
  z.object({ ...base, type: z.literal('notice-intended'), step: text, key: text, fields: z.record(z.string().max(100), text).optional() }),
  z.object({
    ...base,
    type: z.literal('notice-sent'),
    step: text,
    key: text.optional(),
    channel: text.optional(),
    ts: text.optional(),
    permalink: text.optional(),
    reconciled: z.boolean().optional(),
  }),
  z.object({ ...base, type: z.literal('notice-updated'), step: text, key: text, ts: text }),
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
  z.object({ ...base, type: z.literal('hotfix-severity-changed'), severity, reason: text.optional() }),
  z.object({ ...base, type: z.literal('hotfix-reported-changed'), reportedAt: instant, reason: text.optional() }),
  z.object({ ...base, type: z.literal('hotfix-closed'), note: text.optional() }),
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
