/** One thing a check looked for: found (the evidence a step shows) or not yet (why it waits). */
export interface Finding {
  readonly ok: boolean;
  readonly text: string;
}
