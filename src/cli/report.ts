import * as z from 'zod/mini';
import type { StepView } from '../domain/playbook.js';
import { oneLine } from '../domain/sanitize.js';
import { artifactReference, artifactTargets } from '../domain/facts.js';
import { fillTemplate, parseVersion, releaseTitle } from '../domain/version.js';
import type { AppState } from '../store/app-store.js';
import { selectLayerEvaluations, selectReleasePhases } from '../store/selectors.js';
import { releaseEarlyTags } from '../store/view.js';
import { formatUtc, isoOrNull } from '../domain/time.js';
import { signoffJson } from './gate-report.js';

/** The release report, as data first: Markdown and JSON are two renderings of it. */
export const reportSchema = z.object({
  release: z.string(),
  title: z.string(),
  generatedAt: z.string(),
  components: z.array(
    z.object({
      name: z.string(),
      version: z.nullable(z.string()),
      released: z.boolean(),
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
  const version = parseVersion(release);
  const gaTag = version ? fillTemplate(config.naming.componentTag, version) : release;
  const targets = artifactTargets(config, release);
  const components = config.components.map((c) => {
    const tags = snapshot?.repos?.find((r) => r.repo === c.repo)?.tags ?? [];
    const released = tags.includes(gaTag);
    const candidate = tags.find((t) => t.startsWith(`${gaTag}-rc`));
    const reference = (kind: 'image' | 'chart') => {
      const target = targets.find((t) => t.component === c.name && t.kind === kind);
      return target ? artifactReference(target) : `${kind === 'image' ? c.image : c.chart}:${release}`;
    };
    // By reference: the registry's answers hold each open hotfix's patch image of a component too.
    const artifact = (kind: 'image' | 'chart') => snapshot?.artifacts?.find((a) => a.reference === reference(kind));
    const image = artifact('image');
    const chart = artifact('chart');
    return {
      name: c.name,
      version: released ? gaTag : (candidate ?? null),
      released,
      image: { reference: reference('image'), exists: image?.exists ?? null, digest: image?.digest ?? null },
      chart: { reference: reference('chart'), exists: chart?.exists ?? null },
    };
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
      tested: e.cells[0]?.state === 'passed',
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
  return {
    release,
    title: releaseTitle(release),
    generatedAt: iso(state.now),
    components,
    testedOn,
    gates,
    violations,
    sections: NOTES_SECTIONS,
  };
}

const cell = (text: string): string => oneLine(text).replace(/\|/g, '\\|');

/** The release notes skeleton in Markdown: the sections of the release contract, with the matrix filled in. */
export function reportMarkdown(report: Report): string {
  const out: string[] = [`# ${report.title} (${report.release})`, '', `_Generated ${report.generatedAt} by hyperfleet-tui._`, ''];
  for (const section of report.sections) {
    out.push(`## ${section}`, '');
    if (section === 'Compatibility Matrix') {
      out.push(`HyperFleet ${report.release} is:`, '', '| Component | Version | Image | Digest | Chart |', '|---|---|---|---|---|');
      for (const c of report.components) {
        const exists = (e: boolean | null) => (e === null ? 'not checked' : e ? 'published' : 'missing');
        out.push(
          `| ${cell(c.name)} | ${cell(c.version ?? 'not tagged')}${c.released ? '' : ' (not GA)'} | \`${cell(c.image.reference)}\` (${exists(c.image.exists)}) | ${cell(c.image.digest ?? '—')} | ${exists(c.chart.exists)} |`,
        );
      }
      const platforms = report.testedOn.filter((t) => t.tested && t.platform).map((t) => cell(t.platform!));
      out.push('', `Tested on: ${platforms.length > 0 ? platforms.join('; ') : 'no partner platform has passed yet'}.`);
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
      ? `${g.approval.state} approval by @${cell(g.approval.by)} at ${formatUtc(Date.parse(g.approval.at))}${g.approval.comment ? ` ("${cell(g.approval.comment)}")` : ''}`
      : 'not approved';
    out.push(`- **${cell(g.title)}**: ${g.verdict}${g.done ? ', done' : ''}; ${approval}`);
    if (g.signoffs.length > 1)
      for (const s of g.signoffs)
        out.push(
          `  - ${cell(s.title)}: ${s.by ? `${s.state}, signed by @${cell(s.by)} at ${formatUtc(Date.parse(s.at!))}` : `not signed (may sign: ${s.approvers.map((a) => `@${cell(a)}`).join(', ') || 'nobody configured'})`}`,
        );
  }
  for (const v of report.violations) out.push(`- **Process violation**: ${cell(v.text)}`);
  return `${out.join('\n')}\n`;
}
