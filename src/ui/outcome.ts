import { outcomeText, type Outcome } from '../app/outcome.js';
import { uiActions, type AppStore, type Flash } from '../store/app-store.js';

const LEVEL: Record<Outcome['kind'], Flash['level']> = { done: 'info', refused: 'warn', failed: 'error' };

/** The one place an action's outcome becomes the message line: done is news, refused a warning, failed an error. */
export function showOutcome(store: AppStore, outcome: Outcome): Outcome {
  uiActions.flash(store, { level: LEVEL[outcome.kind], text: outcomeText(outcome) });
  return outcome;
}
