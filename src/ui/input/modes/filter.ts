import { uiActions } from '../../../store/app-store.js';
import type { Mode } from '../binding.js';

/** Typing a filter on the Status screen: keys are text. */
export const filterMode: Mode = {
  id: 'filter',
  title: 'While typing a filter (Status)',
  bindings: () => [
    { keys: ['enter'], label: 'keep the filter', hint: true, run: (ctx) => uiActions.endFilter(ctx.store, true) },
    { keys: ['escape', 'ctrl-c'], label: 'clear the filter', hint: true, run: (ctx) => uiActions.endFilter(ctx.store, false) },
    { keys: ['backspace'], label: 'delete a character', run: (ctx) => uiActions.editFilter(ctx.store, { type: 'backspace' }) },
  ],
  text: (ctx, text) => uiActions.editFilter(ctx.store, { type: 'append', text }),
};
