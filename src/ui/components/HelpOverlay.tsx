import { Box, Text } from 'ink';
import { helpSections, keysText, type HelpSection } from '../input/describe.js';
import { useTone } from '../theme.js';
import { useInputContext } from '../hooks/use-input-context.js';
import { useEffect } from 'react';
import { uiActions } from '../../store/app-store.js';
import { useAppState } from '../hooks/store-context.js';
import { CutToHeight } from './CutToHeight.js';

interface Line {
  readonly text: string;
  readonly heading: boolean;
}

/** Keys in a column of their own; a binding with many keys widens its line rather than lose one. */
const keyColumn = (keys: string): string => keys.padEnd(14);

/** Help lines from the bindings: a heading per section, then "keys  label"; screen jumps fold into one line. */
export function helpLines(sections: readonly HelpSection[]): Line[] {
  return sections.flatMap((section) => {
    const lines: Line[] = [{ text: section.title, heading: true }];
    const grouped = new Map<string, string[]>();
    for (const b of section.bindings) {
      if (b.group) {
        if (!grouped.has(b.group)) lines.push({ text: b.group, heading: false });
        grouped.set(b.group, [...(grouped.get(b.group) ?? []), keysText(b)]);
      } else lines.push({ text: `  ${keyColumn(keysText(b))} ${b.label}${b.records ? ' (records)' : ''}`, heading: false });
    }
    // A group's line is the keys of all its bindings, then what they do.
    return lines.map((line) => {
      const keys = !line.heading && grouped.get(line.text);
      return keys ? { text: `  ${keyColumn(keys.join(' '))} ${line.text}`, heading: false } : line;
    });
  });
}

/** Two columns when the help is taller than the screen and wide enough; it scrolls when even that is too tall. */
export function helpLayout(lineCount: number, width: number, height: number) {
  const rows = Math.max(1, height - 1);
  const columns = lineCount > rows && width >= 70 ? 2 : 1;
  const perColumn = Math.ceil(lineCount / columns);
  return { rows, columns, perColumn, overflow: Math.max(0, perColumn - rows) };
}

/** Every binding of every mode, generated from the tables (never written by hand); two columns when tall. */
export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const ctx = useInputContext();
  useAppState((s) => s.screen);
  const scroll = useAppState((s) => s.helpScroll);
  const lines = helpLines(helpSections(ctx));
  const { rows, columns, perColumn, overflow } = helpLayout(lines.length, width, height);
  useEffect(() => uiActions.helpLaidOut(ctx.store, overflow), [ctx.store, overflow]);
  const columnWidth = Math.floor(width / columns);
  return (
    <CutToHeight width={width} height={height}>
      <Text bold>Keys — Esc or ? closes{perColumn > rows ? ' · ↑↓ scroll' : ''}</Text>
      <Box>
        {Array.from({ length: columns }, (_, c) => (
          <Box key={c} flexDirection="column" width={columnWidth}>
            {lines
              .slice(c * perColumn, (c + 1) * perColumn)
              .slice(scroll, scroll + rows)
              .map((line, i) => (
                <Text key={i} bold={line.heading} color={line.heading ? tone('info') : undefined} wrap="truncate">
                  {line.text}
                </Text>
              ))}
          </Box>
        ))}
      </Box>
    </CutToHeight>
  );
}
