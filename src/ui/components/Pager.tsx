import { Box, Text } from 'ink';
import { oneLine, stripControl } from '../../domain/sanitize.js';
import { useAppState } from '../hooks/store-context.js';
import { useTone } from '../theme.js';

/** Lines of a pager page: the body height minus its title. */
export const pagerPage = (height: number): number => Math.max(1, height - 1);

/** The pager's keys, shown in the footer while it is open. */
export const pagerKeys = (kind: 'step' | 'handoff' | 'timeline'): string =>
  kind === 'handoff' ? '↑↓ PgUp PgDn scroll · w save to a file · e edit what to test · Esc/q close' : '↑↓ PgUp PgDn scroll · Esc/q close';

/**
 * Long lines are wrapped, not cut: a handoff's table row must be readable in 80 columns. A line
 * breaks after its last space that fits, else (a long URL) at the edge; continuations are indented.
 */
export function wrapLines(lines: readonly string[], width: number): string[] {
  const room = Math.max(10, width);
  return lines.flatMap((line) => {
    let rest = oneLine(line);
    const parts: string[] = [];
    while (rest.length > 0) {
      const indent = parts.length === 0 ? '' : '  ';
      const fits = room - indent.length;
      if (rest.length <= fits) {
        parts.push(indent + rest);
        break;
      }
      const space = rest.lastIndexOf(' ', fits);
      const cut = space > fits / 2 ? space + 1 : fits;
      parts.push(indent + rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut);
    }
    return parts.length > 0 ? parts : [''];
  });
}

/** Long text over the screen (a step's details, the QE handoff, a timeline), a page at a time. */
export function Pager({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const pager = useAppState((s) => s.pager);
  if (!pager) return null;
  const page = pagerPage(height);
  const shown = pager.lines.slice(pager.scroll, pager.scroll + page);
  const end = Math.min(pager.lines.length, pager.scroll + page);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {oneLine(pager.title)}{' '}
        <Text color={tone('muted')}>
          ({pager.lines.length === 0 ? 0 : pager.scroll + 1}-{end} of {pager.lines.length})
        </Text>
      </Text>
      <Box flexDirection="column" height={page}>
        {shown.map((line, i) => (
          <Text key={pager.scroll + i} wrap="truncate">
            {stripControl(line) || ' '}
          </Text>
        ))}
      </Box>
    </Box>
  );
}
