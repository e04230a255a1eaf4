import { SourceError } from './source.js';

/** An ISO time from outside, or undefined when it is missing or not a time. */
export function parseInstant(text: string | null | undefined): number | undefined {
  const ms = text ? Date.parse(text) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** What fetch() threw, as one sentence: "Prow did not answer within 15s", "cannot reach … (ECONNREFUSED)". */
export function describeFetchFailure(error: unknown, what: string, where: string, timeoutMs: number): SourceError {
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') return new SourceError(`${what} did not answer within ${timeoutMs / 1000}s`);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message;
  return new SourceError(`cannot reach ${what} at ${where}${why ? ` (${why})` : ''}`);
}
