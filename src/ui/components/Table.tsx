import { Box, Text } from 'ink';
import { fit } from '../text/fit.js';
import { useTone, type Tone } from '../theme.js';

/**
 * A small table of our own, for lists: a selected row, cells that span columns and tones per
 * cell, which ink-table (BorderedTable, the matrix) does not do.
 */
export interface Column {
  readonly header: string;
  /** Fixed width in columns; otherwise the column shares what is left by `flex` weight. */
  readonly width?: number;
  readonly flex?: number;
  readonly align?: 'left' | 'right';
}

/** A cell's text; `span` lets one cell run across that many columns (a release-wide result under every component). */
export type Cell = string | { readonly text: string; readonly tone?: Tone; readonly bold?: boolean; readonly span?: number };

export interface TableProps {
  readonly columns: readonly Column[];
  readonly rows: ReadonlyArray<readonly Cell[]>;
  readonly width: number;
  /** Row index drawn inverted, or -1. */
  readonly selected?: number;
  readonly gap?: number;
  readonly header?: boolean;
}

/** Fixed columns first; flexible ones share the rest; everything shrinks to fit `width`. */
export function columnWidths(columns: readonly Column[], width: number, gap: number): number[] {
  const available = Math.max(0, width - gap * (columns.length - 1));
  const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
  const flexTotal = columns.reduce((sum, c) => sum + (c.width === undefined ? (c.flex ?? 1) : 0), 0);
  if (fixed >= available || flexTotal === 0) {
    const scale = fixed > 0 ? Math.min(1, available / fixed) : 0;
    return columns.map((c) => (c.width === undefined ? 0 : Math.floor(c.width * scale)));
  }
  const spare = available - fixed;
  let given = 0;
  const flexible = columns.filter((c) => c.width === undefined);
  return columns.map((c) => {
    if (c.width !== undefined) return c.width;
    const isLast = c === flexible[flexible.length - 1];
    const share = isLast ? spare - given : Math.floor((spare * (c.flex ?? 1)) / flexTotal);
    given += share;
    return share;
  });
}

const cellText = (cell: Cell): string => (typeof cell === 'string' ? cell : cell.text);

/** Each cell with the column it starts at and how many it spans; cells after a span move right. */
function placeCells(cells: readonly Cell[], count: number): Array<{ cell: Cell; column: number; span: number }> {
  const placed: Array<{ cell: Cell; column: number; span: number }> = [];
  let column = 0;
  for (let i = 0; column < count; i += 1) {
    const cell = cells[i] ?? '';
    const span = Math.max(1, Math.min(count - column, typeof cell === 'string' ? 1 : (cell.span ?? 1)));
    placed.push({ cell, column, span });
    column += span;
  }
  return placed;
}

export function Table({ columns, rows, width, selected = -1, gap = 1, header = true }: TableProps) {
  const tone = useTone();
  const widths = columnWidths(columns, width, gap);
  const spacer = ' '.repeat(gap);
  const line = (cells: readonly Cell[], key: string, isSelected: boolean, isHeader: boolean) => (
    <Text key={key} inverse={isSelected} bold={isHeader} wrap="truncate">
      {placeCells(cells, columns.length).map(({ cell, column, span }) => {
        // A spanning cell takes its columns' widths and the gaps between them.
        const spanned = widths.slice(column, column + span);
        const w = spanned.reduce((sum, n) => sum + n, 0) + gap * spanned.filter((n) => n > 0).slice(1).length;
        const styled = typeof cell === 'string' ? undefined : cell;
        return (
          <Text key={column} color={isSelected ? undefined : tone(styled?.tone)} bold={styled?.bold}>
            {(column > 0 && w > 0 ? spacer : '') + fit(cellText(cell), w, columns[column]!.align)}
          </Text>
        );
      })}
    </Text>
  );
  return (
    <Box flexDirection="column">
      {header &&
        line(
          columns.map((c) => ({ text: c.header, tone: 'muted' as const })),
          'header',
          false,
          true,
        )}
      {rows.map((cells, index) => line(cells, String(index), index === selected, false))}
    </Box>
  );
}
