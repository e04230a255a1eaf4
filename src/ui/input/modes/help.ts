import { uiActions } from '../../../store/app-store.js';
import type { InputContext, Mode } from '../binding.js';

/** A page of the help: the body less its title line. */
const scroll = (delta: (page: number) => number) => (ctx: InputContext) =>
  uiActions.scrollHelp(ctx.store, delta(Math.max(1, ctx.bodyHeight - 1)));

/** The help over the screen: every key of every mode, generated from these tables. */
export const helpMode: Mode = {
  id: 'help',
  title: 'In the help',
  bindings: () => [
    { keys: ['escape', '?', 'q', 'ctrl-c'], label: 'close the help', hint: true, run: (ctx) => uiActions.toggleHelp(ctx.store) },
    { keys: ['down', 'j'], label: 'scroll down', hint: true, run: scroll(() => 1) },
    { keys: ['up', 'k'], label: 'scroll up', run: scroll(() => -1) },
    { keys: ['pagedown', 'space'], label: 'next page', run: scroll((page) => page) },
    { keys: ['pageup'], label: 'previous page', run: scroll((page) => -page) },
  ],
};
