import * as z from 'zod/mini';
import { IDENTIFIER_LIMIT } from '../domain/limits.js';
import '../zod-setup.js';
import { SEVERITIES, STEP_KINDS, type BlockTemplate } from '../domain/config.js';
import { isKnownTimeZone, isPositiveDuration, parseDuration } from '../domain/time.js';
import { parseDisplayZone, unknownZoneProblem } from '../domain/display-time.js';

/** Zod schemas for the YAML files. Strict objects, so a misspelt key is an error, not a silent default. */

const DURATION_FORMS = 'write e.g. 30m, 24h, 2d, 1w or "1 working day"';

/**
 * A span longer than zero: an SLA of -48h or 0h would make a hotfix due before it was reported,
 * a maxAge of 0 fail every layer, a refresh every 0s never stop. `moveEarlier` says what to
 * write instead where a negative span could be meant.
 */
const positiveDuration = (moveEarlier = '') =>
  z.pipe(
    z.string({ error: 'expected a duration such as 30m, 24h, 2d, 1w or "1 working day"' }),
    z.transform((text, ctx) => {
      const parsed = parseDuration(text);
      const problem = !parsed
        ? `"${text}" is not a duration; ${DURATION_FORMS}`
        : !isPositiveDuration(parsed)
          ? `"${text}" must be longer than zero${moveEarlier}; ${DURATION_FORMS}`
          : null;
      if (problem) {
        ctx.issues.push({ code: 'custom', message: problem, input: text });
        return z.NEVER;
      }
      return parsed!;
    }),
  );
const duration = positiveDuration();

// An id is recorded in journal events (a step, a layer), so it is held to the journal's limit for names.
const id = z
  .string()
  .check(
    z.regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
    z.maxLength(IDENTIFIER_LIMIT, `at most ${IDENTIFIER_LIMIT} characters (the journal records it)`),
  );
const nonEmpty = z.minLength(1, 'must not be empty');
const name = z.string().check(nonEmpty);
/** A non-empty string of at most `max` characters, with what to do when it is longer. */
const nameUpTo = (max: number, message: string) => z.string().check(nonEmpty, z.maxLength(max, message));

const component = z.strictObject({ name: id, repo: name, image: name, chart: name });

const layerSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('commit-status'), context: name }),
  z.strictObject({
    kind: z.literal('prow-job'),
    job: name,
    releaseJob: z.optional(z.strictObject({ job: name, branchRepo: name })),
  }),
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
  platform: z.optional(name),
});

/** The values rc-e2e.yaml and trigger-rc-e2e.sh in hyperfleet-release use; written out in hyperfleet.yaml. */
const DEFAULT_RC_E2E = {
  job: 'periodic-ci-openshift-hyperfleet-hyperfleet-e2e-main-rc-e2e-rc-e2e',
  imageTags: {
    'hyperfleet-api': 'MULTISTAGE_PARAM_OVERRIDE_API_IMAGE_TAG',
    'hyperfleet-sentinel': 'MULTISTAGE_PARAM_OVERRIDE_SENTINEL_IMAGE_TAG',
    'hyperfleet-adapter': 'MULTISTAGE_PARAM_OVERRIDE_ADAPTER_IMAGE_TAG',
  },
  e2eRef: 'MULTISTAGE_PARAM_OVERRIDE_E2E_REF',
  tag: 'release-{major}.{minor}-rc{n}',
  workflow: 'RC E2E Trigger',
};
const envName = z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name'));
const rcE2e = z.strictObject({
  job: name,
  imageTags: z.record(id, envName),
  e2eRef: envName,
  tag: z.string().check(z.regex(/\{n\}/, 'the tag template needs {n}, the RC number')),
  workflow: name,
});

const channelName = z.string().check(z.regex(/^#?[a-z0-9._-]+$/, 'expected a channel name such as #hyperfleet-releases'));
const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'write dates as YYYY-MM-DD'));
const DEFAULT_SCOPE = { maxFiles: 20, featureLabels: ['feature', 'enhancement'] };
/**
 * hyperfleet-release-process.md §5.3: "Minimum 2 approvals (1 technical reviewer + Release Owner)".
 * HyperFleet's PR template (openshift-hyperfleet/.github) has only "Summary" and "Test Plan", so
 * the headings a justification and a risk assessment stand under are this app's defaults.
 */
