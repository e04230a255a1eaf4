import type { Key } from 'ink';
import type { ScreenId } from '../store/app-store.js';

/**
 * Every key the app understands, in one table: the input handler, the footer hints and the
 * help overlay all read it, so a key can never work without being discoverable (k9s, lazygit).
 */
export type Command =
  | { readonly type: 'quit' }
  | { readonly type: 'help' }
  | { readonly type: 'close' }
  | { readonly type: 'screen'; readonly screen: ScreenId }
  | { readonly type: 'cycle'; readonly delta: 1 | -1 }
  | { readonly type: 'move'; readonly delta: number }
  | { readonly type: 'refresh' }
  | { readonly type: 'toggle-step' }
  | { readonly type: 'detail' }
  | { readonly type: 'approve' }
  | { readonly type: 'waive' }
  | { readonly type: 'filter' }
  | { readonly type: 'demo-next' }
  | { readonly type: 'edit-notice' }
  | { readonly type: 'send-notice' }
  | { readonly type: 'toggle-payload' }
  | { readonly type: 'step-details' }
  | { readonly type: 'open-hotfix' }
  | { readonly type: 'edit-hotfix' }
  | { readonly type: 'close-hotfix' }
  | { readonly type: 'handoff' }
  | { readonly type: 'timeline' };

export interface Binding {
  /** Key names as `keyName` produces them; the first one is shown. */
  readonly keys: readonly string[];
  readonly label: string;
  readonly command: Command;
  /** `global`, or the screens where the binding applies. */
  readonly scope: 'global' | readonly ScreenId[];
  /** Shown in the footer (the help overlay shows everything). */
  readonly hint: boolean;
}

export const SCREEN_KEYS: ReadonlyArray<readonly [string, ScreenId, string]> = [
  ['1', 'dashboard', 'Dashboard'],
  ['2', 'checklist', 'Checklist'],
  ['3', 'hotfix', 'Hotfix'],
  ['4', 'status', 'Status'],
  ['5', 'notices', 'Notices'],
  ['6', 'log', 'Log'],
];

const LISTS: readonly ScreenId[] = ['checklist', 'hotfix', 'status', 'notices', 'log'];

