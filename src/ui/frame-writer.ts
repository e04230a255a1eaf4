/**
 * Ink's log-update, for an app that owns the alternate screen: each frame is drawn from the top
 * left, and only the lines that differ from the frame on screen are written.
 *
 * Ink 6's own log-update erases and rewrites every line of every frame; its `incremental` mode
 * moves the cursor one line short when a frame ends in a newline (as all of Ink's do), so it
 * rewrites the wrong lines. The build puts this writer in its place (scripts/esbuild-plugins.mjs).
 *
 * Lines are placed by absolute position (CUP), never relative to where the cursor was left: after
 * a resize the terminal may have cropped, rewrapped or scrolled what was there, so the writer
 * rewrites every row of the new size instead, and nothing of the old frame can survive it.
 */

const ESC = '\u001b[';
/** Cursor to row and column, both counted from 1. */
const moveTo = (row: number, column = 1): string => `${ESC}${row};${column}H`;
/** Erase from the cursor to the end of the line. Written before a line, not after: after a line as
 * wide as the terminal the cursor waits on its last column, and erasing there would remove that character. */
const ERASE_LINE = `${ESC}K`;
const ERASE_BELOW = `${ESC}J`;
const SHOW_CURSOR = `${ESC}?25h`;
const HIDE_CURSOR = `${ESC}?25l`;

/** The terminal Ink writes to: a stream with the size of the screen. */
export interface Screen {
  write(text: string): unknown;
  readonly columns?: number;
  readonly rows?: number;
}

/** Where Ink wants the terminal's cursor shown, counted from 0 at the frame's top left. */
export interface CursorPosition {
  readonly x: number;
  readonly y: number;
}

/** Hides the cursor while the app runs and shows it again, also when the process dies (Ink uses cli-cursor). */
export interface CursorControl {
  hide(stream: Screen): void;
  show(stream: Screen): void;
}

/** Ink 6's LogUpdate, as ink.js calls it. */
export interface FrameWriter {
  /** Draws a frame; false when it is the frame already drawn. */
  (frame: string): boolean;
  /** Ink writes something of its own next (or the terminal was made narrower), then draws the frame again. */
  clear(): void;
  /** The app is done: the cursor is shown again. */
  done(): void;
  /** Ink has written this frame itself (after clearing the terminal). */
  sync(frame: string): void;
  setCursorPosition(position: CursorPosition | undefined): void;
  isCursorDirty(): boolean;
  willRender(frame: string): boolean;
}

/** The lines of a frame: Ink ends every frame that is shorter than the terminal with a newline. */
const frameLines = (frame: string): string[] => {
  const lines = frame.split('\n');
  if (frame.endsWith('\n')) lines.pop();
  return lines;
};

interface Drawn {
  /** The lines on screen from the top row, or null when what is on screen is not known. */
  lines: readonly string[] | null;
  columns: number;
  rows: number;
}

/**
 * What to write to turn the screen from `drawn` into `next` on a terminal of `columns` × `rows`.
 * A frame taller than the terminal is drawn down to its last row (drawn lower, it would scroll).
 */
function frameUpdate(drawn: Drawn, next: readonly string[], columns: number, rows: number): string {
  const shown = next.slice(0, rows);
  const before = drawn.lines !== null && drawn.columns === columns && drawn.rows === rows ? drawn.lines : null;
  const whole = before === null;
  let out = '';
  for (let i = 0; i < shown.length; i += 1) {
    if (before?.[i] === shown[i]) continue;
    out += moveTo(i + 1) + ERASE_LINE + shown[i];
  }
  // Rows below the frame: on a new size or unknown screen all of them, else only those the last frame used.
  if (shown.length < rows && (whole || before.length > shown.length)) out += moveTo(shown.length + 1) + ERASE_BELOW;
  return out;
}

const cursorChanged = (a: CursorPosition | undefined, b: CursorPosition | undefined): boolean => a?.x !== b?.x || a?.y !== b?.y;

/** Ink's log-update `create`: `showCursor` leaves the cursor visible (Ink's default hides it). */
export function createFrameWriter(
  stream: Screen,
  { showCursor = false, cursor }: { showCursor?: boolean; cursor: CursorControl },
): FrameWriter {
  const size = (): { columns: number; rows: number } => ({ columns: stream.columns || 80, rows: stream.rows || 24 });
  let drawn: Drawn = { lines: null, ...size() };
  let previousFrame = '';
  let hidden = false;
  let cursorPosition: CursorPosition | undefined;
  let cursorDirty = false;
  let shownCursor: CursorPosition | undefined;

  // Ink's cursor position counts only while it was set since the last frame, so a component that
  // unmounts takes its cursor with it.
  const activeCursor = (): CursorPosition | undefined => (cursorDirty ? cursorPosition : undefined);
  // A shown cursor is hidden while lines are written, so it is never seen moving across the screen.
  const withCursor = (text: string, next: CursorPosition | undefined): string =>
    (shownCursor && (text || !next) ? HIDE_CURSOR : '') + text + (next ? moveTo(next.y + 1, next.x + 1) + SHOW_CURSOR : '');

  const send = (text: string): void => {
    if (text) stream.write(text);
  };
  // A new size is a change though the frame is the same: every row of it is drawn again.
  const changes = (frame: string, next: CursorPosition | undefined): boolean => {
    const { columns, rows } = size();
    return (
      frame !== previousFrame ||
      cursorChanged(next, shownCursor) ||
      drawn.lines === null ||
      columns !== drawn.columns ||
      rows !== drawn.rows
    );
  };

  const write = ((frame: string): boolean => {
    if (!showCursor && !hidden) {
      cursor.hide(stream);
      hidden = true;
    }
    const next = activeCursor();
    cursorDirty = false;
    if (!changes(frame, next)) return false;
    const { columns, rows } = size();
    const lines = frameLines(frame);
    send(withCursor(frameUpdate(drawn, lines, columns, rows), next));
    drawn = { lines: lines.slice(0, rows), columns, rows };
    previousFrame = frame;
    shownCursor = next;
    return true;
  }) as FrameWriter;

  // Not erased now: the next frame is drawn whole, every row and all below, which leaves nothing of
  // what was there, and an erase first would show a blank screen in between, on every narrowing.
  write.clear = () => {
    send(shownCursor ? HIDE_CURSOR : '');
    drawn = { lines: null, ...size() };
    previousFrame = '';
    shownCursor = undefined;
  };

  write.done = () => {
    drawn = { lines: null, ...size() };
    previousFrame = '';
    shownCursor = undefined;
    if (!showCursor) {
      cursor.show(stream);
      hidden = false;
    }
  };

  write.sync = (frame: string) => {
    const next = activeCursor();
    cursorDirty = false;
    // Ink wrote the frame itself (after clearing the terminal, or not, after `instance.clear()`):
    // the next frame is drawn whole.
    drawn = { lines: null, ...size() };
    previousFrame = frame;
    send(withCursor('', next));
    shownCursor = next;
  };

  write.setCursorPosition = (position) => {
    cursorPosition = position;
    cursorDirty = true;
  };
  write.isCursorDirty = () => cursorDirty;
  write.willRender = (frame) => changes(frame, activeCursor());
  return write;
}
