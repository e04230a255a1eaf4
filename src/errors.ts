/** Exit codes, documented in the README and --help. */
export const EXIT = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  backendUnreachable: 3,
  internal: 4,
} as const;

/** A mistake in how the command was called: one line on stderr, exit 2, no stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
