/**
 * What an action came to. Actions return one; the UI turns it into the message line in one place
 * (ui/outcome.ts), the CLI into stdout or stderr and an exit code. No action writes a message itself.
 */
export type Outcome =
  /** It happened; `message` says what ("Done: Cut release-0.4"). */
  | { readonly kind: 'done'; readonly message: string }
  /** It was not done, and why; `field` names the form field (or flag) whose value is the reason. */
  | { readonly kind: 'refused'; readonly reason: string; readonly field?: string }
  /** It was tried and failed (the journal could not be written, Slack answered an error). */
  | { readonly kind: 'failed'; readonly error: string };

export const done = (message: string): Outcome => ({ kind: 'done', message });
export const refused = (reason: string, field?: string): Outcome => ({ kind: 'refused', reason, ...(field ? { field } : {}) });
export const failed = (error: string): Outcome => ({ kind: 'failed', error });

/** What to say when a recording went through: `null` from an append means it is in the journal. */
export const recorded = (problem: Outcome | null, message: string): Outcome => problem ?? done(message);

/** The one line an outcome comes to, for whoever shows it. */
export const outcomeText = (outcome: Outcome): string =>
  outcome.kind === 'done' ? outcome.message : outcome.kind === 'refused' ? outcome.reason : outcome.error;
