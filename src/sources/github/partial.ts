import * as z from 'zod/mini';
import '../../zod-setup.js';

/**
 * GitHub answers a query part of which it cannot resolve with `data` and `errors` side by side:
 * a repository it cannot find or may not show is `null` in `data`, and its error's `path` names
 * the alias (`["r1"]`, type NOT_FOUND or FORBIDDEN). Octokit throws a GraphqlResponseError that
 * carries both. Here each error is traced to the repository and the part of it that is missing.
 */
const graphqlError = z.object({
  message: z.optional(z.string()),
  type: z.optional(z.string()),
  path: z.optional(z.array(z.union([z.string(), z.number()]))),
});
export type GraphqlProblem = z.infer<typeof graphqlError>;

/** The errors of an answer, each as far as it is readable; an unreadable one still counts as an error. */
export function graphqlProblems(raw: unknown): GraphqlProblem[] {
  return (Array.isArray(raw) ? raw : []).map((e) => {
    const parsed = graphqlError.safeParse(e);
    return parsed.success ? parsed.data : {};
  });
}

/** Checks come from the branch heads; facts are tags, releases and pull requests. */
export type RepoPart = 'checks' | 'facts';

/** The parts of a repository an error took out: all of it when the repository itself is null. */
export function partsOf(path: readonly (string | number)[]): RepoPart[] {
  const field = path[1];
  if (field === 'main' || field === 'release') return ['checks'];
  if (field === undefined || field === 'name') return ['checks', 'facts'];
  return ['facts'];
}

/** What one answer left out of each repository, with GitHub's reason: the first error that names it. */
export class LeftOut {
  private readonly parts = new Map<string, Map<RepoPart, string>>();

  add(repo: string, parts: readonly RepoPart[], reason: string): void {
    const known = this.parts.get(repo) ?? new Map<RepoPart, string>();
    for (const part of parts) if (!known.has(part)) known.set(part, reason);
    this.parts.set(repo, known);
  }

  has(repo: string, part: RepoPart): boolean {
    return this.parts.get(repo)?.has(part) ?? false;
  }

  /** Repositories whose checks are missing, with why: their cells keep their last good results. */
  checks(): Map<string, string> {
    return new Map([...this.parts].flatMap(([repo, parts]) => (parts.has('checks') ? [[repo, parts.get('checks')!] as const] : [])));
  }

  /** Every repository something is missing from, with the first reason. */
  repos(): Array<{ repo: string; reason: string }> {
    return [...this.parts].map(([repo, parts]) => ({ repo, reason: [...parts.values()][0]! }));
  }
}

/** GitHub's message, naming the repository when the message does not. */
export function describeProblem(problem: GraphqlProblem, owner: string, repo: string): string {
  const message = problem.message ?? `${problem.type ?? 'an error'} with no message`;
  return message.includes(repo) ? `GitHub: ${message}` : `GitHub, for ${owner}/${repo}: ${message}`;
}