const DEFAULT_CODE_FREEZE = { minApprovals: 2, justificationHeadings: ['Justification'], riskHeadings: ['Risk assessment', 'Risk'] };

const displayZone = z.pipe(
  z.string(),
  z.transform((text, ctx) => {
    const zone = parseDisplayZone(text);
    if (zone) return zone;
    ctx.issues.push({ code: 'custom', input: text, message: unknownZoneProblem(text) });
    return z.NEVER;
  }),
);

export const hyperfleetSchema = z.strictObject({
  github: z.strictObject({ org: name, releaseRepo: name, web: z._default(z.url(), 'https://github.com') }),
  prow: z.strictObject({ url: z.url({ error: 'expected a URL such as https://prow.example' }) }),
  // The team's shared record: one commit per event on this branch of a repository of github.org.
  ledger: z.optional(
    z.strictObject({
      repo: name,
      branch: z.string().check(z.regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'expected a branch name such as hyperfleet-tui/ledger')),
    }),
  ),
  // How this person reads times (not the release's working-day calendar, `hotfix.timeZone`): --tz and TZ are the other ways.
  display: z.optional(z.strictObject({ timeZone: z.optional(displayZone) })),
  rcE2e: z._default(rcE2e, DEFAULT_RC_E2E),
  components: z.array(component).check(z.minLength(1, 'list at least one component')),
  supportRepos: z._default(z.array(name), []),
  naming: z.strictObject({
    componentTag: name,
    rcTag: name,
    releaseBranch: name,
    releaseTag: name,
    patchReleaseTag: name,
    imageTag: name,
    // Optional so that configurations written before it still load; the builds tag RCs this way.
    rcImageTag: z._default(name, '{version}-rc{n}'),
    releaseNotes: name,
    // A patch release's own notes beside the X.Y ones (hyperfleet-release has RELEASE/RELEASE-NOTES-v0.2.1.md).
    patchReleaseNotes: z._default(name, 'RELEASE/RELEASE-NOTES-v{major}.{minor}.{patch}.md'),
  }),
  layers: z.array(layer).check(z.minLength(1, 'list at least one test layer')),
  status: z.strictObject({ refreshEvery: duration }),
  slack: z.strictObject({ channel: channelName, notices: name }),
  roles: z.record(id, z.strictObject({ title: name, approvers: z.array(name) })),
  // The two-person rule is this app's own option (no HyperFleet document has it): off unless asked for.
  approvals: z._default(z.strictObject({ twoPersonRule: z._default(z.boolean(), false) }), { twoPersonRule: false }),
  codeFreeze: z._default(
    z.strictObject({
      minApprovals: z._default(z.int().check(z.positive()), DEFAULT_CODE_FREEZE.minApprovals),
      justificationHeadings: z._default(z.array(name).check(z.minLength(1)), DEFAULT_CODE_FREEZE.justificationHeadings),
      riskHeadings: z._default(z.array(name).check(z.minLength(1)), DEFAULT_CODE_FREEZE.riskHeadings),
    }),
    DEFAULT_CODE_FREEZE,
  ),
  cadence: z.strictObject({ sprintLength: duration, dueSoon: duration }),
  hotfix: z.strictObject({
    // Emergency hotfixes are for Blocker and Critical only (hyperfleet-release-process.md §1.9); any other is a scheduled patch release.
    emergency: z._default(z.array(z.enum(SEVERITIES)).check(z.minLength(1)), ['Blocker', 'Critical']),
    sla: z.strictObject(Object.fromEntries(SEVERITIES.map((s) => [s, duration])) as Record<(typeof SEVERITIES)[number], typeof duration>),
    holidays: z._default(z.array(isoDate), []),
    timeZone: z._default(
      z.string().check(z.refine(isKnownTimeZone, 'expected an IANA time zone such as UTC, Europe/Prague or America/New_York')),
      'UTC',
    ),
    scope: z._default(
      z.strictObject({
        maxFiles: z._default(z.int().check(z.positive()), DEFAULT_SCOPE.maxFiles),
        featureLabels: z._default(z.array(name), DEFAULT_SCOPE.featureLabels),
      }),
      DEFAULT_SCOPE,
    ),
  }),
  playbooks: z.strictObject({ release: name, hotfix: name }),
});

