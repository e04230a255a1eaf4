import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { FakeCheck, FakeCommit, FakePullRequest, FakeRepo, FakeWorld } from '../world.js';
import { FakeGitBranches } from './git-branches.js';
import { ledgerMutations, ledgerRef, repositoryId } from './ledger-resolvers.js';
import { searchPullRequests } from './search.js';
import { paginate, type ConnectionArgs } from './paginate.js';

/**
 * Resolvers for graphql-js's default field resolver over GitHub's schema: plain objects whose
 * function-valued fields receive the field's arguments. Interfaces and unions are told apart by
 * `__typename`, as graphql-js's default type resolver expects.
 */

const iso = (ms: number): string => new Date(ms).toISOString();
/** A stable 40-hex object id for a name. */
const fakeOid = (seed: string): string => createHash('sha1').update(seed).digest('hex');
const commitId = (repo: string, oid: string): string => Buffer.from(`Commit:${repo}:${oid}`).toString('base64');

const isDone = (check: FakeCheck): boolean => !['IN_PROGRESS', 'QUEUED'].includes(check.state);

/** A workflow's run on a commit, as its check suite: in progress until every job is done, then failed if any job failed. */
function checkSuiteNode(check: FakeCheck, all: readonly FakeCheck[], commitUrl: string) {
  const jobs = all.filter((c) => c.kind === 'check-run' && c.workflow === check.workflow);
  const done = jobs.every(isDone);
  const failed = jobs.some((c) => ['FAILURE', 'TIMED_OUT', 'CANCELLED', 'STARTUP_FAILURE'].includes(c.state));
  return {
    status: done ? 'COMPLETED' : jobs.some((c) => c.state === 'IN_PROGRESS') ? 'IN_PROGRESS' : 'QUEUED',
    conclusion: done ? (failed ? 'FAILURE' : 'SUCCESS') : null,
    workflowRun: { url: `${commitUrl}/runs/${encodeURIComponent(check.workflow ?? '')}`, workflow: { name: check.workflow } },
  };
}

function contextNode(check: FakeCheck, all: readonly FakeCheck[] = [check], commitUrl = '') {
  if (check.kind === 'status') {
    return {
      __typename: 'StatusContext',
      context: check.name,
      state: check.state,
      description: check.description ?? null,
      targetUrl: check.url ?? null,
      createdAt: iso(check.at),
    };
  }
  const done = isDone(check);
  return {
    __typename: 'CheckRun',
    name: check.name,
    status: done ? 'COMPLETED' : check.state,
    conclusion: done ? check.state : null,
    detailsUrl: check.url ?? null,
    startedAt: iso(check.at - 10 * 60_000),
    completedAt: done ? iso(check.at) : null,
    checkSuite: check.workflow ? checkSuiteNode(check, all, commitUrl) : null,
  };
}

/** A commit's checks as its statusCheckRollup: null when it has none, as GitHub answers. */
function rollupNode(checks: readonly FakeCheck[], commitUrl: string) {
  return checks.length === 0
    ? null
    : {
        state: rollupState(checks),
        contexts: (args: ConnectionArgs) =>
          paginate(
            checks.map((c) => contextNode(c, checks, commitUrl)),
            args,
          ),
      };
}

function rollupState(checks: readonly FakeCheck[]): string {
  const states = checks.map((c) => c.state);
  if (states.some((s) => ['FAILURE', 'ERROR', 'TIMED_OUT', 'CANCELLED'].includes(s))) return 'FAILURE';
  if (states.some((s) => ['PENDING', 'EXPECTED', 'IN_PROGRESS', 'QUEUED'].includes(s))) return 'PENDING';
  return 'SUCCESS';
}

const commitUrl = (world: FakeWorld, repo: FakeRepo, oid: string): string =>
  `https://github.example/${world.org}/${repo.name}/commit/${oid}`;

function commitNode(world: FakeWorld, repo: FakeRepo, commit: FakeCommit) {
  const url = commitUrl(world, repo, commit.oid);
  return {
    __typename: 'Commit',
    id: commitId(repo.name, commit.oid),
    oid: commit.oid,
    url,
    committedDate: iso(commit.date),
    statusCheckRollup: rollupNode(commit.checks, url),
  };
}

