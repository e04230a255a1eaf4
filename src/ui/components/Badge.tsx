import { Text } from 'ink';
import React from 'react';
import { useTone, type Look } from '../theme.js';

/** A glyph and, when `word` is set, the state in words: colour is never the only signal. */
export function Badge({ look, word = false }: { look: Look; word?: boolean }) {
  const tone = useTone();
  return <Text color={tone(look.tone)}>{word ? `${look.glyph} ${look.word}` : look.glyph}</Text>;
}