export const BINDINGS: readonly Binding[] = [
  { keys: ['space'], label: 'tick / untick task', command: { type: 'toggle-step' }, scope: ['checklist', 'hotfix'], hint: true },
  { keys: ['a'], label: 'approve gate', command: { type: 'approve' }, scope: ['checklist', 'hotfix'], hint: true },
  { keys: ['w'], label: 'waive layer', command: { type: 'waive' }, scope: ['checklist', 'hotfix'], hint: true },
  { keys: ['enter'], label: 'raw checks', command: { type: 'detail' }, scope: ['status'], hint: true },
  { keys: ['enter'], label: 'all details', command: { type: 'step-details' }, scope: ['checklist', 'hotfix'], hint: false },
  { keys: ['n'], label: 'new hotfix', command: { type: 'open-hotfix' }, scope: ['hotfix'], hint: true },
  { keys: ['H'], label: 'QE handoff', command: { type: 'handoff' }, scope: ['hotfix'], hint: true },
  { keys: ['t'], label: 'timeline', command: { type: 'timeline' }, scope: ['hotfix'], hint: true },
  { keys: ['e'], label: 'severity / report time', command: { type: 'edit-hotfix' }, scope: ['hotfix'], hint: false },
  { keys: ['x'], label: 'close hotfix', command: { type: 'close-hotfix' }, scope: ['hotfix'], hint: false },
  { keys: ['/'], label: 'filter', command: { type: 'filter' }, scope: ['status'], hint: true },
  { keys: ['s'], label: 'send (asks first)', command: { type: 'send-notice' }, scope: ['notices'], hint: true },
  { keys: ['e'], label: 'edit fields', command: { type: 'edit-notice' }, scope: ['notices'], hint: true },
  { keys: ['p'], label: 'payload / preview', command: { type: 'toggle-payload' }, scope: ['notices'], hint: true },
  { keys: ['up', 'k'], label: 'up', command: { type: 'move', delta: -1 }, scope: LISTS, hint: false },
  { keys: ['down', 'j'], label: 'down', command: { type: 'move', delta: 1 }, scope: LISTS, hint: false },
  { keys: ['pageup', 'ctrl-u'], label: 'page up', command: { type: 'move', delta: -10 }, scope: LISTS, hint: false },
  { keys: ['pagedown', 'ctrl-d'], label: 'page down', command: { type: 'move', delta: 10 }, scope: LISTS, hint: false },
  { keys: ['home', 'g'], label: 'first', command: { type: 'move', delta: -Infinity }, scope: LISTS, hint: false },
  { keys: ['end', 'G'], label: 'last', command: { type: 'move', delta: Infinity }, scope: LISTS, hint: false },
  ...SCREEN_KEYS.map(([key, screen, title]): Binding => ({
    keys: [key],
    label: title,
    command: { type: 'screen', screen },
    scope: 'global',
    hint: false,
  })),
  { keys: ['tab', 'right', 'l'], label: 'next screen', command: { type: 'cycle', delta: 1 }, scope: 'global', hint: false },
  { keys: ['shift-tab', 'left', 'h'], label: 'previous screen', command: { type: 'cycle', delta: -1 }, scope: 'global', hint: false },
  { keys: ['r'], label: 'refresh', command: { type: 'refresh' }, scope: 'global', hint: true },
  { keys: ['>'], label: 'demo: the next real-world event', command: { type: 'demo-next' }, scope: 'global', hint: false },
  { keys: ['?'], label: 'help', command: { type: 'help' }, scope: 'global', hint: true },
  { keys: ['escape'], label: 'close help, details or message', command: { type: 'close' }, scope: 'global', hint: false },
  { keys: ['q', 'ctrl-c'], label: 'quit', command: { type: 'quit' }, scope: 'global', hint: true },
];

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
  if (key.ctrl && input) return `ctrl-${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input;
}

/**
 * Keys typed faster than a frame (or sent by tmux, or held down) arrive as one string: "jjj".
 * Each character is its own keypress, and comes with the text it came from: when one key opens a
 * form, the keys after it in the same chunk are text for that form, not commands.
 */
export function pressedKeys(input: string, key: Key): Array<{ readonly name: string; readonly text: string }> {
  const special =
    key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.escape || key.ctrl || key.meta;
  if (special || input.length <= 1) return [{ name: keyName(input, key), text: input }];
  const names: Record<string, string> = { '\r': 'enter', '\n': 'enter', '\t': 'tab', ' ': 'space' };
  return [...input].flatMap((ch) => {
    const name = names[ch] ?? (/[\u0000-\u001f\u007f]/.test(ch) ? undefined : ch);
    return name ? [{ name, text: ch }] : [];
  });
}

const applies = (binding: Binding, screen: ScreenId): boolean => binding.scope === 'global' || binding.scope.includes(screen);

/** Screen bindings win over global ones, so a screen can reuse a letter. */
export function commandFor(name: string, screen: ScreenId): Command | undefined {
  const matches = BINDINGS.filter((b) => b.keys.includes(name) && applies(b, screen));
  return (matches.find((b) => b.scope !== 'global') ?? matches[0])?.command;
}

export function bindingsFor(screen: ScreenId): Binding[] {
  return BINDINGS.filter((b) => applies(b, screen));
}

const DISPLAY: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  escape: 'Esc',
  'shift-tab': 'S-Tab',
  'ctrl-c': 'C-c',
  'ctrl-u': 'C-u',
  'ctrl-d': 'C-d',
};
export const displayKey = (name: string): string => DISPLAY[name] ?? name;
