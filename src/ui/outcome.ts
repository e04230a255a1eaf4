import { outcomeText, type Outcome } from '../domain/outcome.js';
import { uiActions, type AppStore, type Flash } from '../store/app-store.js';

const LEVEL: Record<Outcome['kind'], Flash['level']> = { done: 'info', refused: 'warn', failed: 'error' };

/** The one place an action's outcome becomes the message line: done is news, refused a warning, failed an error. */
export function showOutcome(store: AppStore, outcome: Outcome): Outcome {
  uiActions.flash(store, { level: LEVEL[outcome.kind], text: outcomeText(outcome) });
  return outcome;
}

/** Runs an action and shows what it came to (a refresh comes to nothing to say). */
export async function act(store: AppStore, action: Promise<Outcome | void>): Promise<Outcome | void> {
  const outcome = await action;
  return outcome ? showOutcome(store, outcome) : undefined;
}
