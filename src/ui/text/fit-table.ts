import { stringWidth, truncate } from './fit.js';

/**
 * Cuts a bordered table's texts so it is at most `width` columns wide, as ink-table draws it:
 * each column as wide as its widest text, one space either side, and a border between and
 * around. The widest column gives way first; a cut text ends in "…", so nothing is cut silently.
 */
export function fitBorderedTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  width: number,
): { headers: string[]; rows: string[][] } {
  const widths = headers.map((header, i) => Math.max(stringWidth(header), ...rows.map((row) => stringWidth(row[i] ?? ''))));
  const room = width - (headers.length + 1) - 2 * headers.length;
  for (let total = widths.reduce((a, b) => a + b, 0); total > room; total -= 1) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= 1) break;
    widths[widest]! -= 1;
  }
  // ink-table names its columns by their header text: two headers cut to the same text stay two columns.
  const seen = new Set<string>();
  const fittedHeaders = headers.map((header, i) => {
    let text = truncate(header, widths[i]!);
    for (let n = 2; seen.has(text); n += 1) text = `${truncate(header, Math.max(1, widths[i]! - String(n).length))}${n}`;
    seen.add(text);
    return text;
  });
  return { headers: fittedHeaders, rows: rows.map((row) => headers.map((_, i) => truncate(row[i] ?? '', widths[i]!))) };
}
