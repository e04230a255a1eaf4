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
        ... on Commit { committedDate ...TagChecks }
        ... on Tag { tagger { date } target { ... on Commit { ...TagChecks } } }
      }
    }
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

/**
 * One request for every repository: each is an aliased `repository` field sharing one fragment,
 * so a refresh costs one round trip whatever the number of repositories. `manifestRepo`, the
 * release repository's index, adds its RELEASE_MANIFEST.yaml on main, on the release branch,
 * and at `manifestRefs` other refs.
 */
export function statusQuery(repoCount: number, manifestRepo?: number, manifestRefs = 0): string {
  const manifest = manifestRepo !== undefined && manifestRepo >= 0 && manifestRepo < repoCount;
  const variables = [
    ...Array.from({ length: repoCount }, (_, i) => `$${repoAlias(i)}: String!`),
    ...(manifest ? ['$mainManifest: String!', '$releaseManifest: String!'] : []),
    ...(manifest ? Array.from({ length: manifestRefs }, (_, i) => `$${manifestRefAlias(i)}: String!`) : []),
  ].join(', ');
  const fields = [
    ...Array.from({ length: repoCount }, (_, i) => `  ${repoAlias(i)}: repository(owner: $org, name: $${repoAlias(i)}) { ...RepoStatus }`),
    ...(manifest ? [MANIFEST_FIELD(repoAlias(manifestRepo), manifestRefs)] : []),
  ].join('\n');
  return `query HyperfleetStatus($org: String!, $releaseBranch: String!${variables ? `, ${variables}` : ''}) {
  viewer { login }
  rateLimit { cost remaining limit resetAt }
${fields}
}
${FRAGMENTS}${manifest ? MANIFEST_FRAGMENT : ''}`;
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
