import { Box, Text } from 'ink';
import { oneLine, stripControl } from '../../domain/sanitize.js';
import { useMemo } from 'react';
import { selectFreeze, selectStepView, shownZone } from '../../store/selectors.js';
import { stepDetailLines } from '../text/step-lines.js';
import { stepExtraLines } from '../text/freeze-lines.js';
import { claimLines } from '../text/claim-lines.js';
import { stepClaimOf } from '../../store/team.js';
import { useAppState } from '../hooks/store-context.js';
import { useTone } from '../theme.js';

/** Lines of a pager page: the body height minus its title. */
export const pagerPage = (height: number): number => Math.max(1, height - 1);

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

/** A step pager's lines from the step as it is now; null for any other pager (its text is fixed). */
function useLiveStepLines(width: number): string[] | null {
  const view = useAppState((s) => (s.pager?.step ? selectStepView(s, s.pager.step.id, s.pager.step.hotfixKey) : undefined));
  const roles = useAppState((s) => s.config.roles);
  const now = useAppState((s) => s.now);
  const zone = useAppState(shownZone);
  const hotfixKey = useAppState((s) => s.pager?.step?.hotfixKey ?? null);
  const freeze = useAppState(selectFreeze);
  const policy = useAppState((s) => s.config.codeFreeze);
  const viewer = useAppState((s) => s.viewer);
  const claim = useAppState((s) => (view ? stepClaimOf(s, view, hotfixKey) : null));
  return useMemo(() => {
    if (!view) return null;
    const extra = [...claimLines(claim, viewer, now), ...stepExtraLines(freeze, policy, view, hotfixKey, { zone, now }, true)];
    return wrapLines(
      stepDetailLines(view, roles, now, zone, true, extra).map((l) => l.text),
      width,
    );
  }, [view, roles, now, zone, width, freeze, policy, hotfixKey, claim, viewer]);
}

/** Long text over the screen (a step's details, the QE handoff, a timeline), a page at a time. */
export function Pager({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const opened = useAppState((s) => s.pager);
  const live = useLiveStepLines(width);
  if (!opened) return null;
  const pager = live ? { ...opened, lines: live } : opened;
  const page = pagerPage(height);
  const scroll = Math.min(pager.scroll, Math.max(0, pager.lines.length - page));
  const shown = pager.lines.slice(scroll, scroll + page);
  const end = Math.min(pager.lines.length, scroll + page);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {oneLine(pager.title)}{' '}
        <Text color={tone('muted')}>
          ({pager.lines.length === 0 ? 0 : scroll + 1}-{end} of {pager.lines.length})
        </Text>
      </Text>
      <Box flexDirection="column" height={page}>
        {shown.map((line, i) => (
          <Text key={scroll + i} wrap="truncate">
            {stripControl(line) || ' '}
          </Text>
        ))}
      </Box>
    </Box>
  );
}
