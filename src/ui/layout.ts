import type { AppState } from '../store/app-store.js';
import { HEADER_HEIGHT } from './components/Header.js';

/** A message takes two lines when it needs them (a saved file's path must be readable), never more. */
export const flashHeight = (flash: AppState['flash'], width: number): number => (!flash ? 0 : flash.text.length > width ? 2 : 1);

/** The footer: one line of keys; a question asked there takes one more line, a one-field form two (its hint or error, and the field). */
export const footerHeight = (state: Pick<AppState, 'form' | 'question'>): number =>
  state.form?.placement === 'footer' ? 3 : state.question ? 2 : 1;

/**
 * The rows the app draws in: all but the terminal's last. Ink clears the terminal and rewrites all
 * of a frame as tall as the terminal (ink.js: `lastOutputHeight >= stdout.rows`), every frame; a
 * shorter one reaches the frame writer (frame-writer.ts), which writes only the lines that changed.
 */
export const frameHeight = (rows: number): number => Math.max(1, rows - 1);

/** The height the screen body gets: what the layout draws with, and what the pager pages by. One rule for both. */
export function bodyHeight(state: Pick<AppState, 'flash' | 'form' | 'question'>, rows: number, columns: number): number {
  return Math.max(1, frameHeight(rows) - HEADER_HEIGHT - footerHeight(state) - flashHeight(state.flash, Math.max(20, columns)));
}
