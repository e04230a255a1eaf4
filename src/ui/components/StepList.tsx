import { Box, Text } from 'ink';
import React from 'react';
import type { StepView } from '../../domain/playbook.js';
import { formatRelative } from '../../domain/time.js';
import { fit } from '../text/fit.js';
import { STEP_LOOK, TIMING_LOOK, useTone } from '../theme.js';
import { visibleWindow } from './window.js';

export interface StepGroup {
  readonly key: string;
  /** The group's heading, e.g. a phase title or a hotfix key. */
  readonly title: string;
  /** Shown at the right of the heading, e.g. a progress bar or a clock, `asideWidth` columns wide. */
  readonly aside?: React.ReactNode;
  readonly asideWidth?: number;
  readonly steps: readonly StepView[];
}

type Row = { kind: 'heading'; group: StepGroup } | { kind: 'step'; view: StepView; index: number };

/** When a step is due, or what it is waiting on, in a few words. */
function stepNote(view: StepView, now: number): string {
  if (view.state === 'done') {
    if (view.record) return `${view.record.by} ${formatRelative(view.record.at, now)}`;
    return view.auto ? 'passed on live status' : 'accepted earlier';
  }
  if (view.dueAt !== undefined)
    return view.timing === 'overdue'
      ? `overdue ${formatRelative(view.dueAt, now).replace(' ago', '')}`
      : `due ${formatRelative(view.dueAt, now)}`;
  return '';
}

/** Phases (or hotfixes) with their steps; the cursor counts steps only, headings scroll along. */
export function StepList({
  groups,
  cursor,
  width,
  height,
  now,
}: {
  groups: readonly StepGroup[];
  cursor: number;
  width: number;
  height: number;
  now: number;
}) {
  const tone = useTone();
  const rows: Row[] = [];
  let index = 0;
  for (const group of groups) {
    rows.push({ kind: 'heading', group });
    for (const view of group.steps) rows.push({ kind: 'step', view, index: index++ });
  }
  const cursorRow = rows.findIndex((r) => r.kind === 'step' && r.index === cursor);
  const { start, end } = visibleWindow(rows.length, Math.max(0, cursorRow), height);
  const noteWidth = Math.min(24, Math.max(0, Math.floor(width / 3.5)));
  return (
    <Box flexDirection="column" height={height}>
      {rows.slice(start, end).map((row) => {
        if (row.kind === 'heading') {
          return (
            <Box key={`h-${row.group.key}`} justifyContent="space-between" width={width}>
              <Text bold>{fit(row.group.title, Math.max(0, width - (row.group.asideWidth ?? 0) - 1))}</Text>
              {row.group.aside}
            </Box>
          );
        }
        const { view } = row;
        const look = STEP_LOOK[view.state];
        const timing = TIMING_LOOK[view.timing];
        const selected = row.index === cursor;
        const kind = view.step.kind === 'task' ? '' : ` [${view.step.kind}]`;
        const titleWidth = Math.max(0, width - 6 - noteWidth - 1);
        const title = fit(`${view.title}${kind}`, titleWidth);
        return (
          <Text key={`s-${view.step.id}`} inverse={selected} wrap="truncate">
            {'  '}
            <Text color={selected ? undefined : tone(look.tone)}>{look.glyph}</Text>
            <Text color={selected ? undefined : tone(timing?.tone)}>{timing ? timing.glyph : ' '}</Text> {title}{' '}
            <Text color={selected ? undefined : tone(timing?.tone ?? 'muted')}>{fit(stepNote(view, now), noteWidth, 'right')}</Text>
          </Text>
        );
      })}
      {rows.length === 0 && <Text color={tone('muted')}>Nothing here.</Text>}
    </Box>
  );
}
