import * as z from 'zod/mini';
import type { StepView } from '../domain/playbook.js';
import { oneLine } from '../domain/sanitize.js';
import { artifactReference, artifactTargets, componentTag } from '../domain/facts.js';
import { parseVersion, releaseTitle } from '../domain/version.js';
import type { AppState } from '../store/app-store.js';
import { selectCompatibilityMatrix, selectFreeze, selectLayerEvaluations, selectReleasePhases } from '../store/selectors.js';
import { latestRunPassed, matrixSentence } from '../domain/compatibility.js';
import { gaVersion } from '../domain/manifest.js';
import { releaseEarlyTags, releaseMakeupOf } from '../store/view.js';
import { isoOrNull } from '../domain/time.js';
import { formatDatedInZone, type DisplayZone } from '../domain/display-time.js';
import { signoffJson } from './gate-report.js';

/** The release report, as data first: Markdown and JSON are two renderings of it. */
export const reportSchema = z.object({
  release: z.string(),
  title: z.string(),
  generatedAt: z.string(),
  /** The compatibility matrix (domain/compatibility): the manifest's component versions and the partner platforms tested. */
  matrix: z.object({
    release: z.string(),
    /** "HyperFleet v0.4.0 = api v1.5.0 + sentinel v1.4.2 + adapter v2.0.0; tested on ROSA, OpenShift 4.17" */
    sentence: z.string(),
    /** Where the versions come from ("RELEASE_MANIFEST.yaml on release-0.4"); null when they are unknown. */
    source: z.nullable(z.string()),
    /** Why the component versions are unknown; null when the manifest gives them. */
    why: z.nullable(z.string()),
    stage: z.nullable(z.enum(['ga', 'rc', 'not-versions'])),
    components: z.array(z.object({ name: z.string(), version: z.string(), kind: z.enum(['ga', 'rc', 'not-a-version']) })),
    /** Configured components the manifest does not list: not part of this release. */
    notInRelease: z.array(z.string()),
    platforms: z.array(
      z.object({
        layer: z.string(),
        name: z.string(),
        owner: z.string(),
        platform: z.string(),
        state: z.string(),
        tested: z.boolean(),
        url: z.nullable(z.string()),
        stale: z.nullable(z.string()),
      }),
    ),
  }),
  /** The components of this release (those the manifest lists; every configured one while the versions are unknown). */
  components: z.array(
    z.object({
      name: z.string(),
      /** Its own version, from the manifest; null while the versions are unknown. */
      version: z.nullable(z.string()),
      /** Its GA tag is in its repository; null when its version is unknown or not a version. */
      released: z.nullable(z.boolean()),
      image: z.object({ reference: z.string(), exists: z.nullable(z.boolean()), digest: z.nullable(z.string()) }),
      chart: z.object({ reference: z.string(), exists: z.nullable(z.boolean()) }),
    }),
  ),
  testedOn: z.array(
    z.object({
      layer: z.string(),
      name: z.string(),
      owner: z.string(),
      state: z.string(),
      verdict: z.string(),
      url: z.nullable(z.string()),
      /** The platform and version the integration ran on (configured per layer), or null. */
      platform: z.nullable(z.string()),
      /** True when the latest run passed: the release is tested on that platform. */
      tested: z.boolean(),
    }),
  ),
  gates: z.array(
    z.object({
      step: z.string(),
      title: z.string(),
      verdict: z.string(),
      done: z.boolean(),
      approval: z.nullable(z.object({ state: z.string(), by: z.string(), at: z.string(), comment: z.nullable(z.string()) })),
      /** Each role the gate needs signed (one, its owner's, unless the step names `signoff` roles). */
      signoffs: z.array(
        z.object({
          role: z.string(),
          title: z.string(),
          state: z.string(),
          by: z.nullable(z.string()),
          at: z.nullable(z.string()),
          approvers: z.array(z.string()),
        }),
      ),
      waivers: z.array(
        z.object({ layer: z.string(), tracking: z.string(), reason: z.string(), mitigation: z.string(), by: z.string(), at: z.string() }),
      ),
    }),
  ),
  /** Process violations: GA tags made before the gate they need was approved. */
  violations: z.array(
    z.object({
      tag: z.string(),
      gate: z.string(),
      gateTitle: z.string(),
      /** When someone who may approve the gate first did; null while nobody has. */
      approvedAt: z.nullable(z.string()),
      /** Each component tagged too early, and when (null: a lightweight tag carries no date of its own). */
      places: z.array(z.object({ component: z.string(), taggedAt: z.nullable(z.string()) })),
      text: z.string(),
    }),
  ),
  sections: z.array(z.string()),
  /** Code freeze (release process §5.3): since when, and every PR merged into a release branch since, with what it lacks. */
  codeFreeze: z.object({
    /** null: not frozen yet. */
    since: z.nullable(z.string()),
    /** What began it: the code-freeze gate's approval, or the code-freeze milestone; null while not frozen. */
    by: z.nullable(z.enum(['gate', 'milestone'])),
    minApprovals: z.number(),
    /** Components whose pull requests GitHub has not listed (no answer yet): their exceptions are not known. */
    unlisted: z.array(z.string()),
    exceptions: z.array(
      z.object({
        component: z.string(),
        branch: z.string(),
        number: z.number(),
        title: z.string(),
        author: z.nullable(z.string()),
        mergedAt: z.string(),
        url: z.string(),
        justification: z.nullable(z.string()),
        riskAssessment: z.nullable(z.string()),
        approvals: z.number(),
        approvedBy: z.array(z.string()),
        /** What it lacks: approvals below the minimum, the Release Owner's, a section, green tests. Empty: nothing. */
        flags: z.array(z.string()),
      }),
    ),
  }),
});
export type Report = z.infer<typeof reportSchema>;

