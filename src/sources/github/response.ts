import { z } from 'zod';

/**
 * GitHub's answer is untrusted: parsed here once, into the few fields we use. Unknown enum values
 * (GitHub adds them) are kept as strings and mapped to `error` later, never crash the parse.
 */
const context = z.union([
  z.object({
    __typename: z.literal('StatusContext'),
    context: z.string(),
    state: z.string(),
    description: z.string().nullish(),
    targetUrl: z.string().nullish(),
    createdAt: z.string().nullish(),
  }),
  z.object({
    __typename: z.literal('CheckRun'),
    name: z.string(),
    status: z.string(),
    conclusion: z.string().nullish(),
    detailsUrl: z.string().nullish(),
    startedAt: z.string().nullish(),
    completedAt: z.string().nullish(),
  }),
]);
export type RawContext = z.infer<typeof context>;

export const contextsPage = z.object({
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() }),
  nodes: z.array(context.nullable()),
});

const branchHead = z
  .object({
    name: z.string(),
    target: z
      .object({
        id: z.string().optional(),
        oid: z.string().optional(),
        url: z.string().nullish(),
        committedDate: z.string().nullish(),
        statusCheckRollup: z.object({ state: z.string(), contexts: contextsPage }).nullish(),
      })
      .nullish(),
  })
  .nullable();
export type RawBranchHead = z.infer<typeof branchHead>;

const repository = z
  .object({
    name: z.string(),
    main: branchHead,
    release: branchHead,
    tags: z
      .object({
        nodes: z.array(
          z
            .object({
              name: z.string(),
              target: z
                .object({
                  oid: z.string(),
                  committedDate: z.string().nullish(),
                  tagger: z.object({ date: z.string().nullish() }).nullish(),
                })
                .nullish(),
            })
            .nullable(),
        ),
      })
      .nullish(),
    releases: z
      .object({
        nodes: z.array(
          z
            .object({
              tagName: z.string(),
              name: z.string().nullish(),
              isPrerelease: z.boolean(),
              publishedAt: z.string().nullish(),
              url: z.string(),
            })
            .nullable(),
        ),
      })
      .nullish(),
    pullRequests: z
      .object({
        nodes: z.array(
          z
            .object({
              number: z.number(),
              title: z.string(),
              url: z.string(),
              state: z.string(),
              headRefName: z.string(),
              baseRefName: z.string(),
              headRefOid: z.string().nullish(),
              createdAt: z.string().nullish(),
              mergedAt: z.string().nullish(),
              changedFiles: z.number().nullish(),
              reviewDecision: z.string().nullish(),
              author: z.object({ login: z.string() }).nullish(),
              mergeCommit: z.object({ oid: z.string() }).nullish(),
              labels: z.object({ nodes: z.array(z.object({ name: z.string() }).nullable()) }).nullish(),
              commits: z
                .object({
                  nodes: z
                    .array(z.object({ commit: z.object({ statusCheckRollup: z.object({ state: z.string() }).nullish() }) }).nullable())
                    .nullish(),
                })
                .nullish(),
            })
            .nullable(),
        ),
      })
      .nullish(),
  })
  .nullable();
export type RawRepository = z.infer<typeof repository>;

export const rateLimit = z.object({ cost: z.number(), remaining: z.number(), limit: z.number(), resetAt: z.string() }).nullish();

export const statusResponse = z.object({ viewer: z.object({ login: z.string() }), rateLimit }).catchall(repository);

export const moreContextsResponse = z.object({
  rateLimit,
  node: z.object({ statusCheckRollup: z.object({ contexts: contextsPage }).nullish() }).nullable(),
});
