import { z } from 'zod';

// Each schema parses once per run: compiling it to a fast path (zod's JIT) costs more than it saves.
z.config({ jitless: true });
import { SEVERITIES, STEP_KINDS, type BlockTemplate } from '../domain/config.js';
import { isKnownTimeZone, parseDuration } from '../domain/time.js';

/** Zod schemas for the YAML files. Strict objects, so a misspelt key is an error, not a silent default. */

const duration = z.string({ error: 'expected a duration such as 30m, 24h, 2d, 1w or "1 working day"' }).transform((text, ctx) => {
  const parsed = parseDuration(text);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration; write e.g. 30m, 24h, 2d, 1w or "1 working day"` });
    return z.NEVER;
  }
  return parsed;
});

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes');
const name = z.string().min(1, 'must not be empty');

const component = z.strictObject({ name: id, repo: name, image: name, chart: name });

const layerSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('commit-status'), context: name }),
  z.strictObject({ kind: z.literal('prow-job'), job: name }),
  z.strictObject({ kind: z.literal('none'), note: name }),
]);

const layer = z.strictObject({
  id,
  name,
  owner: name,
  scope: z.enum(['component', 'release']),
  gate: z.enum(['mandatory', 'advisory']),
  maxAge: duration,
  source: layerSource,
  platform: name.optional(),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write dates as YYYY-MM-DD');

export const hyperfleetSchema = z.strictObject({
  github: z.strictObject({ org: name, releaseRepo: name, web: z.url().default('https://github.com') }),
  prow: z.strictObject({ url: z.url({ error: 'expected a URL such as https://prow.example' }) }),
  components: z.array(component).min(1, 'list at least one component'),
  supportRepos: z.array(name).default([]),
  naming: z.strictObject({
    componentTag: name,
    rcTag: name,
    releaseBranch: name,
    releaseTag: name,
    patchReleaseTag: name,
    imageTag: name,
    // Optional so that configurations written before it still load; the builds tag RCs this way.
    rcImageTag: name.default('{version}-rc{n}'),
    releaseNotes: name,
  }),
  layers: z.array(layer).min(1, 'list at least one test layer'),
  status: z.strictObject({ refreshEvery: duration }),
  slack: z.strictObject({
    channel: z.string().regex(/^#?[a-z0-9._-]+$/, 'expected a channel name such as #hyperfleet-releases'),
    notices: name,
  }),
  roles: z.record(id, z.strictObject({ title: name, approvers: z.array(name) })),
  approvals: z.strictObject({ twoPersonRule: z.boolean() }),
  cadence: z.strictObject({ sprintLength: duration, dueSoon: duration }),
  hotfix: z.strictObject({
    sla: z.strictObject(Object.fromEntries(SEVERITIES.map((s) => [s, duration])) as Record<(typeof SEVERITIES)[number], typeof duration>),
    holidays: z.array(isoDate).default([]),
    timeZone: z
      .string()
      .refine(isKnownTimeZone, 'expected an IANA time zone such as UTC, Europe/Prague or America/New_York')
      .default('UTC'),
    scope: z
      .strictObject({
        maxFiles: z.number().int().positive().default(20),
        featureLabels: z.array(name).default(['feature', 'enhancement']),
      })
      .default({ maxFiles: 20, featureLabels: ['feature', 'enhancement'] }),
  }),
  playbooks: z.strictObject({ release: name, hotfix: name }),
});

const step = z.strictObject({
  id,
  title: name,
  owner: id,
  kind: z.enum(STEP_KINDS),
  needs: z.array(id).default([]),
  help: z.string().optional(),
  due: z
    .strictObject({
      at: z.union([name, z.array(name).min(1)]).transform((at) => (typeof at === 'string' ? [at] : at)),
      offset: duration.optional(),
      before: z.union([z.literal('sprint'), duration]).optional(),
      endOfDay: z.boolean().optional(),
    })
    .optional(),
  notice: id.optional(),
  scopeGuard: z.boolean().optional(),
  check: z
    .strictObject({
      layers: z.array(id).min(1).optional(),
      greenFor: duration.optional(),
      tags: z.enum(['rcTag', 'componentTag']).optional(),
      artifacts: z
        .array(z.enum(['image', 'chart', 'rc-image']))
        .min(1)
        .optional(),
      fix: z.enum(['main', 'release', 'both']).optional(),
      patch: z.enum(['tag', 'image', 'release-tag']).optional(),
    })
    .refine((c) => c.layers || c.tags || c.artifacts || c.fix || c.patch, 'name at least one of layers, tags, artifacts, fix, patch')
    .optional(),
});

export const playbookSchema = z.strictObject({
  id,
  title: name,
  phases: z.array(z.strictObject({ id, title: name, steps: z.array(step).min(1, 'a phase needs at least one step') })).min(1),
});

/** A block: "divider", or exactly one of header:, section:, context: with its text. */
const blockTemplate = z
  .preprocess(
    (value) => (value === 'divider' ? { divider: true } : value),
    z.strictObject({
      divider: z.literal(true).optional(),
      header: name.max(150, 'Slack shows at most 150 characters in a header').optional(),
      section: name.max(3000, 'Slack takes at most 3,000 characters in a section').optional(),
      context: name.max(3000, 'Slack takes at most 3,000 characters in a context block').optional(),
    }),
  )
  .refine((b) => Object.keys(b).length === 1, 'a block is "divider", or one of header:, section:, context: with its text')
  .transform((b): BlockTemplate => {
    if (b.header !== undefined) return { type: 'header', text: b.header };
    if (b.section !== undefined) return { type: 'section', text: b.section };
    if (b.context !== undefined) return { type: 'context', text: b.context };
    return { type: 'divider' };
  });

const noticeTemplate = z.strictObject({
  kind: id,
  title: name,
  contract: z.boolean().default(false),
  fields: z.array(z.strictObject({ name: id, label: name, default: z.string().default('') })).default([]),
  text: name,
  blocks: z.array(blockTemplate).min(1).max(50, 'Slack takes at most 50 blocks in a message'),
});

export const noticesSchema = z.strictObject({ notices: z.array(noticeTemplate).min(1) });

export type HyperfleetFile = z.output<typeof hyperfleetSchema>;
export type PlaybookFile = z.output<typeof playbookSchema>;
export type NoticesFile = z.output<typeof noticesSchema>;
