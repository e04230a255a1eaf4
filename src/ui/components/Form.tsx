import { Box, Text } from 'ink';
import { oneLine } from '../../domain/sanitize.js';
import { useAppState } from '../hooks/store-context.js';
import { fit } from '../text/fit.js';
import { useTone } from '../theme.js';

/**
 * A form in the body: its fields, the one being typed in marked, an empty field's placeholder
 * dimmed, and the field a refusal is about marked with why. Its keys, and what Enter records,
 * are in the footer.
 */
export function Form({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const form = useAppState((s) => s.form);
  if (!form) return null;
  const labelWidth = Math.max(...form.fields.map((f) => f.label.length + (f.required ? 1 : 0))) + 1;
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1}>
      <Text bold wrap="truncate">
        {oneLine(form.title)}
      </Text>
      {form.fields.map((field, i) => {
        const error = form.error?.field === field.key ? form.error.text : null;
        return (
          <Box key={field.key} flexDirection="column">
            <Text wrap="truncate">
              <Text color={tone(error ? 'bad' : i === form.index ? 'info' : 'muted')}>
                {fit(`${field.label}${field.required ? '*' : ''}`, labelWidth)}
              </Text>
              {field.value}
              {field.value === '' && field.placeholder ? <Text color={tone('muted')}>{field.placeholder}</Text> : null}
              {i === form.index ? <Text inverse> </Text> : null}
            </Text>
            {error ? (
              <Text color={tone('bad')} wrap="truncate">
                {' '.repeat(labelWidth)}✗ {oneLine(error)}
              </Text>
            ) : field.hint && i === form.index ? (
              <Text color={tone('muted')} wrap="truncate">
                {' '.repeat(labelWidth)}
                {field.hint}
              </Text>
            ) : null}
          </Box>
        );
      })}
      {form.error && !form.error.field ? <Text color={tone('bad')}>✗ {oneLine(form.error.text)}</Text> : null}
      {form.busy ? <Text color={tone('muted')}>recording…</Text> : <Text color={tone('muted')}>* needed</Text>}
    </Box>
  );
}
