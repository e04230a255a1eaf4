import type { CommitObservation } from '../../domain/observations.js';
import { describeProblem, type GraphqlProblem, type LeftOut } from './partial.js';
import { moreContextsAlias, moreContextsQuery } from './query.js';
import { contextsPage, moreContextsResponse, present, type RawContext } from './response.js';
import type * as z from 'zod/mini';

export type Ask = (query: string, variables: Record<string, unknown>) => Promise<{ data: unknown; errors: GraphqlProblem[] }>;
type RateLimit = z.infer<typeof moreContextsResponse>['rateLimit'];

/** A branch head and its checks as read so far; `after`: where its next page starts, null when there is none. */
export interface HeadChecks {
  readonly commit: Omit<CommitObservation, 'checks'>;
  readonly id: string;
  readonly contexts: RawContext[];
  after: string | null;
}

type Page = z.infer<typeof contextsPage>;

/**
 * Adds a page to what a head's checks are so far, and notes where its next page starts. Without a
 * cursor or an id to ask it by, the next page cannot be read: the head's checks are left out.
 */
export function takePage(head: HeadChecks, page: Page | undefined, leftOut: LeftOut, org: string): void {
  head.contexts.push(...present(page?.nodes));
  const more = page?.pageInfo.hasNextPage ?? false;
  head.after = more ? (page?.pageInfo.endCursor ?? null) : null;
  if (more && (!head.after || !head.id))
    leftOut.add(head.commit.repo, ['checks'], `GitHub, for ${org}/${head.commit.repo}: the next page of its checks cannot be asked for`);
}

/**
 * Reads the rest of every branch head's checks: one request per round, with the next page of
 * each head that has more, so 30 heads of 250 checks take two rounds, not 60 requests. A page
 * left out leaves that head's checks out (a red check left out would read as green); the others
 * are read on. Returns GitHub's last budget and what the rounds cost.
 */
export async function readFurtherPages(
  ask: Ask,
  heads: readonly HeadChecks[],
  leftOut: LeftOut,
  org: string,
): Promise<{ rateLimit: RateLimit; cost: number }> {
  let rateLimit: RateLimit;
  let cost = 0;
  const pending = () => heads.filter((h) => h.after !== null && !leftOut.has(h.commit.repo, 'checks'));
  for (let round = pending(); round.length > 0; round = pending()) {
    const variables = Object.fromEntries(round.flatMap((h, i) => [[`id${i}`, h.id] as const, [`after${i}`, h.after] as const]));
    const more = await ask(moreContextsQuery(round.length), variables);
    const next = moreContextsResponse.safeParse(more.data);
    if (next.success) {
      rateLimit = next.data.rateLimit ?? rateLimit;
      cost += next.data.rateLimit?.cost ?? 0;
    }
    round.forEach((head, i) => {
      const alias = moreContextsAlias(i);
      const { repo } = head.commit;
      // An error without a path may be about any of them.
      const problem = more.errors.find((e) => e.path === undefined || e.path[0] === alias);
      const page = next.success ? next.data[alias]?.statusCheckRollup?.contexts : undefined;
      if (problem || !page) {
        leftOut.add(
          repo,
          ['checks'],
          describeProblem(problem ?? { message: 'the next page of its checks was not in the answer' }, org, repo),
        );
        return;
      }
      takePage(head, page, leftOut, org);
    });
  }
  return { rateLimit, cost };
}
