import * as z from 'zod/mini';
import '../../zod-setup.js';
import { LEDGER_ALIAS, MANIFEST_ALIAS, RELEASE_MERGES_ALIAS } from './query.js';

/**
 * GitHub's answer is untrusted: parsed here once, into the few fields we use. Unknown enum values
 * (GitHub adds them) are kept as strings and mapped to `error` later, never crash the parse.
 */
const str = z.string();

/** The items of one of GitHub's lists, which holds null for an item it could not resolve. */
export const present = <T>(items: readonly (T | null)[] | undefined): T[] => (items ?? []).filter((item): item is T => item !== null);
const maybe = z.nullish(str);

const context = z.union([
  z.object({
    __typename: z.literal('StatusContext'),
    context: str,
    state: str,
    description: maybe,
    targetUrl: maybe,
    createdAt: maybe,
  }),
  z.object({
    __typename: z.literal('CheckRun'),
    name: str,
    status: str,
    conclusion: maybe,
    detailsUrl: maybe,
    startedAt: maybe,
    completedAt: maybe,
    // Asked for on tags only: the workflow run a check run belongs to.
    checkSuite: z.nullish(
      z.object({
        status: str,
        conclusion: maybe,
        workflowRun: z.nullish(z.object({ url: str, workflow: z.object({ name: str }) })),
      }),
    ),
  }),
]);
export type RawContext = z.infer<typeof context>;

export const contextsPage = z.object({
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: maybe }),
  nodes: z.array(z.nullable(context)),
});

const branchHead = z.nullable(
  z.object({
    name: str,
    target: z.nullish(
      z.object({
        id: z.optional(str),
        oid: z.optional(str),
        url: maybe,
        committedDate: maybe,
        statusCheckRollup: z.nullish(z.object({ state: str, contexts: contextsPage })),
      }),
    ),
  }),
);
export type RawBranchHead = z.infer<typeof branchHead>;

/** The checks on a tag's commit: one page is all a tag's commit has (see query.ts). */
const tagChecks = z.nullish(z.object({ contexts: z.object({ nodes: z.array(z.nullable(context)) }) }));

const tag = z.object({
  name: str,
  target: z.nullish(
    z.object({
      oid: str,
      committedDate: maybe,
      tagger: z.nullish(z.object({ date: maybe })),
    }),
  ),
});

/** One of the newest tags, with its commit's checks: the commit itself, or an annotated tag's target. */
const checkedTag = z.object({
  name: str,
  target: z.nullish(
    z.object({
      statusCheckRollup: tagChecks,
      target: z.nullish(z.object({ statusCheckRollup: tagChecks })),
    }),
  ),
});

const pullRequest = z.object({
  number: z.number(),
  title: str,
  url: str,
  state: str,
  headRefName: str,
  baseRefName: str,
  headRefOid: maybe,
  createdAt: maybe,
  mergedAt: maybe,
  changedFiles: z.nullish(z.number()),
  reviewDecision: maybe,
  body: maybe,
  author: z.nullish(z.object({ login: str })),
  latestOpinionatedReviews: z.nullish(
    z.object({ nodes: z.nullish(z.array(z.nullable(z.object({ state: str, author: z.nullish(z.object({ login: str })) })))) }),
  ),
  mergeCommit: z.nullish(z.object({ oid: str })),
  labels: z.nullish(z.object({ nodes: z.array(z.nullable(z.object({ name: str }))) })),
  commits: z.nullish(
    z.object({
      nodes: z.nullish(z.array(z.nullable(z.object({ commit: z.object({ statusCheckRollup: z.nullish(z.object({ state: str })) }) })))),
    }),
  ),
  // Asked of a found pull request only: its repository (the search spans the organisation).
  repository: z.nullish(z.object({ name: str })),
});
export type RawPullRequest = z.infer<typeof pullRequest>;

const repository = z.nullable(
  z.object({
    name: str,
    main: branchHead,
    release: branchHead,
    tags: z.nullish(z.object({ nodes: z.array(z.nullable(tag)) })),
    checkedTags: z.nullish(z.object({ nodes: z.array(z.nullable(checkedTag)) })),
    // Asked only of a repository with an open hotfix.
    pullRequests: z.nullish(z.object({ nodes: z.array(z.nullable(pullRequest)) })),
  }),
);
export type RawRepository = z.infer<typeof repository>;

export const rateLimit = z.nullish(z.object({ cost: z.number(), remaining: z.number(), limit: z.number(), resetAt: str }));

/** A Git object at `<branch>:RELEASE_MANIFEST.yaml`: a blob's text (null when binary), or null when there is none. */
const manifestBlob = z.nullish(z.object({ text: maybe, byteSize: z.nullish(z.number()), isTruncated: z.nullish(z.boolean()) }));
/** `onMain`, `onRelease`, and `ref0`, `ref1`, … for the other refs asked for. */
const manifestReads = z.nullish(z.catchall(z.object({ onMain: manifestBlob, onRelease: manifestBlob }), manifestBlob));

/** The search asks for pull requests only (`is:pr`): every item is one. */
const searchedPullRequests = z.nullish(z.object({ nodes: z.array(z.nullable(pullRequest)) }));

/** The shared ledger's repository, with its branch's head; null ref: the branch does not exist yet. */
const ledgerHead = z.nullish(z.object({ ref: z.nullish(z.object({ target: z.nullish(z.object({ oid: str })) })) }));

export const statusResponse = z.catchall(
  z.object({
    viewer: z.object({ login: str }),
    rateLimit,
    [MANIFEST_ALIAS]: manifestReads,
    [RELEASE_MERGES_ALIAS]: searchedPullRequests,
    [LEDGER_ALIAS]: ledgerHead,
  }),
  repository,
);

/** `c0`, `c1`, …: each commit of a round of next pages. */
export const moreContextsResponse = z.catchall(
  z.object({ rateLimit }),
  z.nullish(z.object({ statusCheckRollup: z.nullish(z.object({ contexts: contextsPage })) })),
);
