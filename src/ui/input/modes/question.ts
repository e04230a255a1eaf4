import { uiActions } from '../../../store/app-store.js';
import type { Mode } from '../binding.js';

const cancel = (ctx: Parameters<NonNullable<Mode['otherwise']>['run']>[0]) => uiActions.ask(ctx.store, null);

/** A yes/no question in the footer: an explicit `y` does it, any other key is a no. */
export const questionMode: Mode = {
  id: 'question',
  title: 'When asked (y/n in the footer)',
  bindings: (ctx) => [
    {
      keys: ['y'],
      label: ctx.store.getState().question?.yes ?? 'yes',
      hint: true,
      run: (c) => {
        const question = c.store.getState().question;
        uiActions.ask(c.store, null);
        question?.run();
      },
    },
    { keys: ['n', 'escape', 'ctrl-c'], label: 'no: nothing happens', hint: true, run: cancel },
  ],
  otherwise: { keys: ['any other key'], label: 'no: nothing happens', run: cancel },
};
