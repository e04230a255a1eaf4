import { Text } from 'ink';
import type { HotfixState } from '../../domain/fold.js';
import { hotfixClock } from '../../domain/hotfix.js';
import { formatSpan } from '../../domain/time.js';
import { useAppState } from '../hooks/store-context.js';
import { fit } from '../text/fit.js';
import { CLOCK_TONE, useTone } from '../theme.js';

/** "1d 2h left", "overdue by 3h": what a clock says, for those that lay it out. */
export const countdownText = (remainingMs: number): string =>
  remainingMs >= 0 ? `${formatSpan(remainingMs)} left` : `overdue by ${formatSpan(-remainingMs)}`;

/**
 * A hotfix's SLA clock, ticking by the second: "1d 2h left", yellow then red, "overdue by 3h".
 * Every screen uses this one, so two clocks on screen never disagree.
 */
export function Countdown({ hotfix, width }: { hotfix: HotfixState; width?: number }) {
  const tone = useTone();
  const config = useAppState((s) => s.config);
  const now = useAppState((s) => s.now);
  const clock = hotfixClock(hotfix, config, now);
  const text = countdownText(clock.remainingMs);
  return (
    <Text color={tone(CLOCK_TONE[clock.level])} bold={clock.level !== 'ok'}>
      {width === undefined ? text : fit(text, width, 'right')}
    </Text>
  );
}
