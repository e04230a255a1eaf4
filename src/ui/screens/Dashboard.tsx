import { Box, Text } from 'ink';
import React from 'react';
import { currentPhase, nextSteps } from '../../domain/playbook.js';
import { oneLine } from '../../domain/sanitize.js';
import { formatRelative } from '../../domain/time.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { fit } from '../text/fit.js';
import { useAppState } from '../hooks/store-context.js';
import { useLayerEvaluations, useMinute, useNotices, useOpenHotfixes, useReleasePhases } from '../hooks/use-views.js';
import { STEP_LOOK, TIMING_LOOK, useTone, VERDICT_LOOK } from '../theme.js';

const LABEL = 11;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Text wrap="truncate">
      <Text bold>{fit(label, LABEL)}</Text> {children}
    </Text>
  );
}

/** One screen that answers "how complete is this release, and what needs me now?" */
export function Dashboard({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const release = useAppState((s) => s.release);
  const warnings = useAppState((s) => s.journalWarnings);
  const ignored = useAppState((s) => s.releaseState.ignored);
  const phases = useReleasePhases();
  const layers = useLayerEvaluations();
  const hotfixes = useOpenHotfixes();
  const notices = useNotices();
  const now = useMinute();

  const done = phases.reduce((n, p) => n + p.done, 0);
  const total = phases.reduce((n, p) => n + p.total, 0);
  const phase = currentPhase(phases);
  const upNext = nextSteps(phases).slice(0, Math.max(1, Math.min(5, height - 12)));
  const count = (verdict: keyof typeof VERDICT_LOOK) => layers.filter((l) => l.verdict === verdict);
  const failing = count('fail');
  const pendingNotices = notices.filter((n) => n.view.state !== 'done');
  const sent = notices.length - pendingNotices.length;
  const nextNotice = pendingNotices[0];

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Row label="Release">
        {release} · {phase ? `now: ${phase.title}` : 'no steps'} <ProgressBar done={done} total={total} width={Math.min(30, Math.max(10, width - 50))} />
      </Row>
      <Text> </Text>
      <Text bold>Next up</Text>
      {upNext.length === 0 && <Text color={tone('good')}>  Nothing waiting: every step is done or blocked on another.</Text>}
      {upNext.map((view) => {
        const look = STEP_LOOK[view.state];
        const timing = TIMING_LOOK[view.timing];
        const when = view.dueAt !== undefined ? ` · ${timing?.word ?? 'due'} ${formatRelative(view.dueAt, now)}` : '';
        const why = view.reasons[0] ? ` — ${oneLine(view.reasons[0])}` : '';
        return (
          <Text key={view.step.id} wrap="truncate">
            {'  '}
            <Text color={tone(look.tone)}>{look.glyph}</Text> {view.title}
            <Text color={tone(timing?.tone ?? 'muted')}>{when}</Text>
            <Text color={tone('muted')}>{why}</Text>
          </Text>
        );
      })}
      <Text> </Text>
      <Row label="Tests">
        <Text color={tone('good')}>✓ {count('pass').length} pass</Text>
        {'  '}
        <Text color={tone(failing.length ? 'bad' : 'muted')}>
          ✗ {failing.length} fail{failing.length ? ` (${failing.map((l) => oneLine(l.layer.name)).join(', ')})` : ''}
        </Text>
        {'  '}
        <Text color={tone('warn')}>… {count('pending').length} pending</Text>
        {'  '}
        <Text color={tone('muted')}>~ {count('advisory').length} advisory</Text>
      </Row>
      <Row label="Hotfixes">
        {hotfixes.length === 0
          ? 'none open'
          : hotfixes
              .map(({ hotfix, phases: steps }) => {
                const next = nextSteps(steps)[0];
                return `${oneLine(hotfix.key)} ${hotfix.severity}${next ? ` · next: ${next.title}` : ''}`;
              })
              .join('  │  ')}
      </Row>
      <Row label="Notices">
        {sent} sent · {pendingNotices.length} to send
        {nextNotice ? ` · next: ${nextNotice.view.title}${nextNotice.view.dueAt !== undefined ? ` (due ${formatRelative(nextNotice.view.dueAt, now)})` : ''}` : ''}
      </Row>
      {(warnings.length > 0 || ignored.length > 0) && (
        <Row label="Journal">
          <Text color={tone('warn')}>
            ⚠ {warnings.length + ignored.length} line(s) could not be used — see the Log screen (6)
          </Text>
        </Row>
      )}
    </Box>
  );
}
