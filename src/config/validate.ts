import type * as z from 'zod/mini';
import { ConfigError } from './errors.js';
import { errorAt, firstAliasLine, lineOf, MAX_ALIAS_EXPANSIONS, type YamlFile } from './yaml-file.js';

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
      if (input === undefined) return `missing; expected ${issue.expected}`;
      // Our schemas give some types a message that says what to write; zod's own say "Invalid input".
      return issue.message.startsWith('Invalid input')
        ? `expected ${issue.expected}, got ${describe(input)}`
        : `${issue.message}; got ${describe(input)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; got ${describe(input)}`;
    case 'invalid_union':
      return `not one of the allowed forms; got ${describe(input)}`;
    default:
      return issue.message;
  }
}

/** Edit distance, to tell a misspelt key from an unknown one. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

const isMissing = (issue: z.core.$ZodIssue): boolean => issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
const parentKey = (path: readonly PropertyKey[]): string => JSON.stringify(path.slice(0, -1));

/**
 * Every zod issue as a ConfigError with the file's line; unknown keys point at the key itself.
 * A misspelt key shows up twice in zod (unknown "sprintLenght", missing "sprintLength"): it is
 * reported once, as the misspelling, with the key that was meant.
 */
function toErrors(file: YamlFile, issues: readonly z.core.$ZodIssue[]): ConfigError[] {
  const missing = issues.filter(isMissing);
  const explained = new Set<z.core.$ZodIssue>();
  const errors = issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return [];
    return issue.keys.map((key) => {
      const meant = missing.find((m) => parentKey(m.path) === JSON.stringify(issue.path) && distance(String(m.path.at(-1)), key) <= 2);
      if (meant) explained.add(meant);
      const problem = meant
        ? `unknown key; did you mean "${String(meant.path.at(-1))}"?`
        : 'unknown key; check the spelling (see docs/configuration.md)';
      return errorAt(file, [...issue.path, key], problem);
    });
  });
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys' && !explained.has(issue)) errors.push(errorAt(file, issue.path, problemText(issue)));
  }
  return errors;
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

export function parseWith<S extends z.ZodMiniType>(file: YamlFile, schema: S): z.output<S> {
  let value: unknown;
  try {
    value = file.doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (error) {
    // yaml's own alias limit, behind ours (readYamlFile): its reason, on the line aliases start.
    throw new ConfigError(file.display, firstAliasLine(file), null, `invalid YAML: ${(error as Error).message}`);
  }
  const result = schema.safeParse(value ?? {}, { reportInput: true });
  if (!result.success) throwFirst(toErrors(file, result.error.issues));
  return result.data as z.output<S>;
}

export { lineOf };
