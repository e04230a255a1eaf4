import type { Role } from '../../domain/config.js';
import { signoffText } from '../../domain/gate.js';
import type { StepView } from '../../domain/playbook.js';
import { oneLine } from '../../domain/sanitize.js';
import { formatAgo, formatRelative, formatSpan } from '../../domain/time.js';
import { formatInZone, type DisplayZone } from '../../domain/display-time.js';
import type { Tone } from '../theme.js';
import { STEP_LOOK, TIMING_LOOK } from '../../present/looks.js';

export interface DetailLine {
  readonly text: string;
  readonly tone?: Tone;
}

/**
 * Everything known about a step, one line each: state, owner and deadline; who did it; the gate's
 * approval and waivers; why it is in its state; its layers' evidence (`full`); and its help. The
 * detail pane shows the first lines; Enter shows them all.
 */
export function stepDetailLines(
  view: StepView,
  roles: Readonly<Record<string, Role>>,
  now: number,
  /** The zone the deadline is shown in. */
  zone: DisplayZone,
  full = false,
  /** What the screen knows of this step beyond the step itself (the code-freeze gate's exceptions): right under its state. */
  extra: readonly DetailLine[] = [],
): DetailLine[] {
  const look = STEP_LOOK[view.state];
  const timing = TIMING_LOOK[view.timing];
  const owner = roles[view.step.owner]?.title ?? view.step.owner;
  const lines: DetailLine[] = [];
  const state = `${look.glyph} ${look.word}${view.auto ? ' (from live status)' : ''}${timing ? ` · ${timing.word}` : ''}`;
  const due = view.dueAt !== undefined ? ` · due ${formatInZone(view.dueAt, zone, now)} (${formatRelative(view.dueAt, now)})` : '';
  lines.push({ text: `${state} · ${view.step.kind} · owner: ${owner}${due}`, tone: look.tone }, ...extra);
  if (view.record) {
    const how = { manual: 'done by', approval: 'approved by', notice: 'sent by' }[view.record.via];
    const note = view.record.note ? ` — ${oneLine(view.record.note)}` : '';
    lines.push({ text: `${how} @${oneLine(view.record.by)} ${formatAgo(view.record.at, now)}${note}` });
  }
  if (view.gate) {
    const { approval } = view.gate;
    const approvalText =
      approval.state === 'none'
        ? 'not approved yet (a)'
        : `${approval.state} approval by @${oneLine(approval.approval.by)} ${formatAgo(approval.approval.at, now)}`;
    const { signoffs } = view.gate;
    if (signoffs.length > 1) {
      const signed = signoffs.filter((s) => s.approval.state === 'valid').length;
      lines.push({ text: `gate ${view.gate.verdict} · signed ${signed}/${signoffs.length} roles`, tone: view.gate.done ? 'good' : 'warn' });
      for (const s of signoffs)
        lines.push({
          text: `${s.approval.state === 'valid' ? '✓' : '○'} ${signoffText(s, now, oneLine)}`,
          tone: s.approval.state === 'valid' ? 'good' : 'warn',
        });
    } else lines.push({ text: `gate ${view.gate.verdict} · ${approvalText}`, tone: view.gate.done ? 'good' : 'warn' });
    for (const layer of view.gate.layers) {
      if (layer.waiver)
        lines.push({
          text: `waived ${layer.evaluation.layer.name}: ${oneLine(layer.waiver.tracking)} — ${oneLine(layer.waiver.reason)} (by @${oneLine(layer.waiver.by)})`,
          tone: 'warn',
        });
    }
  }
  for (const reason of view.reasons) lines.push({ text: `• ${oneLine(reason)}`, tone: view.state === 'failed' ? 'bad' : 'warn' });
  if (full) {
    for (const found of view.evidence) lines.push({ text: `✓ ${oneLine(found)}` });
    for (const layer of view.layers) {
      lines.push({ text: `${layer.layer.name} (${layer.layer.gate}): ${layer.verdict}` });
      for (const cell of layer.cells) {
        const age = cell.finishedAt !== undefined ? `, ${formatSpan(now - cell.finishedAt)} old` : '';
        const commit = cell.commit ? ` @ ${cell.commit.slice(0, 7)}` : '';
        lines.push({
          text: `  ${oneLine(cell.component ?? 'release')}: ${cell.state}${age}${commit}${cell.url ? `  ${oneLine(cell.url)}` : ''}`,
        });
      }
    }
  }
  if (view.help) lines.push({ text: view.help, tone: 'muted' });
  return lines;
}
