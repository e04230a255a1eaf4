import { describe, expect, it } from 'vitest';
import { createFrameWriter } from '../../src/ui/frame-writer.js';

const at = (row: number) => `\u001b[${row};1H\u001b[K`;
const BELOW = '\u001b[J';
const below = (row: number) => `\u001b[${row};1H${BELOW}`;

/** A terminal that keeps what is written to it, and a cursor control that counts. */
function terminal(columns = 20, rows = 6) {
  const screen = { columns, rows, written: [] as string[], write: (text: string) => screen.written.push(text) };
  const cursor = { hidden: 0, shown: 0, hide: () => (cursor.hidden += 1), show: () => (cursor.shown += 1) };
  const writer = createFrameWriter(screen, { cursor });
  /** What the writer writes for `frame`. */
  const draw = (frame: string): string => {
    screen.written.length = 0;
    writer(frame);
    return screen.written.join('');
  };
  return { screen, cursor, writer, draw };
}

describe('the frame writer (Ink log-update for the alternate screen)', () => {
  it('draws the first frame whole from the top left, and erases the rest of the screen', () => {
    const { draw, cursor } = terminal();
    expect(draw('a\nb\nc\n')).toBe(`${at(1)}a${at(2)}b${at(3)}c${below(4)}`);
    expect(cursor.hidden).toBe(1);
  });

  it('rewrites only the lines that changed, each at its own row (Ink 6.8 incremental writes "B" one row low)', () => {
    const { draw } = terminal();
    draw('a\nb\nc\n');
    expect(draw('a\nB\nc\n')).toBe(`${at(2)}B`);
    expect(draw('A\nB\nC\n')).toBe(`${at(1)}A${at(3)}C`);
  });

  it('writes nothing for the frame already on screen', () => {
    const { draw, writer } = terminal();
    draw('a\nb\n');
    expect(writer.willRender('a\nb\n')).toBe(false);
    expect(draw('a\nb\n')).toBe('');
    expect(writer('a\nb\n')).toBe(false);
    expect(writer.willRender('a\nc\n')).toBe(true);
  });

  it('a frame that grows writes its new lines; one that shrinks erases from its end down', () => {
    const { draw } = terminal();
    draw('a\nb\n');
    expect(draw('a\nb\nc\nd\n')).toBe(`${at(3)}c${at(4)}d`);
    expect(draw('a\nB\n')).toBe(`${at(2)}B${below(3)}`);
    expect(draw('a\nB\n\nd\n')).toBe(`${at(3)}${at(4)}d`);
  });

  it('keeps styled lines as Ink gives them, escape sequences and all', () => {
    const { draw } = terminal();
    draw('\u001b[1mtitle\u001b[22m\n  \u001b[32m✓\u001b[39m one\n');
    expect(draw('\u001b[1mtitle\u001b[22m\n\u001b[7m  ✓ one\u001b[27m\n')).toBe(`${at(2)}\u001b[7m  ✓ one\u001b[27m`);
  });

  it('after a resize, draws every row again, the same frame too, and erases everything below it', () => {
    const { draw, screen, writer } = terminal(20, 6);
    draw('a\nb\nc\n');
    screen.columns = 10;
    expect(writer.willRender('a\nb\nc\n')).toBe(true);
    expect(draw('a\nb\nc\n')).toBe(`${at(1)}a${at(2)}b${at(3)}c${below(4)}`);
    expect(draw('a\nb\nc\n')).toBe('');
    screen.rows = 4;
    expect(draw('a\nb\n')).toBe(`${at(1)}a${at(2)}b${below(3)}`);
  });

  it('draws a frame taller than the terminal down to its last row, never below (that would scroll)', () => {
    const { draw } = terminal(20, 3);
    expect(draw('a\nb\nc\nd\ne\n')).toBe(`${at(1)}a${at(2)}b${at(3)}c`);
    expect(draw('a\nb\nC\nD\n')).toBe(`${at(3)}C`);
    expect(draw('a\nb\n')).toBe(below(3));
  });

  it('after clear (Ink writes text of its own next), the frame is drawn whole', () => {
    const { draw, writer } = terminal();
    draw('a\nb\n');
    writer.clear();
    expect(draw('a\nb\n')).toBe(`${at(1)}a${at(2)}b${below(3)}`);
  });

  it('after sync (Ink wrote the frame itself), the next frame is drawn whole', () => {
    const { draw, writer } = terminal();
    draw('a\nb\n');
    writer.sync('x\ny\n');
    expect(writer.willRender('x\ny\n')).toBe(true);
    expect(draw('x\ny\n')).toBe(`${at(1)}x${at(2)}y${below(3)}`);
  });

  it('shows the cursor where Ink asks, hides it while lines are written, and hides it when no longer asked', () => {
    const { draw, writer } = terminal();
    draw('a\nb\n');
    writer.setCursorPosition({ x: 3, y: 1 });
    expect(writer.isCursorDirty()).toBe(true);
    expect(draw('a\nb\n')).toBe('\u001b[2;4H\u001b[?25h');
    writer.setCursorPosition({ x: 3, y: 1 });
    expect(draw('a\nB\n')).toBe(`\u001b[?25l${at(2)}B\u001b[2;4H\u001b[?25h`);
    expect(draw('a\nb\n')).toBe(`\u001b[?25l${at(2)}b`);
  });

  it('done gives the cursor back, and the next frame is drawn whole', () => {
    const { draw, writer, cursor } = terminal();
    draw('a\n');
    writer.done();
    expect(cursor.shown).toBe(1);
    expect(draw('a\n')).toBe(`${at(1)}a${below(2)}`);
    expect(cursor.hidden).toBe(2);
  });

  it("Ink's trailing newline ends a frame's last line, it does not start another; a frame without one is the same", () => {
    const { draw } = terminal();
    draw('a\n\n');
    expect(draw('a\n')).toBe(below(2));
    expect(draw('a\nb')).toBe(`${at(2)}b`);
    expect(draw('a\nb\n')).toBe('');
  });
});