/** A tag's ref target: the commit itself (lightweight), or a Tag object pointing at it (annotated). */
function tagTarget(world: FakeWorld, repo: FakeRepo, tag: FakeRepo['tags'][number]) {
  const commitOid = tag.annotated ? fakeOid(`${repo.name}@${tag.name}^{commit}`) : tag.oid;
  const url = commitUrl(world, repo, commitOid);
  const commit = { __typename: 'Commit', oid: commitOid, url, statusCheckRollup: rollupNode(tag.checks ?? [], url) };
  // A commit always has a date (committedDate is non-null): a tag of unknown date is an annotated tag with no tagger.
  if (tag.annotated || tag.at === undefined)
    return { __typename: 'Tag', oid: tag.oid, tagger: tag.at === undefined ? null : { date: iso(tag.at) }, target: commit };
  return { ...commit, committedDate: iso(tag.at) };
}

/** Each author's latest review that approves, asks for changes, or was dismissed (comments and pending ones have no opinion). */
function latestOpinionated(pr: FakePullRequest) {
  const latest = new Map<string, string>();
  for (const review of pr.reviews ?? [])
    if (['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED'].includes(review.state)) latest.set(review.author, review.state);
  return [...latest].map(([login, state]) => ({ state, author: { __typename: 'User', login } }));
}

function pullRequestNode(world: FakeWorld, repo: FakeRepo, pr: FakePullRequest) {
  const head = fakeOid(`${repo.name}#${pr.number}`);
  const merged = pr.state === 'MERGED';
  return {
    number: pr.number,
    title: pr.title,
    url: `https://github.example/${world.org}/${repo.name}/pull/${pr.number}`,
    state: pr.state ?? 'OPEN',
    headRefName: pr.headRefName,
    baseRefName: pr.baseRefName,
    headRefOid: head,
    createdAt: iso(pr.createdAt ?? 0),
    mergedAt: merged && pr.mergedAt !== undefined ? iso(pr.mergedAt) : null,
    changedFiles: pr.changedFiles ?? 1,
    reviewDecision: pr.reviewDecision ?? null,
    body: pr.body ?? '',
    author: { __typename: 'User', login: pr.author ?? 'hf-developer' },
    latestOpinionatedReviews: (args: ConnectionArgs) => paginate(latestOpinionated(pr), args),
    repository: () => repositoryNode(world, repo),
    mergeCommit: merged ? { oid: fakeOid(`${repo.name}#${pr.number}-merge`) } : null,
    labels: (labelArgs: ConnectionArgs) =>
      paginate(
        pr.labels.map((name) => ({ name })),
        labelArgs,
      ),
    commits: ({ last = 1 }: { last?: number }) => ({
      nodes: [{ commit: { oid: head, statusCheckRollup: pr.checks ? { state: pr.checks } : null } }].slice(-last),
    }),
  };
}

/**
 * The branch or tag a rev expression's ref names, as rev-parse finds it: `refs/heads/<name>`,
 * `refs/tags/<name>`, or a bare name, which is a tag before a branch when both exist.
 */
function filesAt(repo: FakeRepo, ref: string): Readonly<Record<string, string>> | undefined {
  const tag = (name: string) => (repo.tags.some((t) => t.name === name) ? (repo.tagFiles?.[name] ?? {}) : undefined);
  const branch = (name: string) => (repo.branches[name] ? (repo.files?.[name] ?? {}) : undefined);
  if (ref.startsWith('refs/heads/')) return branch(ref.slice('refs/heads/'.length));
  if (ref.startsWith('refs/tags/')) return tag(ref.slice('refs/tags/'.length));
  return tag(ref) ?? branch(ref);
}

/**
 * `object(expression: "<ref>:<path>")`: the file as a Blob, as GitHub resolves a rev
 * expression; null when the ref or the file is not there.
 */
function gitObject(repo: FakeRepo, expression: string) {
  const colon = expression.indexOf(':');
  const [ref, path] = colon === -1 ? [expression, ''] : [expression.slice(0, colon), expression.slice(colon + 1)];
  const text = filesAt(repo, ref)?.[path];
  if (text === undefined) return null;
  return {
    __typename: 'Blob',
    oid: fakeOid(`${repo.name}:${expression}:${text}`),
    text,
    byteSize: Buffer.byteLength(text),
    isTruncated: false,
  };
}

/**
 * Tags in the order `orderBy: TAG_COMMIT_DATE` asks: by their commit's date, which the world
 * gives as the tag's `at`; a tag without one counts as the oldest. Unordered, the world's order.
 */
function byTagCommitDate(tags: FakeRepo['tags'], orderBy: { field: string; direction: string } | undefined): FakeRepo['tags'] {
  if (orderBy?.field !== 'TAG_COMMIT_DATE') return tags;
  const sign = orderBy.direction === 'ASC' ? 1 : -1;
  return [...tags].sort((a, b) => sign * ((a.at ?? -Infinity) - (b.at ?? -Infinity) || 0));
}

