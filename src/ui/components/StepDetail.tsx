import { Box, Text } from 'ink';
import type { Role } from '../../domain/config.js';
import type { StepView } from '../../domain/playbook.js';
import { stepDetailLines, type DetailLine } from '../text/step-lines.js';
import { useTone } from '../theme.js';
import { useAppState } from '../hooks/store-context.js';
import { shownZone } from '../../store/selectors.js';

/** What the selected step is, who owns it, why it is in its state, and what to do; Enter shows all of it. */
export function StepDetail({
  view,
  roles,
  now,
  height,
  extra = [],
}: {
  view: StepView | undefined;
  roles: Readonly<Record<string, Role>>;
  now: number;
  height: number;
  extra?: readonly DetailLine[];
}) {
  const tone = useTone();
  const zone = useAppState(shownZone);
  if (!view) return <Box height={height} />;
  const lines = stepDetailLines(view, roles, now, zone, false, extra);
  return (
    <Box flexDirection="column" height={height} borderStyle="single" borderBottom={false} borderLeft={false} borderRight={false}>
      <Text bold wrap="truncate">
        {view.title}
      </Text>
      {lines.slice(0, Math.max(0, height - 2)).map((line, i) => (
        <Text key={i} color={tone(line.tone)} wrap="truncate">
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
