import { Box, Text } from 'ink';
import { useAppState } from '../hooks/store-context.js';
import { fit } from '../text/fit.js';
import { useTone } from '../theme.js';

/** The keys of an open form, shown in the footer while it is open. */
export const formKeys = (onLastField: boolean, choosing: boolean): string =>
  [
    'Tab/↓ next field',
    '↑ previous',
    ...(choosing ? ['← → choose'] : []),
    onLastField ? 'Enter sends' : 'Enter next field',
    'Esc cancels',
  ].join(' · ');

/** The open form: its fields, the one being typed in marked (its keys are in the footer). */
export function Form({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const form = useAppState((s) => s.form);
  if (!form) return null;
  const labelWidth = Math.max(...form.fields.map((f) => f.label.length)) + 1;
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1}>
      <Text bold wrap="truncate">
        {form.title}
      </Text>
      {form.fields.map((field, i) => (
        <Box key={field.key} flexDirection="column">
          <Text wrap="truncate">
            <Text color={tone(i === form.index ? 'info' : 'muted')}>{fit(field.label, labelWidth)}</Text>
            {field.value}
            {i === form.index ? <Text inverse> </Text> : null}
          </Text>
          {field.hint && i === form.index ? (
            <Text color={tone('muted')} wrap="truncate">
              {' '.repeat(labelWidth)}
              {field.hint}
            </Text>
          ) : null}
        </Box>
      ))}
    </Box>
  );
}
