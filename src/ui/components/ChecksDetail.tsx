import { Box, Text } from 'ink';
import React from 'react';
import type { LayerEvaluation } from '../../domain/layers.js';
import { oneLine } from '../../domain/sanitize.js';
import { formatSpan } from '../../domain/time.js';
import { fit } from '../text/fit.js';
import { CELL_LOOK, useHyperlinks, useTone, VERDICT_LOOK } from '../theme.js';
import { Link } from './Link.js';

/** Enter on a layer: every cell with its commit and run link, and the raw checks behind it. */
export function ChecksDetail({
  evaluation,
  now,
  width,
  height,
}: {
  evaluation: LayerEvaluation;
  now: number;
  width: number;
  height: number;
}) {
  const tone = useTone();
  const hyperlinks = useHyperlinks();
  const verdict = VERDICT_LOOK[evaluation.verdict];
  const lines: React.ReactNode[] = [];
  for (const cell of evaluation.cells) {
    const look = CELL_LOOK[cell.state];
    const age = cell.finishedAt !== undefined ? ` · ${formatSpan(now - cell.finishedAt)} ago` : '';
    lines.push(
      <Text key={`c-${cell.component ?? 'release'}`} wrap="truncate">
        <Text color={tone(look.tone)}>{look.glyph}</Text> <Text bold>{oneLine(cell.component ?? 'release-wide')}</Text> {look.word}
        {age}
        {cell.commit ? ` · ${cell.commit.slice(0, 7)}` : ''}
        {cell.detail ? <Text color={tone('muted')}> — {oneLine(cell.detail)}</Text> : null}
      </Text>,
    );
    for (const check of cell.checks ?? []) {
      const checkLook = CELL_LOOK[check.state];
      const when = check.finishedAt !== undefined ? formatSpan(now - check.finishedAt) : '';
      lines.push(
        <Text key={`k-${cell.component}-${check.name}`} wrap="truncate">
          {'    '}
          <Text color={tone(checkLook.tone)}>{checkLook.glyph}</Text> {fit(oneLine(check.name), Math.max(10, width - 30))}{' '}
          {fit(when, 7, 'right')} {check.url && hyperlinks ? <Link url={check.url} label="open run" /> : null}
        </Text>,
      );
      // A plain URL gets a line of its own, wrapped rather than cut, so it can be copied whole.
      if (check.url && !hyperlinks) {
        lines.push(
          <Box key={`u-${cell.component}-${check.name}`} paddingLeft={6}>
            <Text wrap="wrap">
              <Link url={check.url} label="open run" />
            </Text>
          </Box>,
        );
      }
    }
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {oneLine(evaluation.layer.name)} · <Text color={tone(verdict.tone)}>{verdict.word}</Text> · {evaluation.layer.gate} · owner{' '}
        {oneLine(evaluation.layer.owner)} · <Text color={tone('muted')}>Esc or Enter closes</Text>
      </Text>
      {lines.slice(0, Math.max(0, height - 1))}
      {lines.length > height - 1 && <Text color={tone('muted')}>… {lines.length - height + 1} more lines</Text>}
    </Box>
  );
}