const check = z
  .strictObject({
    layers: z.optional(z.array(id).check(z.minLength(1))),
    greenFor: z.optional(duration),
    tags: z.optional(z.enum(['rcTag', 'componentTag'])),
    artifacts: z.optional(z.array(z.enum(['image', 'chart', 'rc-image'])).check(z.minLength(1))),
    fix: z.optional(z.enum(['main', 'release', 'both'])),
    patch: z.optional(z.enum(['tag', 'image', 'release-tag', 'manifest'])),
    manifest: z.optional(z.enum(['rc', 'ga'])),
    rcE2e: z.optional(z.boolean()),
  })
  .check(
    z.refine(
      (c) => Boolean(c.layers || c.tags || c.artifacts || c.fix || c.patch || c.manifest || c.rcE2e),
      'name at least one of layers, tags, artifacts, fix, patch, manifest, rcE2e',
    ),
  );

const step = z.strictObject({
  id,
  title: name,
  owner: id,
  kind: z.enum(STEP_KINDS),
  needs: z._default(z.array(id), []),
  help: z.optional(z.string()),
  due: z.optional(
    z.strictObject({
      at: z.pipe(
        z.union([name, z.array(name).check(z.minLength(1))]),
        z.transform((at) => (typeof at === 'string' ? [at] : at)),
      ),
      offset: z.optional(positiveDuration(' (it moves the deadline later; before: moves it earlier)')),
      before: z.optional(z.union([z.literal('sprint'), duration])),
      endOfDay: z.optional(z.boolean()),
    }),
  ),
  notice: z.optional(id),
  scopeGuard: z.optional(z.boolean()),
  evidence: z.optional(z.literal('link')),
  freeze: z.optional(z.boolean()),
  signoff: z.optional(z.array(id).check(z.minLength(1, 'name at least one role'))),
  check: z.optional(check),
});

export const playbookSchema = z.strictObject({
  id,
  title: name,
  phases: z
    .array(z.strictObject({ id, title: name, steps: z.array(step).check(z.minLength(1, 'a phase needs at least one step')) }))
    .check(z.minLength(1)),
});

/** A block: "divider", or exactly one of header:, section:, context: with its text. */
const blockTemplate = z.pipe(
  z.pipe(
    z.transform((value: unknown) => (value === 'divider' ? { divider: true } : value)),
    z
      .strictObject({
        divider: z.optional(z.literal(true)),
        header: z.optional(nameUpTo(150, 'Slack shows at most 150 characters in a header')),
        section: z.optional(nameUpTo(3000, 'Slack takes at most 3,000 characters in a section')),
        context: z.optional(nameUpTo(3000, 'Slack takes at most 3,000 characters in a context block')),
      })
      .check(z.refine((b) => Object.keys(b).length === 1, 'a block is "divider", or one of header:, section:, context: with its text')),
  ),
  z.transform((b): BlockTemplate => {
    if (b.header !== undefined) return { type: 'header', text: b.header };
    if (b.section !== undefined) return { type: 'section', text: b.section };
    if (b.context !== undefined) return { type: 'context', text: b.context };
    return { type: 'divider' };
  }),
);

const noticeTemplate = z.strictObject({
  kind: id,
  title: name,
  // Where this notice posts, when not slack.channel (the runbook posts GA and patch notices elsewhere).
  channel: z.optional(channelName),
  contract: z._default(z.boolean(), false),
  fields: z._default(z.array(z.strictObject({ name: id, label: name, default: z._default(z.string(), '') })), []),
  text: name,
  blocks: z.array(blockTemplate).check(z.minLength(1), z.maxLength(50, 'Slack takes at most 50 blocks in a message')),
});

export const noticesSchema = z.strictObject({ notices: z.array(noticeTemplate).check(z.minLength(1)) });

export type HyperfleetFile = z.output<typeof hyperfleetSchema>;
export type PlaybookFile = z.output<typeof playbookSchema>;
export type NoticesFile = z.output<typeof noticesSchema>;