export const NOTES_SECTIONS = [
  'Overview',
  "What's New",
  'Breaking Changes',
  'Bug Fixes',
  'Known Issues',
  'Upgrade',
  'Compatibility Matrix',
  'Security',
];
const iso = (ms: number): string => new Date(ms).toISOString();

export function buildReport(state: AppState): Report {
  const { config, release, snapshot } = state;
  const matrix = selectCompatibilityMatrix(state);
  // Each component of the release at the version its manifest names; one it does not name is not part of it.
  const targets = artifactTargets(config, releaseMakeupOf(config, release, snapshot));
  const inRelease = matrix.why === null ? matrix.components : config.components.map((c) => ({ name: c.name, version: null }));
  const components = inRelease.flatMap(({ name, version }) => {
    const c = config.components.find((candidate) => candidate.name === name);
    if (!c) return [];
    const own = version === null ? null : parseVersion(version);
    const tags = snapshot?.repos?.find((r) => r.repo === c.repo)?.tags ?? [];
    // Without a version there is no tag to name: the location alone, never a guessed tag.
    const reference = (kind: 'image' | 'chart') => {
      const target = targets.find((t) => t.component === c.name && t.kind === kind);
      return target ? artifactReference(target) : kind === 'image' ? c.image : c.chart;
    };
    // By reference: the registry's answers hold each open hotfix's patch image of a component too.
    const artifact = (kind: 'image' | 'chart') => snapshot?.artifacts?.find((a) => a.reference === reference(kind));
    const image = artifact('image');
    const chart = artifact('chart');
    return [
      {
        name: c.name,
        version,
        released: own ? tags.includes(componentTag(config.naming, 'componentTag', gaVersion(own))) : null,
        image: { reference: reference('image'), exists: image?.exists ?? null, digest: image?.digest ?? null },
        chart: { reference: reference('chart'), exists: chart?.exists ?? null },
      },
    ];
  });
  const testedOn = selectLayerEvaluations(state)
    .filter((e) => e.layer.scope === 'release')
    .map((e) => ({
      layer: e.layer.id,
      name: e.layer.name,
      owner: e.layer.owner,
      state: e.cells[0]?.state ?? 'missing',
      verdict: e.verdict,
      url: e.cells[0]?.url ?? null,
      platform: e.layer.platform ?? null,
      tested: latestRunPassed(e),
    }));
  const gates = selectReleasePhases(state)
    .flatMap((p) => p.steps)
    .filter((v): v is StepView & { gate: NonNullable<StepView['gate']> } => v.gate !== undefined)
    .map((v) => ({
      step: v.step.id,
      title: v.title,
      verdict: v.gate.verdict,
      done: v.gate.done,
      approval:
        v.gate.approval.state === 'none'
          ? null
          : {
              state: v.gate.approval.state,
              by: v.gate.approval.approval.by,
              at: iso(v.gate.approval.approval.at),
              comment: v.gate.approval.approval.comment ?? null,
            },
      signoffs: v.gate.signoffs.map(signoffJson),
      waivers: v.gate.layers.flatMap((l) => (l.waiver ? [{ ...l.waiver, at: iso(l.waiver.at) }] : [])),
    }));
  const violations = releaseEarlyTags(config, state.releaseState, snapshot).map((e) => ({
    tag: e.tag,
    gate: e.gate.step,
    gateTitle: e.gate.title,
    approvedAt: isoOrNull(e.gate.approvedAt),
    places: e.places.map((p) => ({ component: p.where, taggedAt: isoOrNull(p.madeAt) })),
    text: e.text,
  }));
  const freeze = selectFreeze(state);
  const codeFreeze = {
    since: isoOrNull(freeze.since?.at),
    by: freeze.since?.by ?? null,
    minApprovals: config.codeFreeze.minApprovals,
    unlisted: [...freeze.unlisted],
    exceptions: freeze.exceptions.map((e) => ({
      component: e.component,
      branch: e.branch,
      number: e.pr.number,
      title: e.pr.title,
      author: e.pr.author ?? null,
      mergedAt: iso(e.mergedAt),
      url: e.pr.url,
      justification: e.justification,
      riskAssessment: e.risk,
      approvals: e.approvedBy.length,
      approvedBy: [...e.approvedBy],
      flags: [...e.flags],
    })),
  };
  return {
    release,
    title: releaseTitle(release),
    generatedAt: iso(state.now),
    matrix: {
      ...matrix,
      components: [...matrix.components],
      notInRelease: [...matrix.notInRelease],
      sentence: matrixSentence(matrix),
      platforms: matrix.platforms.map((p) => ({ ...p, url: p.url ?? null, stale: p.stale ?? null })),
    },
    components,
    testedOn,
    gates,
    violations,
    sections: NOTES_SECTIONS,
    codeFreeze,
  };
}

