import type { AppConfig } from '../../domain/config.js';
import { resultsFromCommits, type CommitObservation } from '../../domain/observations.js';
import type { ManifestFacts } from '../../domain/manifest.js';
import { branchRef } from '../../domain/patch-manifest.js';
import { capText, PULL_REQUEST_BODY_LIMIT } from '../../domain/limits.js';
import type { CheckObservation, LayerState, PullRequestFact, PullRequestReview, RateLimit, RepoFacts } from '../../domain/status.js';
import { GITHUB_SOURCE } from '../../domain/snapshot.js';
import { cappedFetch, MB } from '../capped-body.js';
import { parseInstant } from '../http-errors.js';
import { SourceError, type SourceReport, type StatusSource } from '../source.js';
import { describeGitHubError } from './errors.js';
import { describeProblem, graphqlProblems, LeftOut, partsOf, type GraphqlProblem } from './partial.js';
import { parseManifest, parseManifestAtRef } from './manifest-file.js';
import { MANIFEST_ALIAS, manifestExpression, manifestRefAlias, MORE_CONTEXTS_QUERY, repoAlias, statusQuery } from './query.js';
import { contextsPage, moreContextsResponse, statusResponse, type RawBranchHead, type RawContext } from './response.js';
import type * as z from 'zod/mini';

export interface GitHubSourceOptions {
  readonly config: AppConfig;
  /** Base URL of the API (https://api.github.com, or a GitHub Enterprise `/api` URL). */
  readonly baseUrl: string | PromiseLike<string>;
  /** null: no token found; every refresh then says how to provide one. A promise is awaited once. */
  readonly token: string | null | Promise<string | null>;
  /** e.g. "release-0.4": whose head counts when it exists; main otherwise. */
  readonly releaseBranch: string;
  /** Other refs of the release repository whose RELEASE_MANIFEST.yaml to read (an open hotfix's branch and release tag). */
  readonly manifestRefs?: () => readonly string[];
  readonly timeoutMs?: number;
}

const STATUS_STATES: Record<string, LayerState> = {
  SUCCESS: 'passed',
  FAILURE: 'failed',
  ERROR: 'error',
  PENDING: 'running',
  EXPECTED: 'pending',
};
const CONCLUSIONS: Record<string, LayerState> = {
  SUCCESS: 'passed',
  NEUTRAL: 'passed',
  SKIPPED: 'missing',
  FAILURE: 'failed',
  TIMED_OUT: 'failed',
  CANCELLED: 'failed',
  STARTUP_FAILURE: 'failed',
  ACTION_REQUIRED: 'pending',
  STALE: 'error',
};

/** Prow reports through commit statuses; GitHub Actions and others through check runs. */
export function observeContext(raw: RawContext): CheckObservation {
  if (raw.__typename === 'StatusContext') {
    const state = STATUS_STATES[raw.state] ?? 'error';
    const at = parseInstant(raw.createdAt);
    return {
      name: raw.context,
      state,
      ...(raw.targetUrl ? { url: raw.targetUrl } : {}),
      ...(raw.description ? { detail: raw.description } : {}),
      // A status is stamped when it is set: for a final state that is when the run finished.
      ...(at !== undefined && state !== 'running' && state !== 'pending' ? { finishedAt: at } : at !== undefined ? { startedAt: at } : {}),
    };
  }
  const state =
    raw.status === 'COMPLETED' ? (CONCLUSIONS[raw.conclusion ?? ''] ?? 'error') : raw.status === 'IN_PROGRESS' ? 'running' : 'pending';
  const startedAt = parseInstant(raw.startedAt);
  const finishedAt = parseInstant(raw.completedAt);
  return {
    name: raw.name,
    state,
    ...(raw.detailsUrl ? { url: raw.detailsUrl } : {}),
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(finishedAt !== undefined ? { finishedAt } : {}),
    ...(raw.status === 'COMPLETED' && raw.conclusion ? { detail: raw.conclusion.toLowerCase() } : {}),
  };
}