function repositoryNode(world: FakeWorld, repo: FakeRepo, git: FakeGitBranches = new FakeGitBranches()) {
  return {
    id: repositoryId(repo.name),
    name: repo.name,
    nameWithOwner: `${world.org}/${repo.name}`,
    defaultBranchRef: repo.branches.main ? { name: 'main', target: commitNode(world, repo, repo.branches.main) } : null,
    object: ({ expression }: { expression: string }) => gitObject(repo, expression),
    ref: ({ qualifiedName }: { qualifiedName: string }) => {
      const branch = qualifiedName.replace(/^refs\/heads\//, '');
      const written = ledgerRef(git, repo, branch);
      if (written) return written;
      const commit = repo.branches[branch];
      return commit ? { name: branch, target: commitNode(world, repo, commit) } : null;
    },
    refs: (args: ConnectionArgs & { orderBy?: { field: string; direction: string } }) =>
      paginate(
        byTagCommitDate(repo.tags, args.orderBy).map((t) => ({ name: t.name, target: tagTarget(world, repo, t) })),
        args,
      ),
    releases: (args: ConnectionArgs) =>
      paginate(
        repo.releases.map((r) => ({
          ...r,
          publishedAt: iso(r.publishedAt),
          url: `https://github.example/${world.org}/${repo.name}/releases/tag/${r.tagName}`,
        })),
        args,
      ),
    pullRequests: (args: ConnectionArgs & { states?: readonly string[] }) =>
      paginate(
        repo.pullRequests
          .filter((pr) => !args.states || args.states.includes(pr.state ?? 'OPEN'))
          .map((pr) => pullRequestNode(world, repo, pr)),
        args,
      ),
  };
}

/** Why GitHub would not show a repository: it does not exist (or the token may not know it does), or the token may not read it. */
export type RepositoryRefusal = 'NOT_FOUND' | 'FORBIDDEN';

/**
 * GitHub's error for a repository it will not show: the field resolves to null and the error's
 * `path` names it. graphql-js does both; the type travels in `extensions` until the server
 * lifts it to the top level, where GitHub puts it.
 */
function refusal(type: RepositoryRefusal, owner: string, name: string): GraphQLError {
  const message =
    type === 'NOT_FOUND'
      ? `Could not resolve to a Repository with the name '${owner}/${name}'.`
      : 'Resource not accessible by personal access token';
  return new GraphQLError(message, { extensions: { type } });
}

/** Who asks (the token's login), the branches the mutations write, and the fake's clock. */
export interface Asker {
  readonly viewer: string;
  readonly git: FakeGitBranches;
  readonly now: number;
}

export function rootValue(
  world: FakeWorld,
  rateLimit: { cost: number; remaining: number; resetAt: number },
  refused: ReadonlyMap<string, RepositoryRefusal> = new Map(),
  asker: Asker = { viewer: world.viewer, git: new FakeGitBranches(), now: Date.now() },
) {
  return {
    ...ledgerMutations(world, asker.git, asker.viewer, asker.now),
    viewer: { login: asker.viewer },
    rateLimit: { cost: rateLimit.cost, remaining: rateLimit.remaining, limit: 5000, resetAt: iso(rateLimit.resetAt) },
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = owner === world.org ? world.repos.find((r) => r.name === name) : undefined;
      const type = refused.get(name) ?? (repo ? undefined : 'NOT_FOUND');
      if (type) throw refusal(type, owner, name);
      return repositoryNode(world, repo!, asker.git);
    },
    search: (args: ConnectionArgs & { query: string; type: string }) => {
      // A repository the token may not read is not in its search results either.
      const found = args.type === 'ISSUE' ? searchPullRequests(world, args.query).filter(({ repo }) => !refused.has(repo.name)) : [];
      const page = paginate(
        found.map(({ repo, pr }) => ({ __typename: 'PullRequest', ...pullRequestNode(world, repo, pr) })),
        args,
      );
      return { ...page, issueCount: found.length, codeCount: 0, discussionCount: 0, repositoryCount: 0, userCount: 0, wikiCount: 0 };
    },
    node: ({ id }: { id: string }) => {
      for (const repo of world.repos) {
        for (const commit of Object.values(repo.branches))
          if (commitId(repo.name, commit.oid) === id) return commitNode(world, repo, commit);
      }
      return null;
    },
  };
}
