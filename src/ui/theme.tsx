import React, { createContext, useContext } from 'react';
import type { LayerVerdict } from '../domain/layers.js';
import type { StepState, Timing } from '../domain/playbook.js';
import type { LayerState } from '../domain/status.js';
import type { ClockLevel } from '../domain/hotfix.js';

/**
 * Colours are a second channel, never the only one: every state also has a glyph and a word,
 * so the app reads the same with NO_COLOR, on a monochrome terminal, or in a pipe.
 */
export type Tone = 'good' | 'bad' | 'warn' | 'info' | 'muted' | 'accent';

const TONE_COLOURS: Record<Tone, string> = {
  good: 'green',
  bad: 'red',
  warn: 'yellow',
  info: 'cyan',
  muted: 'gray',
  accent: 'magenta',
};

const ColourContext = createContext(true);

export function ThemeProvider({ colour, children }: { colour: boolean; children: React.ReactNode }) {
  return <ColourContext.Provider value={colour}>{children}</ColourContext.Provider>;
}

/** The Ink colour for a tone, or undefined when colour is off (NO_COLOR). */
export function useTone(): (tone: Tone | undefined) => string | undefined {
  const colour = useContext(ColourContext);
  return (tone) => (colour && tone ? TONE_COLOURS[tone] : undefined);
}

export interface Look {
  readonly glyph: string;
  readonly word: string;
  readonly tone: Tone;
}

export const STEP_LOOK: Record<StepState, Look> = {
  done: { glyph: '✓', word: 'done', tone: 'good' },
  failed: { glyph: '✗', word: 'failed', tone: 'bad' },
  waiting: { glyph: '…', word: 'waiting', tone: 'warn' },
  blocked: { glyph: '·', word: 'blocked', tone: 'muted' },
  ready: { glyph: '○', word: 'ready', tone: 'info' },
};

export const TIMING_LOOK: Record<Timing, Look | null> = {
  none: null,
  scheduled: null,
  due: { glyph: '◷', word: 'due', tone: 'warn' },
  overdue: { glyph: '!', word: 'overdue', tone: 'bad' },
};

export const VERDICT_LOOK: Record<LayerVerdict, Look> = {
  pass: { glyph: '✓', word: 'pass', tone: 'good' },
  fail: { glyph: '✗', word: 'fail', tone: 'bad' },
  pending: { glyph: '…', word: 'pending', tone: 'warn' },
  advisory: { glyph: '~', word: 'advisory', tone: 'muted' },
};

export const CELL_LOOK: Record<LayerState, Look> = {
  passed: { glyph: '✓', word: 'passed', tone: 'good' },
  failed: { glyph: '✗', word: 'failed', tone: 'bad' },
  running: { glyph: '▸', word: 'running', tone: 'warn' },
  pending: { glyph: '…', word: 'pending', tone: 'warn' },
  missing: { glyph: '?', word: 'missing', tone: 'accent' },
  error: { glyph: '!', word: 'error', tone: 'bad' },
};

export const CLOCK_TONE: Record<ClockLevel, Tone> = { ok: 'good', warn: 'warn', critical: 'bad', overdue: 'bad' };
