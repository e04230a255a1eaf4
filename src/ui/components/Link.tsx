import { Text } from 'ink';
import { oneLine } from '../../domain/sanitize.js';
import { useHyperlinks, useTone } from '../theme.js';

/** Only web links become terminal hyperlinks; anything else is shown as text, never followed. */
const safeUrl = (url: string): string | null => {
  const clean = oneLine(url);
  return /^https?:\/\/[^\s]+$/i.test(clean) ? clean : null;
};

/**
 * A run link: clickable (OSC 8) where the terminal supports it, the plain URL elsewhere. The URL
 * comes from outside, so it is stripped of control characters and must be http(s).
 */
export function Link({ url, label }: { url: string; label: string }) {
  const tone = useTone();
  const hyperlinks = useHyperlinks();
  const href = safeUrl(url);
  if (!href) return <Text color={tone('muted')}>{oneLine(label)}</Text>;
  if (!hyperlinks) return <Text color={tone('info')}>{href}</Text>;
  return <Text color={tone('info')}>{`\u001b]8;;${href}\u001b\\${oneLine(label)}\u001b]8;;\u001b\\`}</Text>;
}
