import type { Outcome } from '../app/outcome.js';
import { uiActions, type AppStore } from '../store/app-store.js';

/** The one place an action's outcome becomes the message line. */
export function showOutcome(store: AppStore, outcome: Outcome): void {
  if (outcome.kind === 'done') uiActions.flash(store, { level: 'info', text: outcome.message });
  else if (outcome.kind === 'refused') uiActions.flash(store, { level: 'warn', text: outcome.reason });
  else uiActions.flash(store, { level: 'error', text: outcome.error });
}

export const isOutcome = (value: unknown): value is Outcome =>
  typeof value === 'object' && value !== null && ['done', 'refused', 'failed'].includes((value as { kind?: unknown }).kind as string);

/** Runs an action and shows what it came to. */
export async function act(store: AppStore, action: Promise<unknown>): Promise<Outcome | null> {
  const outcome = await action;
  if (!isOutcome(outcome)) return null;
  showOutcome(store, outcome);
  return outcome;
}
