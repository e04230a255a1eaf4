import { Box, Text } from 'ink';
import React from 'react';
import { hotfixClock } from '../../domain/hotfix.js';
import { oneLine } from '../../domain/sanitize.js';
import { formatSpan } from '../../domain/time.js';
import { StepDetail } from '../components/StepDetail.js';
import { StepList } from '../components/StepList.js';
import { useAppState } from '../hooks/store-context.js';
import { useMinute, useOpenHotfixes, type HotfixView } from '../hooks/use-views.js';
import { CLOCK_TONE, useTone } from '../theme.js';
import { DETAIL_HEIGHT } from './Checklist.js';

function Clock({ view }: { view: HotfixView }) {
  const tone = useTone();
  const config = useAppState((s) => s.config);
  const now = useAppState((s) => s.now);
  const clock = hotfixClock(view.hotfix, config, now);
  const text = clock.remainingMs >= 0 ? `${formatSpan(clock.remainingMs)} left` : `overdue by ${formatSpan(-clock.remainingMs)}`;
  return <Text color={tone(CLOCK_TONE[clock.level])}>{text}</Text>;
}

/** Open hotfixes, most urgent first; each with its runbook steps. */
export function Hotfix({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const hotfixes = useOpenHotfixes();
  const cursor = useAppState((s) => s.cursor.hotfix);
  const roles = useAppState((s) => s.config.roles);
  const now = useMinute();
  if (hotfixes.length === 0) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Text>No open hotfixes.</Text>
        <Text color={tone('muted')}>A hotfix is a patch to existing function, never a new feature.</Text>
      </Box>
    );
  }
  const groups = hotfixes.map((view) => ({
    key: view.hotfix.key,
    title: oneLine(`${view.hotfix.key} · ${view.hotfix.severity} · ${view.hotfix.component} ${view.hotfix.affects} · ${view.hotfix.summary}`),
    aside: <Clock view={view} />,
    steps: view.phases.flatMap((p) => p.steps),
  }));
  const detailHeight = Math.min(DETAIL_HEIGHT, Math.max(0, height - 4));
  const selected = groups.flatMap((g) => g.steps)[cursor];
  return (
    <Box flexDirection="column" width={width} height={height}>
      <StepList groups={groups} cursor={cursor} width={width} height={height - detailHeight} now={now} />
      <StepDetail view={selected} roles={roles} now={now} height={detailHeight} />
    </Box>
  );
}
