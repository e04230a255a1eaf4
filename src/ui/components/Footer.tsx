import { Box, Text } from 'ink';
import type { Binding } from '../input/binding.js';
import { footerBindings } from '../input/describe.js';
import { displayKey } from '../input/keys.js';
import { modeOf } from '../input/dispatch.js';
import { useTone } from '../theme.js';
import { useAppState } from '../hooks/store-context.js';
import { useInputContext } from '../hooks/use-input-context.js';
import { flashHeight } from '../layout.js';
import { screenOf, SCREENS } from '../screens/registry.js';
import { oneLine } from '../../domain/sanitize.js';

type Tone = ReturnType<typeof useTone>;

const hint = (keys: string, label: string, tone: Tone, first: boolean, key = label) => (
  <Text key={key}>
    {first ? '' : '  '}
    <Text color={tone('info')} bold>
      {keys}
    </Text>{' '}
    {label}
  </Text>
);

const ALWAYS = ['?', 'q'];

/** The keys of an open form, question, filter, pager or help: all of that mode's footer keys. */
function ModeKeys({ bindings, tone }: { bindings: readonly Binding[]; tone: Tone }) {
  return <Text wrap="truncate">{bindings.map((b, i) => hint(displayKey(b.keys[0]!), b.label, tone, i === 0, b.keys.join()))}</Text>;
}

/** A question or a one-field form asked in the footer: what it does, and (above) its hint or error. */
function Asking({ width, tone }: { width: number; tone: Tone }) {
  const form = useAppState((s) => (s.form?.placement === 'footer' ? s.form : null));
  const question = useAppState((s) => s.question);
  if (question) {
    return (
      <Text color={tone('warn')} bold wrap="truncate">
        {oneLine(question.text)}
      </Text>
    );
  }
  const field = form!.fields[0]!;
  const error = form!.error;
  return (
    <Box flexDirection="column" width={width}>
      <Text color={tone(error ? 'bad' : 'muted')} wrap="truncate">
        {error ? `✗ ${oneLine(error.text)}` : (field.hint ?? ' ')}
      </Text>
      <Text wrap="truncate">
        <Text color={tone('warn')} bold>
          {oneLine(form!.effect)}
        </Text>
        {` — ${field.label}: `}
        {field.value}
        {field.value === '' && field.placeholder ? <Text color={tone('muted')}>{field.placeholder}</Text> : null}
        <Text inverse> </Text>
        {form!.busy ? <Text color={tone('muted')}> recording…</Text> : null}
      </Text>
    </Box>
  );
}

/**
 * The keys of whatever takes them now, from the one set of bindings: a screen's own and `?` and
 * `q` (which stay at the right whatever the width: `?` is how every other key is found), or the
 * keys of the open form, question, filter, pager or help, with nothing of the screen below.
 */
export function Footer({ width }: { width: number }) {
  const tone = useTone();
  const ctx = useInputContext();
  const mode = useAppState(modeOf);
  const screen = useAppState((s) => s.screen);
  const asking = useAppState((s) => s.question !== null || s.form?.placement === 'footer');
  useAppState((s) => s.form?.index); // an Enter's label follows the field
  const bindings = footerBindings(ctx);
  if (mode !== 'normal') {
    return (
      <Box flexDirection="column" width={width}>
        {asking ? <Asking width={width} tone={tone} /> : null}
        <ModeKeys bindings={bindings} tone={tone} />
      </Box>
    );
  }
  const own = bindings.filter((b) => !ALWAYS.includes(b.keys[0]!));
  const list = screenOf(screen).list;
  return (
    <Box width={width}>
      <Box flexGrow={1} overflow="hidden">
        <Text wrap="truncate">
          {own.map((b, i) => hint(displayKey(b.keys[0]!), b.label, tone, i === 0, b.keys.join()))}
          {list ? hint('↑↓', 'move', tone, own.length === 0) : null}
          {hint(`1-${SCREENS.length}`, 'screens', tone, own.length === 0 && !list)}
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
