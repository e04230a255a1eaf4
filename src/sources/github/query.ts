/**
 * Every GraphQL document the app sends to GitHub. The tests validate each against GitHub's
 * published schema (@octokit/graphql-schema), so a typo fails CI rather than a release day.
 */

const CONTEXT_FIELDS = `
    __typename
    ... on StatusContext { context state description targetUrl createdAt }
    ... on CheckRun { name status conclusion detailsUrl startedAt completedAt }`;

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

fragment RepoStatus on Repository {
  name
  main: ref(qualifiedName: "refs/heads/main") { ...BranchHead }
  release: ref(qualifiedName: $releaseBranch) { ...BranchHead }
  tags: refs(refPrefix: "refs/tags/", first: 20, orderBy: { field: TAG_COMMIT_DATE, direction: DESC }) {
    nodes { name target { oid ... on Commit { committedDate } ... on Tag { tagger { date } } } }
  }
  releases(first: 5, orderBy: { field: CREATED_AT, direction: DESC }) {
    nodes { tagName name isPrerelease publishedAt url }
  }
  pullRequests(states: [OPEN, MERGED], first: 30, orderBy: { field: UPDATED_AT, direction: DESC }) {
    nodes {
      number title url state headRefName baseRefName headRefOid createdAt mergedAt changedFiles reviewDecision body
      author { login }
      latestOpinionatedReviews(first: 20) { nodes { state author { login } } }
      mergeCommit { oid }
      labels(first: 10) { nodes { name } }
      commits(last: 1) { nodes { commit { statusCheckRollup { state } } } }
    }
  }
}`;

/** The alias of the i-th repository in the status query and its response. */
export const repoAlias = (index: number): string => `r${index}`;

/**
 * One request for every repository: each is an aliased `repository` field sharing one fragment,
 * so a refresh costs one round trip whatever the number of repositories.
 */
export function statusQuery(repoCount: number): string {
  const variables = Array.from({ length: repoCount }, (_, i) => `$${repoAlias(i)}: String!`).join(', ');
  const fields = Array.from(
    { length: repoCount },
    (_, i) => `  ${repoAlias(i)}: repository(owner: $org, name: $${repoAlias(i)}) { ...RepoStatus }`,
  ).join('\n');
  return `query HyperfleetStatus($org: String!, $releaseBranch: String!${variables ? `, ${variables}` : ''}) {
  viewer { login }
  rateLimit { cost remaining limit resetAt }
${fields}
}
${FRAGMENTS}`;
}

/** The next page of a commit's checks, when one commit has more than a page of them. */
export const MORE_CONTEXTS_QUERY = `query HyperfleetMoreContexts($id: ID!, $after: String!) {
  rateLimit { cost remaining limit resetAt }
  node(id: $id) {
    ... on Commit {
      statusCheckRollup {
        contexts(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes {${CONTEXT_FIELDS}
          }
        }
      }
    }
  }
}`;