/** A check suite's (a workflow run's) state: its conclusion once completed, else running or waiting to start. */
const suiteState = (status: string, conclusion: string | null | undefined): LayerState =>
  status === 'COMPLETED' ? (CONCLUSIONS[conclusion ?? ''] ?? 'error') : status === 'IN_PROGRESS' ? 'running' : 'pending';

/**
 * The checks on a tag's commit: each commit status by its context, each check run by its name,
 * except that the check runs of a workflow run are one observation named by the workflow (its
 * jobs' names are the workflow's business), with the run's state and link and the jobs that failed.
 */
export function observeTagChecks(raw: readonly RawContext[]): CheckObservation[] {
  const plain: CheckObservation[] = [];
  const runs = new Map<string, { name: string; state: LayerState; jobs: CheckObservation[] }>();
  for (const context of raw) {
    const run = context.__typename === 'CheckRun' ? context.checkSuite?.workflowRun : undefined;
    if (!run || context.__typename !== 'CheckRun' || !context.checkSuite) {
      plain.push(observeContext(context));
      continue;
    }
    const entry = runs.get(run.url) ?? {
      name: run.workflow.name,
      state: suiteState(context.checkSuite.status, context.checkSuite.conclusion),
      jobs: [],
    };
    entry.jobs.push(observeContext(context));
    runs.set(run.url, entry);
  }
  const workflows = [...runs].map(([url, { name, state, jobs }]): CheckObservation => {
    const started = jobs.flatMap((j) => (j.startedAt !== undefined ? [j.startedAt] : []));
    const finished = jobs.flatMap((j) => (j.finishedAt !== undefined ? [j.finishedAt] : []));
    const failed = jobs.filter((j) => j.state === 'failed' || j.state === 'error').map((j) => j.name);
    return {
      name,
      state,
      url,
      ...(started.length ? { startedAt: Math.min(...started) } : {}),
      ...(state !== 'running' && state !== 'pending' && finished.length ? { finishedAt: Math.max(...finished) } : {}),
      ...(failed.length ? { detail: `failed: ${failed.join(', ')}` } : {}),
    };
  });
  return [...plain, ...workflows];
}

type Page = z.infer<typeof contextsPage>;

/**
 * Reads GitHub with the real @octokit/graphql client: one request per refresh for every
 * repository, plus one per extra page for a commit with more than 100 checks.
 */
type RawRepo = NonNullable<z.infer<typeof statusResponse>[string]>;
type RawTag = NonNullable<NonNullable<RawRepo['tags']>['nodes'][number]>;
type RawPullRequest = NonNullable<NonNullable<RawRepo['pullRequests']>['nodes'][number]>;

const PR_STATES: Record<string, PullRequestFact['state']> = { OPEN: 'open', MERGED: 'merged', CLOSED: 'closed' };
const ROLLUP_STATES: Record<string, PullRequestFact['ci']> = {
  SUCCESS: 'passed',
  FAILURE: 'failed',
  ERROR: 'failed',
  PENDING: 'running',
  EXPECTED: 'running',
};
const REVIEW_DECISIONS: Record<string, PullRequestFact['review']> = {
  APPROVED: 'approved',
  CHANGES_REQUESTED: 'changes-requested',
  REVIEW_REQUIRED: 'review-required',
};

const REVIEW_STATES: Record<string, PullRequestReview['state']> = {
  APPROVED: 'approved',
  CHANGES_REQUESTED: 'changes-requested',
  DISMISSED: 'dismissed',
  COMMENTED: 'commented',
  PENDING: 'pending',
};

/**
 * Each reviewer's latest review that approves or asks for changes: GitHub's latest *opinionated*
 * reviews, so a comment after an approval does not hide it (as branch protection counts it). A
 * review state GitHub adds later reads as a comment, never as an approval; a deleted account's
 * review has no author and counts for nobody.
 */