const cell = (text: string): string => oneLine(text).replace(/\|/g, '\\|');

/** The release notes skeleton in Markdown: the sections of the release contract, with the matrix filled in. */
/** The Markdown draft, every time dated in `zone` (a document is read later: never a bare "14:05"); the JSON stays UTC. */
export function reportMarkdown(report: Report, zone: DisplayZone): string {
  const dated = (iso: string) => formatDatedInZone(Date.parse(iso), zone);
  const out: string[] = [`# ${report.title} (${report.release})`, '', `_Generated ${dated(report.generatedAt)} by hyperfleet-tui._`, ''];
  for (const section of report.sections) {
    out.push(`## ${section}`, '');
    if (section === 'Compatibility Matrix') {
      const { matrix } = report;
      out.push(`${cell(matrix.sentence)}.`, '');
      out.push(
        matrix.why === null ? `_Versions from ${cell(matrix.source ?? '')}._` : `_Component versions unknown: ${cell(matrix.why)}._`,
        '',
      );
      if (matrix.notInRelease.length > 0)
        out.push(`Not in this release (the manifest does not list them): ${matrix.notInRelease.map(cell).join(', ')}.`, '');
      out.push('| Component | Version | Image | Digest | Chart |', '|---|---|---|---|---|');
      const kindOf = new Map(matrix.components.map((c) => [c.name, c.kind]));
      for (const c of report.components) {
        const exists = (e: boolean | null) => (e === null ? 'not checked' : e ? 'published' : 'missing');
        const kind = kindOf.get(c.name);
        const note = kind === 'rc' ? ' (RC)' : kind === 'not-a-version' ? ' (not a version)' : c.released === false ? ' (not tagged)' : '';
        out.push(
          `| ${cell(c.name)} | ${cell(c.version ?? 'unknown')}${note} | \`${cell(c.image.reference)}\` (${exists(c.image.exists)}) | ${cell(c.image.digest ?? '—')} | ${exists(c.chart.exists)} |`,
        );
      }
      out.push('', '| Integration | Platform | Owner | Result | Gate | Run |', '|---|---|---|---|---|---|');
      for (const t of report.testedOn)
        out.push(
          `| ${cell(t.name)} | ${cell(t.platform ?? '—')} | ${cell(t.owner)} | ${cell(t.state)} | ${cell(t.verdict)} | ${t.url ? `[run](${cell(t.url)})` : '—'} |`,
        );
      out.push('');
    } else if (section === 'Known Issues') {
      const waivers = report.gates.flatMap((g) => g.waivers);
      out.push(
        ...(waivers.length
          ? waivers.map((w) => `- ${cell(w.layer)} waived (${cell(w.tracking)}): ${cell(w.reason)}. Mitigation: ${cell(w.mitigation)}.`)
          : ['_None recorded._']),
        '',
      );
    } else {
      out.push('_To be written._', '');
    }
  }
  out.push('## Release gate', '');
  for (const g of report.gates) {
    const approval = g.approval
      ? `${g.approval.state} approval by @${cell(g.approval.by)} at ${dated(g.approval.at)}${g.approval.comment ? ` ("${cell(g.approval.comment)}")` : ''}`
      : 'not approved';
    out.push(`- **${cell(g.title)}**: ${g.verdict}${g.done ? ', done' : ''}; ${approval}`);
    if (g.signoffs.length > 1)
      for (const s of g.signoffs)
        out.push(
          `  - ${cell(s.title)}: ${s.by ? `${s.state}, signed by @${cell(s.by)} at ${dated(s.at!)}` : `not signed (may sign: ${s.approvers.map((a) => `@${cell(a)}`).join(', ') || 'nobody configured'})`}`,
        );
  }
  for (const v of report.violations) out.push(`- **Process violation**: ${cell(v.text)}`);
  out.push('', ...codeFreezeMarkdown(report.codeFreeze, dated));
  return `${out.join('\n')}\n`;
}

