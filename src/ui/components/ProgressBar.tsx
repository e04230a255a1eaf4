import { Text } from 'ink';
import { useTone } from '../theme.js';

/** "[█████░░░░░] 5/10": the count is always printed, so the bar is decoration, not information. */
export function ProgressBar({ done, total, width }: { done: number; total: number; width: number }) {
  const tone = useTone();
  const label = ` ${done}/${total}`;
  const inner = Math.max(0, width - label.length - 2);
  const filled = total === 0 ? inner : Math.round((inner * done) / total);
  return (
    <Text>
      [<Text color={tone(done === total ? 'good' : 'info')}>{'█'.repeat(filled)}</Text>
      <Text color={tone('muted')}>{'░'.repeat(inner - filled)}</Text>]{label}
    </Text>
  );
}
