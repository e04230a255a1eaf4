import { Box, Text } from 'ink';
import React from 'react';
import { BINDINGS, displayKey, SCREEN_KEYS } from '../keymap.js';
import { fit } from '../text/fit.js';
import { useTone } from '../theme.js';

/** Every binding, grouped by where it works: generated from the keymap, never written by hand. */
export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const groups = new Map<string, typeof BINDINGS[number][]>();
  for (const binding of BINDINGS) {
    const where =
      binding.scope === 'global'
        ? 'Everywhere'
        : binding.scope.map((id) => SCREEN_KEYS.find(([, s]) => s === id)?.[2] ?? id).join(', ');
    groups.set(where, [...(groups.get(where) ?? []), binding]);
  }
  const lines: Array<{ text: string; heading: boolean }> = [];
  for (const [where, bindings] of groups) {
    lines.push({ text: where, heading: true });
    for (const b of bindings) lines.push({ text: `  ${fit(b.keys.map(displayKey).join(' '), 16)} ${b.label}`, heading: false });
  }
  const visible = lines.slice(0, Math.max(1, height - 2));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>Keys — Esc or ? closes</Text>
      {visible.map((line, i) => (
        <Text key={i} bold={line.heading} color={line.heading ? tone('info') : undefined} wrap="truncate">
          {line.text}
        </Text>
      ))}
      {visible.length < lines.length && <Text color={tone('muted')}>… {lines.length - visible.length} more (make the terminal taller)</Text>}
    </Box>
  );
}
