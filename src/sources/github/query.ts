/**
 * Every GraphQL document the app sends to GitHub. The tests validate each against GitHub's
 * published schema (@octokit/graphql-schema), so a typo fails CI rather than a release day.
 */

const CONTEXT_FIELDS = `
    __typename
    ... on StatusContext { context state description targetUrl createdAt }
    ... on CheckRun { name status conclusion detailsUrl startedAt completedAt }`;

/**
 * A tag's commit carries few checks: Konflux's on-tag builds (image and chart, as commit statuses
 * or as Pipelines as Code check runs) and a workflow run or two. A check run says which workflow
 * run it belongs to, so a workflow run is read by its workflow's name (the release repository's
 * RC E2E trigger) from the same connection, at no extra cost.
 */
const TAG_CHECKS = 20;
const TAG_CONTEXT_FIELDS = `${CONTEXT_FIELDS}
    ... on CheckRun { checkSuite { status conclusion workflowRun { url workflow { name } } } }`;

/**
 * Tag names and dates for the newest 20 tags, but their commits' checks for the newest few only:
 * each tag's checks are a connection of their own (two, as GitHub cannot know whether a tag is
 * lightweight or annotated), so 20 tags of checks were 40 of the 43 requests GitHub counts per
 * repository for tags. What reads them is recent: a new tag's Konflux build (until its image is
 * in the registry) and the RC E2E workflow on the newest RC tag.
 */
export const CHECKED_TAGS = 5;

const FRAGMENTS = `
fragment BranchHead on Ref {
  name
  target {
    ... on Commit {
      id
      oid
      url
      committedDate
      statusCheckRollup {
        state
        contexts(first: 100) {
          pageInfo { hasNextPage endCursor }
          nodes {${CONTEXT_FIELDS}
          }
        }
      }
    }
  }
}

fragment TagChecks on Commit {
  statusCheckRollup {
    contexts(first: ${TAG_CHECKS}) {
      nodes {${TAG_CONTEXT_FIELDS}
      }
    }
  }
}

fragment RepoStatus on Repository {
  name
  main: ref(qualifiedName: "refs/heads/main") { ...BranchHead }
  release: ref(qualifiedName: $releaseBranch) { ...BranchHead }
  tags: refs(refPrefix: "refs/tags/", first: 20, orderBy: { field: TAG_COMMIT_DATE, direction: DESC }) {
    nodes {
      name
      target {
        oid
        ... on Commit { committedDate }
        ... on Tag { tagger { date } }
      }
    }
  }
  checkedTags: refs(refPrefix: "refs/tags/", first: ${CHECKED_TAGS}, orderBy: { field: TAG_COMMIT_DATE, direction: DESC }) {
    nodes {
      name
      target {
        ... on Commit { ...TagChecks }
        ... on Tag { target { ... on Commit { ...TagChecks } } }
      }
    }
  }
}`;

/**
 * What the hotfix and code-freeze rules read of a pull request (domain/fix.ts,
 * domain/exceptions.ts). Its last commit's rollup is a connection of its own, so it is asked
 * only where those rules look, never of every repository's recent pull requests.
 */
const PULL_REQUEST_FRAGMENT = `
fragment PullRequestFacts on PullRequest {
  number title url state headRefName baseRefName headRefOid createdAt mergedAt changedFiles reviewDecision body
  author { login }
  mergeCommit { oid }
  commits(last: 1) { nodes { commit { statusCheckRollup { state } } } }
}`;

/**
 * A repository with an open hotfix: its recent pull requests, with their labels, for the fix
 * PRs that name the hotfix (by title, branch or label) and the scope guard's feature labels.
 */
const HOTFIX_FRAGMENT = `
fragment HotfixPullRequests on Repository {
  pullRequests(states: [OPEN, MERGED], first: 30, orderBy: { field: UPDATED_AT, direction: DESC }) {
    nodes { ...PullRequestFacts labels(first: 10) { nodes { name } } }
  }
}`;

