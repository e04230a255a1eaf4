import { IDENTIFIER_LIMIT, lengthProblem, TEXT_LIMIT } from '../domain/limits.js';
import { UsageError } from '../errors.js';

/** Flags whose text goes into the journal as typed, and the limit the journal reads it back under. */
const FLAG_LIMITS = {
  summary: TEXT_LIMIT,
  note: TEXT_LIMIT,
  reason: TEXT_LIMIT,
  mitigation: TEXT_LIMIT,
  comment: TEXT_LIMIT,
  tracking: TEXT_LIMIT,
  key: IDENTIFIER_LIMIT,
  for: IDENTIFIER_LIMIT,
  affects: IDENTIFIER_LIMIT,
  layer: IDENTIFIER_LIMIT,
  release: IDENTIFIER_LIMIT,
} as const;

/**
 * Refuses (usage error, exit 2) any flag longer than the journal keeps, before anything is read
 * or written: `--summary is 10,001 characters; the limit is 10,000`. `--set FIELD=TEXT` is
 * checked per field, its name as an identifier and its text as free text.
 */
export function checkFlagLengths(values: { readonly [flag: string]: unknown }): void {
  const problems = Object.entries(FLAG_LIMITS).map(([flag, limit]) => {
    const value = values[flag];
    return typeof value === 'string' ? lengthProblem(`--${flag}`, value, limit) : null;
  });
  const pairs = Array.isArray(values.set) ? (values.set as unknown[]).filter((p): p is string => typeof p === 'string') : [];
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) continue; // not FIELD=TEXT: said where the pairs are read
    const field = pair.slice(0, at);
    problems.push(
      lengthProblem('--set field name', field, IDENTIFIER_LIMIT) ?? lengthProblem(`--set ${field}`, pair.slice(at + 1), TEXT_LIMIT),
    );
  }
  const problem = problems.find((p) => p !== null);
  if (problem) throw new UsageError(problem);
}
