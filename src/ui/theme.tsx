import React, { createContext, useContext } from 'react';
import type { Tone } from '../present/looks.js';

export { CELL_LOOK, CLOCK_TONE, NOTICE_LOOK, STEP_LOOK, TIMING_LOOK, VERDICT_LOOK, type Look, type Tone } from '../present/looks.js';

/** The terminal colour of each tone; with NO_COLOR there is none, and the glyphs carry the meaning. */
const TONE_COLOURS: Record<Tone, string> = {
  good: 'green',
  bad: 'red',
  warn: 'yellow',
  info: 'cyan',
  muted: 'gray',
  accent: 'magenta',
};

const ColourContext = createContext(true);
const HyperlinkContext = createContext(false);

/** `hyperlinks`: the terminal understands OSC 8 links (decided at start-up from its environment). */
export function ThemeProvider({
  colour,
  hyperlinks = false,
  children,
}: {
  colour: boolean;
  hyperlinks?: boolean;
  children: React.ReactNode;
}) {
  return (
    <ColourContext.Provider value={colour}>
      <HyperlinkContext.Provider value={hyperlinks}>{children}</HyperlinkContext.Provider>
    </ColourContext.Provider>
  );
}

export const useHyperlinks = (): boolean => useContext(HyperlinkContext);

/** The Ink colour for a tone, or undefined when colour is off (NO_COLOR). */
export function useTone(): (tone: Tone | undefined) => string | undefined {
  const colour = useContext(ColourContext);
  return (tone) => (colour && tone ? TONE_COLOURS[tone] : undefined);
}
