import type { ClockLevel } from '../domain/hotfix.js';
import type { LayerVerdict } from '../domain/layers.js';
import type { StepState, Timing } from '../domain/playbook.js';
import type { LayerState } from '../domain/status.js';
import type { NoticeState } from '../store/view.js';

/**
 * How each state looks: a glyph, a word and a tone. Colour is a second channel, never the only
 * one, so the screens and the plain-text summary read the same with NO_COLOR or in a pipe.
 */
export type Tone = 'good' | 'bad' | 'warn' | 'info' | 'muted' | 'accent';

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
  unknown: { glyph: '…', word: 'unknown', tone: 'muted' },
  error: { glyph: '!', word: 'error', tone: 'bad' },
};

/** The word is the state itself (`noticeState`), the same on screen and in `notify --list`. */
export const NOTICE_LOOK: Record<NoticeState, Look> = {
  sent: { glyph: '✓', word: 'sent', tone: 'good' },
  'done-by-hand': { glyph: '✓', word: 'done-by-hand', tone: 'good' },
  failed: { glyph: '✗', word: 'failed', tone: 'bad' },
  unconfirmed: { glyph: '?', word: 'unconfirmed', tone: 'warn' },
  blocked: { glyph: '·', word: 'blocked', tone: 'muted' },
  ready: { glyph: '○', word: 'ready', tone: 'info' },
  due: { glyph: '!', word: 'due', tone: 'warn' },
  overdue: { glyph: '!', word: 'overdue', tone: 'bad' },
};

export const CLOCK_TONE: Record<ClockLevel, Tone> = { ok: 'good', warn: 'warn', critical: 'bad', overdue: 'bad' };