/** A description's section in a table cell: one line, and its start only (the JSON has it whole, the PR has it all). */
const SECTION_IN_CELL = 300;
const sectionCell = (text: string | null): string => {
  if (text === null) return '—';
  const line = cell(text);
  return line.length > SECTION_IN_CELL ? `${line.slice(0, SECTION_IN_CELL)}…` : line;
};

/** Every PR merged into a release branch after code freeze: its approvals, justification, risk assessment, and what it lacks. */
function codeFreezeMarkdown(freeze: Report['codeFreeze'], dated: (iso: string) => string): string[] {
  const out = ['## Code freeze exceptions', ''];
  if (!freeze.since) return [...out, '_Not in code freeze yet._'];
  const by = freeze.by === 'gate' ? "the code-freeze gate's approval" : 'the code-freeze milestone';
  out.push(`Since ${dated(freeze.since)} (${by}); each needs ${freeze.minApprovals} approvals, a justification and a risk assessment.`, '');
  if (freeze.unlisted.length) out.push(`_Not listed yet (GitHub has not answered): ${freeze.unlisted.map(cell).join(', ')}._`, '');
  if (freeze.exceptions.length === 0) return [...out, '_None merged._'];
  out.push(
    '| PR | Component | Author | Merged | Approvals | Justification | Risk assessment | Flags |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const e of freeze.exceptions) {
    const approvals = `${e.approvals} of ${freeze.minApprovals}${e.approvedBy.length ? ` (${e.approvedBy.map((a) => `@${cell(a)}`).join(', ')})` : ''}`;
    out.push(
      `| [#${e.number}](${cell(e.url)}) ${cell(e.title)} | ${cell(e.component)} ${cell(e.branch)} | ${e.author ? `@${cell(e.author)}` : '—'} | ${dated(e.mergedAt)} | ${approvals} | ${sectionCell(e.justification)} | ${sectionCell(e.riskAssessment)} | ${e.flags.length ? e.flags.map(cell).join('; ') : 'none'} |`,
    );
  }
  return out;
}
