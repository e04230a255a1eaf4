import { Box, Text } from 'ink';
import { BINDINGS, displayKey, SCREEN_KEYS, type Binding } from '../keymap.js';
import { fit } from '../text/fit.js';
import { useTone } from '../theme.js';

interface Line {
  readonly text: string;
  readonly heading: boolean;
}

/** Bindings grouped by where they work; screen jumps fold into one line ("1-6"). */
function helpLines(): Line[] {
  const groups = new Map<string, Binding[]>();
  for (const binding of BINDINGS) {
    const where =
      binding.scope === 'global' ? 'Everywhere' : binding.scope.map((id) => SCREEN_KEYS.find(([, s]) => s === id)?.[2] ?? id).join(', ');
    groups.set(where, [...(groups.get(where) ?? []), binding]);
  }
  const lines: Line[] = [];
  for (const [where, bindings] of groups) {
    lines.push({ text: where, heading: true });
    const jumps = bindings.filter((b) => b.command.type === 'screen');
    if (jumps.length > 0)
      lines.push({ text: `  ${fit(`${jumps[0]!.keys[0]}-${jumps.at(-1)!.keys[0]}`, 14)} go to screen (see the tabs)`, heading: false });
    for (const b of bindings.filter((x) => x.command.type !== 'screen')) {
      lines.push({ text: `  ${fit(b.keys.map(displayKey).join(' '), 14)} ${b.label}`, heading: false });
    }
  }
  return lines;
}

/** Every binding, generated from the keymap (never written by hand); two columns when tall. */
export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const lines = helpLines();
  const rows = Math.max(1, height - 1);
  const columns = lines.length > rows && width >= 70 ? 2 : 1;
  const perColumn = Math.ceil(lines.length / columns);
  const columnWidth = Math.floor(width / columns);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>Keys — Esc or ? closes</Text>
      <Box>
        {Array.from({ length: columns }, (_, c) => (
          <Box key={c} flexDirection="column" width={columnWidth}>
            {lines
              .slice(c * perColumn, (c + 1) * perColumn)
              .slice(0, rows)
              .map((line, i) => (
                <Text key={i} bold={line.heading} color={line.heading ? tone('info') : undefined} wrap="truncate">
                  {line.text}
                </Text>
              ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
