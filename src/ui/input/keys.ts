import type { Key } from 'ink';

/** One keypress by a stable name ("up", "shift-tab", "ctrl-c", "space", "j") and the text it typed. */
export interface Keypress {
  readonly name: string;
  readonly text: string;
}

/** A stable name for a keypress: "up", "shift-tab", "ctrl-c", "space", or the character. */
export function keyName(input: string, key: Key): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input) return `ctrl-${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input;
}

const CHUNK_NAMES: Record<string, string> = {
  '\r': 'enter',
  '\n': 'enter',
  '\t': 'tab',
  ' ': 'space',
  '\u007f': 'backspace',
  '\b': 'backspace',
};

/** Each character of a chunk as its own keypress; control characters other than the named ones are dropped. */
const characters = (text: string): Keypress[] =>
  [...text].flatMap((ch) => {
    const name = CHUNK_NAMES[ch] ?? (/[\u0000-\u001f\u007f]/.test(ch) ? undefined : ch);
    return name ? [{ name, text: ch }] : [];
  });

/**
 * Keys typed faster than a frame (or sent by tmux, pasted, held down) arrive as one chunk: "jjj".
 * Each character is its own keypress, in order, with the text it typed, so when one key opens a
 * form the keys after it are text for that form. Esc followed at once by a key reaches Ink as
 * that key with `meta` set ("\u001b5"): it is Esc, then the key, never a lone "5".
 */
export function pressedKeys(input: string, key: Key): Keypress[] {
  const arrows = key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown;
  if (key.meta && !key.escape && !arrows && !key.ctrl && input.length > 0 && !/[\u0000-\u001f]/.test(input)) {
    return [{ name: 'escape', text: '' }, ...characters(input)];
  }
  if (arrows || key.escape || key.ctrl || key.meta || input.length <= 1) return [{ name: keyName(input, key), text: input }];
  return characters(input);
}

const DISPLAY: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  escape: 'Esc',
  enter: 'Enter',
  tab: 'Tab',
  'shift-tab': 'S-Tab',
  backspace: 'Bksp',
  space: 'space',
};

/** How a key is written in the footer and the help: "↑", "C-c", "Esc". */
export const displayKey = (name: string): string => DISPLAY[name] ?? (name.startsWith('ctrl-') ? `C-${name.slice(5)}` : name);
