import { Text } from 'ink';
import React from 'react';
import { bindingsFor, displayKey } from '../keymap.js';
import { useTone } from '../theme.js';
import { useAppState } from '../hooks/store-context.js';

/** Key hints for the current screen, from the one keymap; `?` lists the rest. */
export function Footer() {
  const tone = useTone();
  const screen = useAppState((s) => s.screen);
  const hints = bindingsFor(screen).filter((b) => b.hint);
  return (
    <Text wrap="truncate">
      {hints.map((b, i) => (
        <Text key={b.label}>
          {i > 0 ? '  ' : ''}
          <Text color={tone('info')} bold>
            {b.keys.slice(0, 2).map(displayKey).join('/')}
          </Text>{' '}
          {b.label}
        </Text>
      ))}
    </Text>
  );
}

/** The answer to the last action, until the next key. */
export function FlashLine() {
  const tone = useTone();
  const flash = useAppState((s) => s.flash);
  if (!flash) return null;
  const look = { info: 'info', warn: 'warn', error: 'bad' } as const;
  return (
    <Text color={tone(look[flash.level])} wrap="truncate">
      {flash.text}
    </Text>
  );
}
