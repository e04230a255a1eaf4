import * as z from 'zod/mini';
import { mdCell, mdLink, mdText } from '../domain/markdown.js';
import type { PhaseView, StepView } from '../domain/playbook.js';
import { oneLine } from '../domain/sanitize.js';
import { isoOrNull } from '../domain/time.js';
import { formatDatedInZone, formatInZone, formatWall, type ShownTimes } from '../domain/display-time.js';
import type { AppState } from '../store/app-store.js';
import { selectOpenHotfixes, selectReleasePhases } from '../store/selectors.js';
import { flatSteps } from '../store/view.js';
import { stepClaimOf } from '../store/team.js';
import { EXIT, UsageError } from '../errors.js';

/** `checklist --json`: the schema docs/checklist.schema.json is generated from (`npm run schema`). */
export const checklistSchema = z.object({
  for: z.object({ kind: z.enum(['release', 'hotfix']), key: z.string(), release: z.string() }),
  generatedAt: z.string(),
  done: z.number(),
  total: z.number(),
  /** Steps past their due time and not done, and checks (or gates) that fail: what makes the exit code 1. */
  overdue: z.array(z.string()),
  failing: z.array(z.string()),
  phases: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      done: z.number(),
      total: z.number(),
      steps: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          kind: z.string(),
          state: z.string(),
          /** The owner role's id and title. */
          owner: z.object({ role: z.string(), title: z.string() }),
          due: z.nullable(z.string()),
          timing: z.string(),
          /** Decided by live data rather than by a person. */
          auto: z.boolean(),
          undecided: z.boolean(),
          waitsFor: z.array(z.string()),
          doneBy: z.nullable(z.string()),
          doneAt: z.nullable(z.string()),
          via: z.nullable(z.string()),
          note: z.nullable(z.string()),
          /** Who is on it now (a lease renewed while their app runs): since when, until when, and a takeover's reason. */
          claim: z.nullable(
            z.object({
              by: z.string(),
              since: z.string(),
              until: z.string(),
              takenFrom: z.nullable(z.string()),
              reason: z.nullable(z.string()),
            }),
          ),
          reasons: z.array(z.string()),
          evidence: z.object({
            found: z.array(z.string()),
            layers: z.array(
              z.object({
                layer: z.string(),
                name: z.string(),
                verdict: z.string(),
                cells: z.array(
                  z.object({
                    component: z.nullable(z.string()),
                    state: z.string(),
                    commit: z.nullable(z.string()),
                    url: z.nullable(z.string()),
                    finishedAt: z.nullable(z.string()),
                  }),
                ),
              }),
            ),
            gate: z.nullable(
              z.object({
                verdict: z.string(),
                done: z.boolean(),
                approval: z.nullable(
                  z.object({
                    state: z.string(),
                    by: z.string(),
                    at: z.string(),
                    comment: z.nullable(z.string()),
                    why: z.nullable(z.string()),
                  }),
                ),
                waivers: z.array(
                  z.object({
                    layer: z.string(),
                    tracking: z.string(),
                    reason: z.string(),
                    mitigation: z.string(),
                    by: z.string(),
                    at: z.string(),
                  }),
                ),
              }),
            ),
          }),
        }),
      ),
    }),
  ),
});
export type Checklist = z.infer<typeof checklistSchema>;
type StepJson = Checklist['phases'][number]['steps'][number];

const iso = (ms: number): string => new Date(ms).toISOString();

function stepJson(view: StepView, state: AppState, hotfixKey: string | null): StepJson {
  const role = state.config.roles[view.step.owner];
  const approval = view.gate?.approval;
  const claim = stepClaimOf(state, view, hotfixKey);
  return {
    id: view.step.id,
    title: view.title,
    kind: view.step.kind,
    state: view.state,
    owner: { role: view.step.owner, title: role?.title ?? view.step.owner },
    due: isoOrNull(view.dueAt),
    timing: view.timing,
    auto: view.auto,
    undecided: view.undecided,
    waitsFor: [...view.waitsFor],
    doneBy: view.record?.by ?? null,
    doneAt: isoOrNull(view.record?.at),
    via: view.record?.via ?? null,
    note: view.record?.note ?? null,
    claim: claim
      ? {
          by: claim.by,
          since: iso(claim.since),
          until: iso(claim.until),
          takenFrom: claim.takenOver?.from ?? null,
          reason: claim.takenOver?.reason ?? null,
        }
      : null,
    reasons: [...view.reasons],
    evidence: {
      found: [...view.evidence],
      layers: view.layers.map((l) => ({
        layer: l.layer.id,
        name: l.layer.name,
        verdict: l.verdict,
        cells: l.cells.map((c) => ({
          component: c.component,
          state: c.state,
          commit: c.commit ?? null,
          url: c.url ?? null,
          finishedAt: isoOrNull(c.finishedAt),
        })),
      })),
      gate: view.gate
        ? {
            verdict: view.gate.verdict,
            done: view.gate.done,
            approval:
              !approval || approval.state === 'none'
                ? null
                : {
                    state: approval.state,
                    by: approval.approval.by,
                    at: iso(approval.approval.at),
                    comment: approval.approval.comment ?? null,
                    why: approval.state === 'invalid' ? approval.why : approval.state === 'stale' ? approval.changes.join('; ') : null,
                  },
            waivers: view.gate.layers.flatMap(({ waiver: w }) =>
              w ? [{ layer: w.layer, tracking: w.tracking, reason: w.reason, mitigation: w.mitigation, by: w.by, at: iso(w.at) }] : [],
            ),
          }
        : null,
    },
  };
}