/** The alias of the search for pull requests merged into release branches since code freeze began. */
export const RELEASE_MERGES_ALIAS = 'releaseMerges';
/** More than a freeze's exceptions (Blocker and Critical fixes only) across every component. */
export const RELEASE_MERGES = 30;

/**
 * Every pull request merged into a branch other than main since `since` (code freeze began), in
 * any repository of the organisation: the code-freeze rule keeps those into each component's
 * release branch. The whole organisation, not each repository by `repo:`, because a search that
 * names one repository GitHub cannot find fails as a whole. `since` to the second, rounded down:
 * the rule compares the exact instant.
 */
export function releaseMergesSearch(org: string, since: number): string {
  const at = new Date(Math.floor(since / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return `org:${org} is:pr is:merged -base:main merged:>=${at} sort:updated-desc`;
}

const RELEASE_MERGES_FIELD = `  ${RELEASE_MERGES_ALIAS}: search(type: ISSUE, query: $releaseMerges, first: ${RELEASE_MERGES}) {
    nodes {
      ... on PullRequest {
        ...PullRequestFacts
        repository { name }
        latestOpinionatedReviews(first: 20) { nodes { state author { login } } }
      }
    }
  }`;

/** The alias of the i-th repository in the status query and its response. */
export const repoAlias = (index: number): string => `r${index}`;

/** Where the release repository records a release's combination of component versions. */
export const MANIFEST_PATH = 'RELEASE_MANIFEST.yaml';
/** The alias of the release repository's manifest reads in the status query and its response. */
export const MANIFEST_ALIAS = 'manifest';
/**
 * `refs/heads/<branch>:RELEASE_MANIFEST.yaml`: a Git object expression GitHub resolves as
 * rev-parse does. Fully qualified, since the release repository's release-0.4 is both a branch
 * and (after GA) a tag, and rev-parse would take the tag.
 */
export const manifestExpression = (ref: string): string => `${ref}:${MANIFEST_PATH}`;
/** The alias of the i-th other ref's manifest (an open hotfix's branch and release tag). */
export const manifestRefAlias = (index: number): string => `ref${index}`;

/**
 * The release repository's manifest on main and on the release branch, beside its status, so
 * both are of the same moment as the tags and checks they are compared with; then at each
 * other ref asked for.
 */
const MANIFEST_FIELD = (alias: string, otherRefs: number) =>
  [
    `  ${MANIFEST_ALIAS}: repository(owner: $org, name: $${alias}) {`,
    '    onMain: object(expression: $mainManifest) { ...ManifestFile }',
    '    onRelease: object(expression: $releaseManifest) { ...ManifestFile }',
    ...Array.from(
      { length: otherRefs },
      (_, i) => `    ${manifestRefAlias(i)}: object(expression: $${manifestRefAlias(i)}) { ...ManifestFile }`,
    ),
    '  }',
  ].join('\n');

const MANIFEST_FRAGMENT = `
fragment ManifestFile on GitObject {
  ... on Blob { text byteSize isTruncated }
}`;

/** The alias of the shared ledger's branch head in the status query and its response. */
export const LEDGER_ALIAS = 'ledger';

/**
 * The shared ledger's branch head, beside the status: a refresh learns whether anyone wrote
 * without a request of its own (the ledger reads its history only when the head moved). No
 * connection, so no point more of GitHub's estimate.
 */
const LEDGER_FIELD = `  ${LEDGER_ALIAS}: repository(owner: $org, name: $ledgerRepo) { ref(qualifiedName: $ledgerRef) { target { oid } } }`;

/** What the status query asks of pull requests: only what the hotfix and code-freeze rules read. */
export interface PullRequestReads {
  /** Indices of the repositories with an open hotfix: their recent pull requests, labelled. */
  readonly hotfixRepos?: readonly number[];
  /** Code freeze has begun: the search for what was merged into release branches since (`$releaseMerges`). */
  readonly releaseMerges?: boolean;
}

/**
 * One request for every repository: each is an aliased `repository` field sharing one fragment,
 * so a refresh costs one round trip whatever the number of repositories. `manifestRepo`, the
 * release repository's index, adds its RELEASE_MANIFEST.yaml on main, on the release branch,
 * and at `manifestRefs` other refs; `pullRequests`, the pull requests the rules read; `ledger`,
 * the shared ledger branch's head (`$ledgerRepo`, `$ledgerRef`).
 */
export function statusQuery(
  repoCount: number,
  manifestRepo?: number,
  manifestRefs = 0,
  pullRequests: PullRequestReads = {},
  ledger = false,
): string {
  const manifest = manifestRepo !== undefined && manifestRepo >= 0 && manifestRepo < repoCount;
  const hotfixRepos = new Set((pullRequests.hotfixRepos ?? []).filter((i) => i >= 0 && i < repoCount));
  const { releaseMerges = false } = pullRequests;
  const variables = [
    ...Array.from({ length: repoCount }, (_, i) => `$${repoAlias(i)}: String!`),
    ...(manifest ? ['$mainManifest: String!', '$releaseManifest: String!'] : []),
    ...(manifest ? Array.from({ length: manifestRefs }, (_, i) => `$${manifestRefAlias(i)}: String!`) : []),
    ...(releaseMerges ? ['$releaseMerges: String!'] : []),
    ...(ledger ? ['$ledgerRepo: String!', '$ledgerRef: String!'] : []),
  ].join(', ');
  const fields = [
    ...Array.from(
      { length: repoCount },
      (_, i) =>
        `  ${repoAlias(i)}: repository(owner: $org, name: $${repoAlias(i)}) { ...RepoStatus${hotfixRepos.has(i) ? ' ...HotfixPullRequests' : ''} }`,
    ),
    ...(manifest ? [MANIFEST_FIELD(repoAlias(manifestRepo), manifestRefs)] : []),
    ...(releaseMerges ? [RELEASE_MERGES_FIELD] : []),
    ...(ledger ? [LEDGER_FIELD] : []),
  ].join('\n');
  // A fragment the document does not use is an error: each is added only where it is spread.
  const fragments = [
    FRAGMENTS,
    ...(manifest ? [MANIFEST_FRAGMENT] : []),
    ...(hotfixRepos.size > 0 || releaseMerges ? [PULL_REQUEST_FRAGMENT] : []),
    ...(hotfixRepos.size > 0 ? [HOTFIX_FRAGMENT] : []),
  ].join('');
  return `query HyperfleetStatus($org: String!, $releaseBranch: String!${variables ? `, ${variables}` : ''}) {
  viewer { login }
  rateLimit { cost remaining limit resetAt }
${fields}
}
${fragments}`;
}

/** The alias of the i-th commit in a round of next pages. */
export const moreContextsAlias = (index: number): string => `c${index}`;

/**
 * The next page of checks of every branch head that has more than a page of them, in one
 * request: each commit an aliased `node`, so a round of pages is one round trip whatever the
 * number of repositories.
 */
export function moreContextsQuery(commitCount: number): string {
  const variables = Array.from({ length: commitCount }, (_, i) => `$id${i}: ID!, $after${i}: String!`).join(', ');
  const fields = Array.from(
    { length: commitCount },
    (_, i) =>
      `  ${moreContextsAlias(i)}: node(id: $id${i}) { ... on Commit { statusCheckRollup { contexts(first: 100, after: $after${i}) { ...ContextsPage } } } }`,
  ).join('\n');
  return `query HyperfleetMoreContexts(${variables}) {
  rateLimit { cost remaining limit resetAt }
${fields}
}

fragment ContextsPage on StatusCheckRollupContextConnection {
  pageInfo { hasNextPage endCursor }
  nodes {${CONTEXT_FIELDS}
  }
}`;
}
