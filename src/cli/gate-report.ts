import { signoffText, type RoleSignoff } from '../domain/gate.js';
import { staleCells } from '../domain/layers.js';
import type { StepView } from '../domain/playbook.js';
import { oneLine, safeJson } from '../domain/sanitize.js';
import { formatSpan, isoOrNull } from '../domain/time.js';
import type { AppState } from '../store/app-store.js';
import { selectOpenHotfixes, selectReleasePhases } from '../store/selectors.js';
import { EXIT } from '../errors.js';

/** The release's gate steps; `stepId` picks one, else the last (the release gate before GA). */
export function gateSteps(state: AppState, stepId?: string, hotfixKey?: string): StepView[] {
  const phases = hotfixKey
    ? (selectOpenHotfixes(state).find((h) => h.hotfix.key === hotfixKey.toUpperCase())?.phases ?? [])
    : selectReleasePhases(state);
  const gates = phases.flatMap((p) => p.steps).filter((v) => v.step.kind === 'gate');
  if (stepId) return gates.filter((v) => v.step.id === stepId);
  const last = gates.at(-1);
  return last ? [last] : [];
}

/**
 * 0 when the gate's layers pass or are waived, 1 when not, 3 when no source could be reached. A
 * gate of signatures alone (no layers: the final sign-off) passes only once every role signed:
 * "no layer failed" is not a sign-off.
 */
export function gateExitCode(state: AppState, view: StepView): number {
  const sources = state.snapshot?.sources ?? [];
  if (view.gate && view.gate.layers.length === 0) return view.gate.done ? EXIT.ok : EXIT.checkFailed;
  if (sources.length > 0 && sources.every((s) => !s.ok)) return EXIT.backendUnreachable;
  return view.gate && (view.gate.verdict === 'pass' || view.gate.verdict === 'waived') ? EXIT.ok : EXIT.checkFailed;
}

/** The gate's headline verdict: its layers', or for a gate of signatures alone, whether it is signed. */
function headline(view: StepView): string {
  const gate = view.gate!;
  if (gate.layers.length === 0) return gate.done ? 'SIGNED' : 'NOT SIGNED YET';
  return `${gate.verdict.toUpperCase()}${gate.done ? ', approved' : ''}`;
}

export function gateText(state: AppState, view: StepView): string {
  const gate = view.gate!;
  const out = [`${view.title} (${view.step.id}) — ${headline(view)}`];
  for (const layer of gate.layers) {
    const line = `  ${layer.verdict.padEnd(8)} ${oneLine(layer.evaluation.layer.name)} (${layer.evaluation.layer.gate})`;
    out.push(
      layer.waiver
        ? `${line} — waived by @${oneLine(layer.waiver.by)}: ${oneLine(layer.waiver.tracking)}, ${oneLine(layer.waiver.reason)}; mitigation: ${oneLine(layer.waiver.mitigation)}`
        : line,
    );
    // Cells the latest answer left out: the verdict saw their last good data, or none.
    for (const cell of staleCells(layer.evaluation)) {
      const shown = cell.state === 'unknown' ? 'no data yet' : `${cell.state}, as answered ${formatSpan(state.now - cell.fetchedAt)} ago`;
      out.push(`           stale: ${oneLine(cell.component ?? 'release')} (${shown}) — ${oneLine(cell.stale)}`);
    }
  }
  for (const reason of gate.reasons) out.push(`  why: ${oneLine(reason)}`);
  const approval = gate.approval;
  if (gate.signoffs.length > 1) {
    for (const s of gate.signoffs) out.push(`  sign-off: ${signoffText(s, state.now, oneLine)}`);
    const missing = gate.signoffs.filter((s) => s.approval.state !== 'valid').map((s) => s.title);
    out.push(missing.length ? `  still to sign: ${missing.join(', ')}` : '  every role has signed');
  } else if (approval.state === 'none') out.push('  approval: none yet');
  else {
    const who = `@${oneLine(approval.approval.by)} ${formatSpan(state.now - approval.approval.at)} ago`;
    const detail =
      approval.state === 'stale'
        ? ` — stale: ${approval.changes.map(oneLine).join('; ')}`
        : approval.state === 'invalid'
          ? ` — does not count: ${oneLine(approval.why)}`
          : '';
    out.push(
      `  approval: ${approval.state} by ${who}${approval.approval.comment ? ` ("${oneLine(approval.approval.comment)}")` : ''}${detail}`,
    );
  }
  for (const rejected of gate.rejected) out.push(`  rejected: ${oneLine(rejected)}`);
  return `${out.join('\n')}\n`;
}

export function gateJson(view: StepView): string {
  const gate = view.gate!;
  const approval =
    gate.approval.state === 'none'
      ? null
      : {
          state: gate.approval.state,
          by: gate.approval.approval.by,
          at: isoOrNull(gate.approval.approval.at),
          comment: gate.approval.approval.comment ?? null,
          evidence: gate.approval.approval.evidence.map((e) => ({ ...e, finishedAt: isoOrNull(e.finishedAt) })),
          ...(gate.approval.state === 'stale' ? { changes: gate.approval.changes } : {}),
          ...(gate.approval.state === 'invalid' ? { why: gate.approval.why } : {}),
        };
  const body = {
    step: view.step.id,
    title: view.title,
    verdict: gate.verdict,
    done: gate.done,
    reasons: gate.reasons,
    layers: gate.layers.map((l) => ({
      id: l.evaluation.layer.id,
      gate: l.evaluation.layer.gate,
      verdict: l.verdict,
      reasons: l.evaluation.reasons,
      stale: staleCells(l.evaluation).map((c) => ({
        component: c.component,
        state: c.state,
        fetchedAt: c.state === 'unknown' ? null : isoOrNull(c.fetchedAt),
        reason: c.stale,
      })),
      waiver: l.waiver ? { ...l.waiver, at: isoOrNull(l.waiver.at) } : null,
    })),
    approval,
    signoffs: gate.signoffs.map(signoffJson),
    rejected: gate.rejected,
  };
  return `${safeJson(body)}\n`;
}

/** One role's sign-off in `gate --json` and `report --format json`: who signed, when, or who may. */
export function signoffJson(s: RoleSignoff) {
  const a = s.approval;
  return {
    role: s.role,
    title: s.title,
    state: a.state,
    by: a.state === 'none' ? null : a.approval.by,
    at: a.state === 'none' ? null : isoOrNull(a.approval.at),
    approvers: [...s.approvers],
  };
}