function reviewsOf(raw: RawPullRequest): PullRequestReview[] {
  return (raw.latestOpinionatedReviews?.nodes ?? []).flatMap((r) =>
    r?.author ? [{ by: r.author.login, state: REVIEW_STATES[r.state] ?? 'commented' }] : [],
  );
}

/** A pull request as the domain needs it; an unknown state from GitHub reads as open, never merged. */
export function pullRequestFact(raw: RawPullRequest): PullRequestFact {
  const rollup = raw.commits?.nodes?.[0]?.commit.statusCheckRollup?.state;
  const body = raw.body ? capText(raw.body, PULL_REQUEST_BODY_LIMIT) : null;
  const createdAt = parseInstant(raw.createdAt);
  const mergedAt = parseInstant(raw.mergedAt);
  const commit = raw.mergeCommit?.oid ?? raw.headRefOid;
  return {
    number: raw.number,
    title: raw.title,
    url: raw.url,
    state: PR_STATES[raw.state] ?? 'open',
    base: raw.baseRefName,
    head: raw.headRefName,
    labels: (raw.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])),
    ...(raw.author ? { author: raw.author.login } : {}),
    ...(createdAt !== undefined ? { createdAt } : {}),
    ...(mergedAt !== undefined ? { mergedAt } : {}),
    ...(commit ? { commit } : {}),
    ci: rollup ? (ROLLUP_STATES[rollup] ?? 'failed') : 'none',
    review: REVIEW_DECISIONS[raw.reviewDecision ?? ''] ?? 'none',
    ...(typeof raw.changedFiles === 'number' ? { changedFiles: raw.changedFiles } : {}),
    ...(body ? { body: body.text, ...(body.cut ? { bodyCut: true } : {}) } : {}),
    reviews: reviewsOf(raw),
  };
}

type RawManifests = z.infer<typeof statusResponse>[typeof MANIFEST_ALIAS];

/** The release repository's manifest on main and on the release branch, each read at its branch head; then at each other ref. */
function manifestFacts(raw: RawRepo, reads: RawManifests, releaseBranch: string, refs: readonly string[]): ManifestFacts {
  return {
    main: parseManifest(reads?.onMain, 'main', raw.main?.target?.oid),
    release: parseManifest(reads?.onRelease, releaseBranch, raw.release?.target?.oid),
    ...(refs.length
      ? { byRef: Object.fromEntries(refs.map((ref, i) => [ref, parseManifestAtRef(reads?.[manifestRefAlias(i)], ref)])) }
      : {}),
  };
}

/** Tag names and when each was made (an annotated tag's own date, else its commit's); recent pull requests. */
function repoFacts(repo: string, raw: RawRepo): RepoFacts {
  const tags = (raw.tags?.nodes ?? []).flatMap((t: RawTag | null) => (t ? [t] : []));
  const taggedAt = Object.fromEntries(
    tags.flatMap((t) => {
      const at = parseInstant(t.target?.tagger?.date ?? t.target?.committedDate);
      return at === undefined ? [] : [[t.name, at] as const];
    }),
  );
  const annotatedAt = Object.fromEntries(
    tags.flatMap((t) => {
      const at = parseInstant(t.target?.tagger?.date);
      return at === undefined ? [] : [[t.name, at] as const];
    }),
  );
  const tagChecks = Object.fromEntries(
    tags.flatMap((t) => {
      // A lightweight tag's target is the commit; an annotated tag's is a Tag whose target is.
      const rollup = t.target?.statusCheckRollup ?? t.target?.target?.statusCheckRollup;
      const contexts = (rollup?.contexts.nodes ?? []).filter((n): n is RawContext => n !== null);
      return contexts.length ? [[t.name, observeTagChecks(contexts)] as const] : [];
    }),
  );
  const pullRequests = (raw.pullRequests?.nodes ?? []).flatMap((pr) => (pr ? [pullRequestFact(pr)] : []));
  // The query asks for main and the release branch; a branch GitHub has not is null in the answer.
  const branches = [raw.main?.name, raw.release?.name].filter((name): name is string => typeof name === 'string');
  return { repo, tags: tags.map((t) => t.name), taggedAt, annotatedAt, pullRequests, tagChecks, branches };
}

