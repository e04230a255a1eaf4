import type { Outcome } from '../app/outcome.js';
import { uiActions, type AppStore, type Flash } from '../store/app-store.js';

const LEVEL: Record<Outcome['kind'], Flash['level']> = { done: 'info', refused: 'warn', failed: 'error' };
const TEXT = (outcome: Outcome): string =>
  outcome.kind === 'done' ? outcome.message : outcome.kind === 'refused' ? outcome.reason : outcome.error;

/** The one place an action's outcome becomes the message line: done is news, refused a warning, failed an error. */
export function showOutcome(store: AppStore, outcome: Outcome): Outcome {
  uiActions.flash(store, { level: LEVEL[outcome.kind], text: TEXT(outcome) });
  return outcome;
}

export const isOutcome = (value: unknown): value is Outcome =>
  typeof value === 'object' && value !== null && ['done', 'refused', 'failed'].includes((value as { kind?: unknown }).kind as string);

/** Runs an action and shows what it came to. */
export async function act(store: AppStore, action: Promise<unknown>): Promise<Outcome | null> {
  const outcome = await action;
  if (!isOutcome(outcome)) return null;
  return showOutcome(store, outcome);
}