/** The release's checklist, or the runbook of the open hotfix `forKey`. */
export function buildChecklist(state: AppState, forKey?: string): Checklist {
  let phases: PhaseView[];
  let subject: Checklist['for'];
  let hotfixKey: string | null = null;
  if (forKey) {
    const view = selectOpenHotfixes(state).find((h) => h.hotfix.key.toUpperCase() === forKey.trim().toUpperCase());
    if (!view) throw new UsageError(`no open hotfix ${forKey} in the journal; \`hotfix list\` shows the open ones`);
    phases = view.phases;
    hotfixKey = view.hotfix.key;
    subject = { kind: 'hotfix', key: view.hotfix.key, release: view.hotfix.affects };
  } else {
    phases = selectReleasePhases(state);
    subject = { kind: 'release', key: state.release, release: state.release };
  }
  const steps = flatSteps(phases);
  const failingKinds = new Set(['check', 'gate']);
  return {
    for: subject,
    generatedAt: iso(state.now),
    done: steps.filter((s) => s.state === 'done').length,
    total: steps.length,
    overdue: steps.filter((s) => s.state !== 'done' && s.timing === 'overdue').map((s) => s.step.id),
    failing: steps.filter((s) => s.state === 'failed' && failingKinds.has(s.step.kind)).map((s) => s.step.id),
    phases: phases.map((p) => ({
      id: p.id,
      title: p.title,
      done: p.done,
      total: p.total,
      steps: p.steps.map((s) => stepJson(s, state, hotfixKey)),
    })),
  };
}

/** 3 when no source answered, 1 when a step is overdue or a check fails, else 0. */
export function checklistExitCode(state: AppState, checklist: Checklist): number {
  const sources = state.snapshot?.sources ?? [];
  if (state.sourceNames.length === 0 || sources.length === 0 || sources.every((s) => !s.ok)) return EXIT.backendUnreachable;
  return checklist.overdue.length > 0 || checklist.failing.length > 0 ? EXIT.checkFailed : EXIT.ok;
}

const MARK: Record<string, string> = { done: '✓', failed: '✗', waiting: '…', blocked: '·', ready: '○' };

/** Who did it and when; for a step not done, who is on it. */
function who(step: StepJson, at: (ms: number) => string): string {
  if (step.doneBy) return `@${step.doneBy} ${at(Date.parse(step.doneAt!))}`;
  return step.claim ? `@${step.claim.by} is on it (since ${at(Date.parse(step.claim.since))})` : '';
}

/** Markdown: a table per phase, then each step's note and evidence below it. */
export function checklistMarkdown(checklist: Checklist, times: ShownTimes): string {
  const dated = (ms: number) => formatDatedInZone(ms, times.zone);
  const lines = [`# Checklist: ${mdText(checklist.for.key)} (${checklist.done}/${checklist.total} done)`, ''];
  for (const phase of checklist.phases) {
    lines.push(`## ${mdText(phase.title)} (${phase.done}/${phase.total})`, '');
    lines.push(`| | Step | Kind | State | Owner | Due (${times.zone}) | Done by | Note |`, '|---|---|---|---|---|---|---|---|');
    for (const s of phase.steps) {
      const due = s.due
        ? `${formatWall(Date.parse(s.due), times.zone)}${s.timing === 'overdue' && s.state !== 'done' ? ' (overdue)' : ''}`
        : '';
      lines.push(
        `| ${MARK[s.state] ?? ''} | ${mdCell(s.title)} (\`${mdText(s.id)}\`) | ${s.kind} | ${s.state} | ${mdCell(s.owner.title)} | ${mdCell(due)} | ${mdCell(who(s, dated))} | ${mdCell(s.note ?? '')} |`,
      );
    }
    const evidence = phase.steps.filter((s) => s.evidence.layers.length > 0 || s.evidence.found.length > 0 || s.evidence.gate);
    for (const s of evidence) {
      lines.push('', `**${mdText(s.title)}**`, '');
      for (const found of s.evidence.found) lines.push(`- found: ${mdText(found)}`);
      for (const l of s.evidence.layers) {
        const cells = l.cells.map((c) => `${mdText(c.component ?? 'release-wide')} ${c.state}${c.url ? ` ${mdLink('run', c.url)}` : ''}`);
        lines.push(`- ${mdText(l.name)}: ${l.verdict}${cells.length ? ` — ${cells.join(', ')}` : ''}`);
      }
      const gate = s.evidence.gate;
      if (gate) {
        const approval = gate.approval
          ? `${gate.approval.state} by @${mdText(gate.approval.by)} ${dated(Date.parse(gate.approval.at))}`
          : 'not approved';
        lines.push(`- gate: ${gate.verdict}; approval: ${approval}`);
        for (const w of gate.waivers)
          lines.push(`- waived ${mdText(w.layer)} (${mdText(w.tracking)}) by @${mdText(w.by)}: ${mdText(w.reason)}`);
      }
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/** Plain text for a terminal: one line per step, by phase. */
export function checklistText(checklist: Checklist, times: ShownTimes): string {
  const shown = (ms: number) => formatInZone(ms, times.zone, times.now);
  const lines = [`Checklist: ${oneLine(checklist.for.key)} — ${checklist.done}/${checklist.total} done`];
  for (const phase of checklist.phases) {
    lines.push('', `${oneLine(phase.title)} (${phase.done}/${phase.total})`);
    for (const s of phase.steps) {
      const due = s.due && s.state !== 'done' ? ` due ${shown(Date.parse(s.due))}${s.timing === 'overdue' ? ' (overdue)' : ''}` : '';
      const note = s.note ? ` — ${oneLine(s.note)}` : '';
      lines.push(
        `  ${MARK[s.state] ?? ' '} ${oneLine(s.title)} [${s.id}, ${s.kind}, ${oneLine(s.owner.title)}] ${s.state}${due}${who(s, shown) ? ` ${oneLine(who(s, shown))}` : ''}${note}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
