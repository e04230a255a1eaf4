import { uiActions } from '../../../store/app-store.js';
import { act, say } from '../../outcome.js';
import { formatAgo } from '../../../domain/time.js';
import type { Binding, InputContext, Mode } from '../binding.js';
import { SCREENS, screenOf } from '../../screens/registry.js';
import { showHandover } from './pager.js';

const move = (delta: number) => (ctx: InputContext) => {
  const state = ctx.store.getState();
  uiActions.moveCursor(ctx.store, delta, screenOf(state.screen).rows(state));
};

/** Up and down in a screen's list, for screens that have one. */
export const LIST_BINDINGS: readonly Binding[] = [
  { keys: ['up', 'k'], label: 'up', run: move(-1) },
  { keys: ['down', 'j'], label: 'down', run: move(1) },
  { keys: ['pageup', 'ctrl-u'], label: 'page up', run: move(-10) },
  { keys: ['pagedown', 'ctrl-d'], label: 'page down', run: move(10) },
  { keys: ['home', 'g'], label: 'first', run: move(-Infinity) },
  { keys: ['end', 'G'], label: 'last', run: move(Infinity) },
];

/** Undoing is recorded too (a compensating event; the Log keeps both), so it asks first, naming what it undoes. */
function askToUndo(ctx: InputContext): void {
  const undo = ctx.actions.undoable();
  if (!undo.ok) return say(ctx.store, 'warn', undo.reason);
  const ago = formatAgo(undo.at, ctx.store.getState().now);
  uiActions.ask(ctx.store, {
    text: `Undo "${undo.what}" (recorded ${ago})?`,
    yes: 'undoes it (the journal keeps both)',
    run: () => void act(ctx.store, ctx.actions.undoLast()),
  });
}

/** Keys on every screen. */
export const GLOBAL_BINDINGS: readonly Binding[] = [
  ...SCREENS.map((screen): Binding => ({
    keys: [screen.key],
    label: screen.title,
    group: 'go to a screen (see the tabs)',
    run: (ctx) => uiActions.showScreen(ctx.store, screen.id),
  })),
  { keys: ['tab', 'right', 'l'], label: 'next screen', run: (ctx) => uiActions.cycleScreen(ctx.store, 1) },
  { keys: ['shift-tab', 'left', 'h'], label: 'previous screen', run: (ctx) => uiActions.cycleScreen(ctx.store, -1) },
  { keys: ['r'], label: 'refresh', hint: true, run: (ctx) => void act(ctx.store, ctx.actions.refresh()) },
  {
    keys: ['>'],
    label: "demo: the next real-world event (the hotfix's on the Hotfix screen)",
    run: (ctx) => void act(ctx.store, ctx.actions.advanceDemo(ctx.store.getState().screen === 'hotfix' ? 'hotfix' : 'release')),
  },
  { keys: ['u'], label: 'undo your last recorded action', records: true, run: askToUndo },
  {
    keys: ['R'],
    label: "use the release's rulebook",
    run: (ctx) => void act(ctx.store, ctx.actions.rulebook.use()),
  },
  { keys: ['W'], label: 'hand-over (w saves, s posts)', run: showHandover },
  { keys: ['Z'], label: 'UTC / your zone', hint: true, run: (ctx) => uiActions.toggleUtc(ctx.store) },
  { keys: ['?'], label: 'help', hint: true, run: (ctx) => uiActions.toggleHelp(ctx.store) },
  { keys: ['escape'], label: 'close details or message', run: (ctx) => uiActions.closeOverlays(ctx.store) },
  { keys: ['q', 'ctrl-c'], label: 'quit', hint: true, run: (ctx) => ctx.exit() },
];

/** A screen's own bindings, then its list's, then the global ones: a screen may reuse a letter. */
export function normalBindings(ctx: InputContext): Binding[] {
  const screen = screenOf(ctx.store.getState().screen);
  return [...screen.bindings, ...(screen.list ? LIST_BINDINGS : []), ...GLOBAL_BINDINGS];
}

export const normalMode: Mode = {
  id: 'normal',
  title: 'This screen',
  bindings: normalBindings,
};
