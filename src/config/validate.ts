import type { z } from 'zod';
import type { ConfigError } from './errors.js';
import { errorAt, lineOf, type YamlFile } from './yaml-file.js';

const describe = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value === 'string' ? `"${value}"` : `${typeof value} ${String(value)}`;
};

function problemText(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined ? `missing; expected ${issue.expected}` : `expected ${issue.expected}, got ${describe(input)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; got ${describe(input)}`;
    case 'invalid_union':
      return `not one of the allowed forms; got ${describe(input)}`;
    default:
      return issue.message;
  }
}

/** Every zod issue as a ConfigError with the file's line; unknown keys point at the key itself. */
function toErrors(file: YamlFile, issues: readonly z.core.$ZodIssue[]): ConfigError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => errorAt(file, [...issue.path, key], 'unknown key; check the spelling (see docs/configuration.md)'))
      : [errorAt(file, issue.path, problemText(issue))],
  );
}

/** Throws the top-most problem of the file, saying how many more there are. */
export function throwFirst(errors: readonly ConfigError[]): void {
  const sorted = [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const first = sorted[0];
  if (!first) return;
  if (sorted.length > 1) {
    const more = sorted.length - 1;
    first.message += ` (and ${more} more problem${more === 1 ? '' : 's'} in this file)`;
  }
  throw first;
}

export function parseWith<S extends z.ZodType>(file: YamlFile, schema: S): z.output<S> {
  const result = schema.safeParse(file.doc.toJS({ maxAliasCount: 100 }) ?? {}, { reportInput: true });
  if (!result.success) throwFirst(toErrors(file, result.error.issues));
  return result.data as z.output<S>;
}

export { lineOf };