/**
 * The most of one GitHub answer we read. The status query asks for at most 200 checks, 20 tags
 * with 20 checks each, 5 releases and 30 pull requests per repository: under 400 KB per
 * repository at GitHub's field limits, so about 11 MB for 30 repositories; the demo's six
 * repositories answer in about 21 KB. Pull request descriptions come on top: a few KB each as
 * people write them (HyperFleet's template is two short sections), so 30 of them stay well
 * under a megabyte per repository; only descriptions near GitHub's 65,536 characters in every PR
 * of many repositories would reach the cap, and that answer is then one clear error. Anything
 * past 16 MB is not GitHub answering our query (a proxy's page, a fault), and parsed it would
 * cost ten times its size in memory.
 */
const MAX_ANSWER_BYTES = 16 * MB;

export class GitHubSource implements StatusSource {
  readonly name = GITHUB_SOURCE;
  private readonly timeoutMs: number;
  private readonly repos: string[];
  /** Requests sent by the last fetch: the benchmark and tests read it. */
  lastRequestCount = 0;

  constructor(private readonly options: GitHubSourceOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    const { config } = options;
    this.repos = [...new Set([...config.components.map((c) => c.repo), config.github.releaseRepo, ...config.supportRepos])];
  }

  async fetch(now: number): Promise<SourceReport> {
    const [token, baseUrl] = await Promise.all([this.options.token, this.options.baseUrl]);
    if (!token) throw new SourceError('no GitHub token: set GITHUB_TOKEN or GH_TOKEN, or run `gh auth login`');
    this.lastRequestCount = 0;
    // Loaded on the first refresh, after the first frame, not at start-up.
    const { graphql } = await import('@octokit/graphql');
    const client = graphql.defaults({ baseUrl, headers: { authorization: `bearer ${token}`, 'user-agent': 'hyperfleet-tui' } });
    const ask = async (query: string, variables: Record<string, unknown>): Promise<{ data: unknown; errors: GraphqlProblem[] }> => {
      this.lastRequestCount += 1;
      let data: unknown;
      try {
        data = await client(query, {
          ...variables,
          request: { signal: AbortSignal.timeout(this.timeoutMs), fetch: cappedFetch(MAX_ANSWER_BYTES, 'GitHub') },
        });
      } catch (error) {
        // GitHub answers partial data beside errors (e.g. one repository not found): keep the data.
        const partial = error as { name?: string; data?: unknown; errors?: unknown };
        const errors = graphqlProblems(partial.errors);
        if (partial.name === 'GraphqlResponseError' && partial.data) return { data: partial.data, errors };
        if (partial.name === 'GraphqlResponseError')
          throw new SourceError(`GitHub refused the query: ${errors[0]?.message ?? 'unknown error'}`);
        throw describeGitHubError(error, baseUrl, this.timeoutMs, Date.now());
      }
      // A body that is not JSON reaches us as text, without `data`.
      if (data === null || typeof data !== 'object') throw new SourceError('GitHub sent a response that is not valid JSON');
      return { data, errors: [] };
    };

    const { org } = this.options.config.github;
    const variables: Record<string, string> = { org, releaseBranch: `refs/heads/${this.options.releaseBranch}` };
    this.repos.forEach((repo, i) => (variables[repoAlias(i)] = repo));
    const { releaseRepo } = this.options.config.github;
    const manifestRepo = this.repos.indexOf(releaseRepo);
    variables.mainManifest = manifestExpression(branchRef('main'));
    variables.releaseManifest = manifestExpression(branchRef(this.options.releaseBranch));
    const manifestRefs = [...new Set(this.options.manifestRefs?.() ?? [])];
    manifestRefs.forEach((ref, i) => (variables[manifestRefAlias(i)] = manifestExpression(ref)));
    const first = await ask(statusQuery(this.repos.length, manifestRepo, manifestRefs.length), variables);
    const parsed = statusResponse.safeParse(first.data);
    if (!parsed.success)
      throw new SourceError(`GitHub's answer did not have the expected shape (${parsed.error.issues[0]?.path.join('.') ?? '?'})`);
    let rateLimit = parsed.data.rateLimit;
    let cost = rateLimit?.cost ?? 0;

    // Each error that names a repository's alias takes that part of it out of this answer.
    const warnings: string[] = [];
    const leftOut = new LeftOut();
    const repoOfAlias = new Map(this.repos.map((repo, i) => [repoAlias(i), repo]));
    for (const problem of first.errors) {
      // The manifest is a fact of the release repository: without it, its facts are the last good ones.
      const repo = problem.path?.[0] === MANIFEST_ALIAS ? releaseRepo : repoOfAlias.get(String(problem.path?.[0]));
      if (repo) leftOut.add(repo, partsOf(problem.path!), describeProblem(problem, org, repo));
      else warnings.push(`GitHub: ${problem.message ?? 'error'}`);
    }

    const commits: CommitObservation[] = [];
    const repos: RepoFacts[] = [];
    for (const [i, repo] of this.repos.entries()) {
      const raw = parsed.data[repoAlias(i)] as z.infer<typeof statusResponse>[string] | undefined;
      if (!raw || typeof raw !== 'object' || !('main' in raw)) {
        leftOut.add(repo, ['checks', 'facts'], `GitHub: repository ${org}/${repo} not found or not visible to this token`);
        continue;
      }
      if (!leftOut.has(repo, 'facts'))
        repos.push({
          ...repoFacts(repo, raw),
          ...(repo === releaseRepo
            ? { manifest: manifestFacts(raw, parsed.data[MANIFEST_ALIAS], this.options.releaseBranch, manifestRefs) }
            : {}),
        });
      const head: RawBranchHead = raw.release ?? raw.main;
      const target = head?.target;
      if (leftOut.has(repo, 'checks') || !head || !target?.oid) continue;
      const rollup = target.statusCheckRollup;
      const contexts: RawContext[] = [];
      let page: Page | undefined = rollup?.contexts;
      while (page) {
        contexts.push(...page.nodes.filter((n): n is RawContext => n !== null));
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor || !target.id) break;
        const more = await ask(MORE_CONTEXTS_QUERY, { id: target.id, after: page.pageInfo.endCursor });
        const next = moreContextsResponse.safeParse(more.data);
        const nextPage = next.success ? next.data.node?.statusCheckRollup?.contexts : undefined;
        // A page left out leaves its checks out, and a red check left out would read as green.
        if (!next.success || !nextPage || more.errors.length > 0) {
          const problem = more.errors[0] ?? { message: 'the next page of its checks was not in the answer' };
          leftOut.add(repo, ['checks'], describeProblem(problem, org, repo));
          break;
        }
        rateLimit = next.data.rateLimit ?? rateLimit;
        cost += next.data.rateLimit?.cost ?? 0;
        page = nextPage;
      }
      if (leftOut.has(repo, 'checks')) continue;
      commits.push({
        repo,
        branch: head.name,
        commit: target.oid,
        ...(target.url ? { url: target.url } : {}),
        checks: contexts.map(observeContext),
      });
    }

    const { config } = this.options;
    const results = resultsFromCommits(
      config.layers,
      config.components,
      config.github.releaseRepo,
      commits,
      this.name,
      now,
      leftOut.checks(),
    );
    const unanswered = leftOut.repos();
    const limit: RateLimit | undefined = rateLimit
      ? { remaining: rateLimit.remaining, limit: rateLimit.limit, resetAt: parseInstant(rateLimit.resetAt) ?? now, cost }
      : undefined;
    return {
      results,
      repos,
      viewer: parsed.data.viewer.login,
      ...(limit ? { rateLimit: limit } : {}),
      ...(unanswered.length ? { unanswered } : {}),
      ...(warnings.length ? { warnings } : {}),
    };
  }
}
