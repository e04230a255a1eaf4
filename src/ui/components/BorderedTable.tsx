import { Text } from 'ink';
import { Table as InkTable, type CellProps } from 'ink-table';
import type React from 'react';
import { CELL_LOOK, useTone, type Tone } from '../theme.js';
import { fit } from '../text/fit.js';
import { fitBorderedTable } from '../text/fit-table.js';

/**
 * ink-table pads each cell to its column's width counted in UTF-16 units: drawn at exactly that
 * many terminal columns, a wide character can neither push a border out nor pull it in.
 */
const exactly = (children: React.ReactNode): string => {
  const text = String(children ?? '');
  return fit(text, text.length);
};

/** A cell that starts with a state's glyph (✓ passed, ✗ failed) takes that state's tone; the glyph says it without colour. */
const GLYPH_TONES = new Map<string, Tone>(
  Object.values(CELL_LOOK)
    .map((look) => [look.glyph, look.tone] as const)
    .reverse(),
);

function Cell({ children }: CellProps) {
  const tone = useTone();
  const text = exactly(children);
  return <Text color={tone(GLYPH_TONES.get(text.trimStart().charAt(0)))}>{text}</Text>;
}

function Header({ children }: { children?: React.ReactNode }) {
  return <Text bold>{exactly(children)}</Text>;
}

function Skeleton({ children }: { children?: React.ReactNode }) {
  const tone = useTone();
  return <Text color={tone('muted')}>{children}</Text>;
}

/** A table with borders, drawn by ink-table, cut to `width`; the texts must be stripped of control sequences already. */
export function BorderedTable({
  headers,
  rows,
  width,
}: {
  headers: readonly string[];
  rows: ReadonlyArray<readonly string[]>;
  width: number;
}) {
  const fitted = fitBorderedTable(headers, rows, width);
  const data = fitted.rows.map((row) => Object.fromEntries(fitted.headers.map((header, i) => [header, row[i]!])));
  return <InkTable data={data} columns={fitted.headers} cell={Cell} header={Header} skeleton={Skeleton} />;
}
