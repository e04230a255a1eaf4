import { outcomeText, type Outcome } from '../domain/outcome.js';
import { uiActions, type AppStore, type Flash } from '../store/app-store.js';

const LEVEL: Record<Outcome['kind'], Flash['level']> = { done: 'info', refused: 'warn', failed: 'error' };

/** Actions in the order they started: a slow one that ends after a quicker later one says nothing over it. */
let lastTicket = 0;

/** The one place an action's outcome becomes the message line: done is news, refused a warning, failed an error. */
export function showOutcome(store: AppStore, outcome: Outcome, ticket = (lastTicket += 1)): Outcome {
  const shown = store.getState().flash?.ticket ?? 0;
  if (shown > ticket) return outcome;
  uiActions.flash(store, { level: LEVEL[outcome.kind], text: outcomeText(outcome), ticket });
  return outcome;
}

/** A message of the UI's own (a key's refusal, a hint), in the same order as the actions' outcomes. */
export function say(store: AppStore, level: Flash['level'], text: string): void {
  uiActions.flash(store, { level, text, ticket: (lastTicket += 1) });
}

/** Runs an action and shows what it came to (a refresh comes to nothing to say), unless a later action already said something. */
export async function act(store: AppStore, action: Promise<Outcome | void>): Promise<Outcome | void> {
  const ticket = (lastTicket += 1);
  const outcome = await action;
  return outcome ? showOutcome(store, outcome, ticket) : undefined;
}
