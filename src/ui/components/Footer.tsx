import { Box, Text } from 'ink';
import { bindingsFor, displayKey } from '../keymap.js';
import { formKeys } from './Form.js';
import { pagerKeys } from './Pager.js';
import { useTone } from '../theme.js';
import { useAppState } from '../hooks/store-context.js';

const hint = (keys: string, label: string, tone: ReturnType<typeof useTone>, first: boolean) => (
  <Text key={label}>
    {first ? '' : '  '}
    <Text color={tone('info')} bold>
      {keys}
    </Text>{' '}
    {label}
  </Text>
);

/**
 * Key hints for the current screen, from the one keymap; `?` and `q` always stay visible at the
 * right, whatever the width, because `?` is how every other key is found.
 */
export function Footer({ width }: { width: number }) {
  const tone = useTone();
  const screen = useAppState((s) => s.screen);
  const pager = useAppState((s) => s.pager?.kind);
  const form = useAppState((s) => s.form);
  const helpOpen = useAppState((s) => s.helpOpen);
  // An overlay takes every key, so the footer names its keys and nothing of the screen below.
  const overlayKeys = form
    ? formKeys(form.index === form.fields.length - 1, Boolean(form.fields[form.index]?.choices))
    : pager
      ? pagerKeys(pager)
      : helpOpen
        ? 'Esc or ? closes the help'
        : null;
  if (overlayKeys) {
    return (
      <Text color={tone('info')} wrap="truncate">
        {overlayKeys}
      </Text>
    );
  }
  const always = ['help', 'quit'];
  const hints = bindingsFor(screen).filter((b) => b.hint && !always.includes(b.label));
  const lists = bindingsFor(screen).some((b) => b.command.type === 'move');
  return (
    <Box width={width}>
      <Box flexGrow={1} overflow="hidden">
        <Text wrap="truncate">
          {hints.map((b, i) => hint(b.keys.slice(0, 1).map(displayKey).join('/'), b.label, tone, i === 0))}
          {lists ? hint('↑↓', 'move', tone, hints.length === 0) : null}
          {hint('1-6', 'screens', tone, hints.length === 0 && !lists)}
        </Text>
      </Box>
      <Box flexShrink={0}>
        <Text>
          {hint('?', 'help', tone, false)}
          {hint('q', 'quit', tone, false)}
        </Text>
      </Box>
    </Box>
  );
}

/** A message takes two lines when it needs them (a saved file's path must be readable), never more. */
export const flashHeight = (flash: { readonly text: string } | null, width: number): number =>
  !flash ? 0 : flash.text.length > width ? 2 : 1;

/** The answer to the last action, until the next key. */
export function FlashLine({ width }: { width: number }) {
  const tone = useTone();
  const flash = useAppState((s) => s.flash);
  if (!flash) return null;
  const look = { info: 'info', warn: 'warn', error: 'bad' } as const;
  const height = flashHeight(flash, width);
  return (
    <Box height={height} width={width} overflow="hidden">
      <Text color={tone(look[flash.level])} wrap={height > 1 ? 'wrap' : 'truncate'}>
        {flash.text}
      </Text>
    </Box>
  );
}
