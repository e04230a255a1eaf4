import { Box, Text } from 'ink';
import type { Role } from '../../domain/config.js';
import type { StepView } from '../../domain/playbook.js';
import { oneLine } from '../../domain/sanitize.js';
import { formatRelative, formatUtc } from '../../domain/time.js';
import { STEP_LOOK, TIMING_LOOK, useTone } from '../theme.js';

/** What the selected step is, who owns it, why it is in its state, and what to do. */
export function StepDetail({
  view,
  roles,
  now,
  height,
}: {
  view: StepView | undefined;
  roles: Readonly<Record<string, Role>>;
  now: number;
  height: number;
}) {
  const tone = useTone();
  if (!view) return <Box height={height} />;
  const look = STEP_LOOK[view.state];
  const timing = TIMING_LOOK[view.timing];
  const owner = roles[view.step.owner]?.title ?? view.step.owner;
  const lines: Array<{ text: string; tone?: Parameters<typeof tone>[0] }> = [];
  const state = `${look.glyph} ${look.word}${view.auto ? ' (from live status)' : ''}${timing ? ` · ${timing.word}` : ''}`;
  const due = view.dueAt !== undefined ? ` · due ${formatUtc(view.dueAt)} (${formatRelative(view.dueAt, now)})` : '';
  lines.push({ text: `${state} · ${view.step.kind} · owner: ${owner}${due}`, tone: look.tone });
  if (view.record) {
    const how = { manual: 'done by', approval: 'approved by', notice: 'sent by' }[view.record.via];
    lines.push({
      text: `${how} @${oneLine(view.record.by)} ${formatRelative(view.record.at, now)}${view.record.note ? ` — ${oneLine(view.record.note)}` : ''}`,
    });
  }
  if (view.gate) {
    const { approval } = view.gate;
    const approvalText =
      approval.state === 'none'
        ? 'not approved yet (a)'
        : `${approval.state} approval by @${oneLine(approval.approval.by)} ${formatRelative(approval.approval.at, now)}`;
    lines.push({ text: `gate ${view.gate.verdict} · ${approvalText}`, tone: view.gate.done ? 'good' : 'warn' });
    for (const layer of view.gate.layers) {
      if (layer.waiver)
        lines.push({
          text: `waived ${layer.evaluation.layer.name}: ${oneLine(layer.waiver.tracking)} — ${oneLine(layer.waiver.reason)} (by @${oneLine(layer.waiver.by)})`,
          tone: 'warn',
        });
    }
  }
  for (const reason of view.reasons) lines.push({ text: `• ${oneLine(reason)}`, tone: view.state === 'failed' ? 'bad' : 'warn' });
  if (view.help) lines.push({ text: view.help, tone: 'muted' });
  return (
    <Box flexDirection="column" height={height} borderStyle="single" borderBottom={false} borderLeft={false} borderRight={false}>
      <Text bold wrap="truncate">
        {view.title}
      </Text>
      {lines.slice(0, Math.max(0, height - 2)).map((line, i) => (
        <Text key={i} color={tone(line.tone)} wrap="truncate">
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
