import type { AppConfig } from '../../domain/config.js';
import { resultsFromCommits } from '../../domain/observations.js';
import type { ManifestFacts } from '../../domain/manifest.js';
import { branchRef } from '../../domain/patch-manifest.js';
import type { CheckObservation, LayerState, RateLimit, RepoFacts } from '../../domain/status.js';
import type { EpochMs } from '../../domain/time.js';
import type { ObservedHead } from '../../domain/ledger.js';
import { GITHUB_SOURCE } from '../../domain/snapshot.js';
import { cappedFetch, MB } from '../capped-body.js';
import { parseInstant } from '../http-errors.js';
import { SourceError, type SourceReport, type StatusSource } from '../source.js';
import { describeGitHubError } from './errors.js';
import { describeProblem, graphqlProblems, LeftOut, partsOf } from './partial.js';
import { parseManifest, parseManifestAtRef } from './manifest-file.js';
import { readFurtherPages, takePage, type Ask, type HeadChecks } from './further-pages.js';
import { pullRequestFact } from './pull-requests.js';
import {
  LEDGER_ALIAS,
  MANIFEST_ALIAS,
  manifestExpression,
  manifestRefAlias,
  RELEASE_MERGES_ALIAS,
  releaseMergesSearch,
  repoAlias,
  statusQuery,
} from './query.js';
import { present, statusResponse, type RawBranchHead, type RawContext, type RawPullRequest } from './response.js';
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
  /** Repositories with an open hotfix: their recent pull requests are read, with labels, to follow its fix. */
  readonly hotfixRepos?: () => readonly string[];
  /** When code freeze began, once it has: what was merged into release branches since is read, with its reviews. */
  readonly freezeSince?: () => EpochMs | null;
  /** The shared ledger's branch (a repository of the organisation): its head is asked in the same request and handed to `observed`. */
  readonly ledger?: { readonly repo: string; readonly branch: string; readonly observed: (seen: ObservedHead) => void };
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

type RawRepo = NonNullable<z.infer<typeof statusResponse>[string]>;
type RawTag = NonNullable<NonNullable<RawRepo['tags']>['nodes'][number]>;
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

/**
 * Tag names and when each was made (an annotated tag's own date, else its commit's), the newest
 * tags' checks, and the pull requests asked of it: its recent ones when it has an open hotfix, and
 * `merged`, what the release-merges search found in it, once code freeze began.
 */
function repoFacts(repo: string, raw: RawRepo, merged: readonly RawPullRequest[] | undefined): RepoFacts {
  const tags = present<RawTag>(raw.tags?.nodes);
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
    present(raw.checkedTags?.nodes).flatMap((t) => {
      // A lightweight tag's target is the commit; an annotated tag's is a Tag whose target is.
      const rollup = t.target?.statusCheckRollup ?? t.target?.target?.statusCheckRollup;
      const contexts = present(rollup?.contexts.nodes);
      return contexts.length ? [[t.name, observeTagChecks(contexts)] as const] : [];
    }),
  );
  const pullRequests = raw.pullRequests ? present(raw.pullRequests.nodes).map(pullRequestFact) : undefined;
  const releaseMerges = merged?.map(pullRequestFact);
  // The query asks for main and the release branch; a branch GitHub has not is null in the answer.
  const branches = [raw.main?.name, raw.release?.name].filter((name): name is string => typeof name === 'string');
  return {
    repo,
    tags: tags.map((t) => t.name),
    taggedAt,
    annotatedAt,
    ...(pullRequests ? { pullRequests } : {}),
    ...(releaseMerges ? { releaseMerges } : {}),
    tagChecks,
    branches,
  };
}

/**
 * The most of one GitHub answer we read. The status query asks for at most 200 checks (two
 * branch heads), 20 tags and 5 of them with 20 checks each per repository, 30 pull requests of
 * a repository with an open hotfix, and 30 from the release-branch search: under 300 KB per
 * repository at GitHub's field limits, so about 8 MB for 30 repositories; the demo's six
 * repositories answer in about 21 KB. Pull request descriptions come on top: a few KB each as
 * people write them (HyperFleet's template is two short sections), so 60 of them stay well
 * under a few megabytes; only descriptions near GitHub's 65,536 characters in every PR read would
 * reach the cap, and that answer is then one clear error. Anything past 16 MB is not GitHub
 * answering our query (a proxy's page, a fault), and parsed it would cost ten times its size in memory.
 */
const MAX_ANSWER_BYTES = 16 * MB;

/**
 * Reads GitHub with the real @octokit/graphql client: one request per refresh for every
 * repository, plus one per round of further pages for the branch heads with more than 100 checks.
 */
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
    const ask: Ask = async (query, variables) => {
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

    const { config } = this.options;
    const { org, releaseRepo } = config.github;
    const variables: Record<string, string> = { org, releaseBranch: `refs/heads/${this.options.releaseBranch}` };
    this.repos.forEach((repo, i) => (variables[repoAlias(i)] = repo));
    const manifestRepo = this.repos.indexOf(releaseRepo);
    variables.mainManifest = manifestExpression(branchRef('main'));
    variables.releaseManifest = manifestExpression(branchRef(this.options.releaseBranch));
    const manifestRefs = [...new Set(this.options.manifestRefs?.() ?? [])];
    manifestRefs.forEach((ref, i) => (variables[manifestRefAlias(i)] = manifestExpression(ref)));
    const hotfixRepos = new Set(this.options.hotfixRepos?.() ?? []);
    const freezeSince = this.options.freezeSince?.() ?? null;
    if (freezeSince !== null) variables.releaseMerges = releaseMergesSearch(org, freezeSince);
    const { ledger } = this.options;
    if (ledger) {
      variables.ledgerRepo = ledger.repo;
      variables.ledgerRef = `refs/heads/${ledger.branch}`;
    }
    const query = statusQuery(
      this.repos.length,
      manifestRepo,
      manifestRefs.length,
      { hotfixRepos: this.repos.flatMap((repo, i) => (hotfixRepos.has(repo) ? [i] : [])), releaseMerges: freezeSince !== null },
      ledger !== undefined,
    );
    const first = await ask(query, variables);
    const parsed = statusResponse.safeParse(first.data);
    if (!parsed.success)
      throw new SourceError(`GitHub's answer did not have the expected shape (${parsed.error.issues[0]?.path.join('.') ?? '?'})`);
    let rateLimit = parsed.data.rateLimit;
    let cost = rateLimit?.cost ?? 0;

    // Each error that names a repository's alias takes that part of it out of this answer.
    const warnings: string[] = [];
    const leftOut = new LeftOut();
    const repoOfAlias = new Map(this.repos.map((repo, i) => [repoAlias(i), repo]));
    let ledgerAnswered = ledger !== undefined && parsed.data[LEDGER_ALIAS] != null;
    for (const problem of first.errors) {
      // The manifest is a fact of the release repository: without it, its facts are the last good ones.
      const alias = String(problem.path?.[0]);
      // The ledger's head unanswered: the ledger reads the branch itself, and says why it cannot.
      if (alias === LEDGER_ALIAS) {
        ledgerAnswered = false;
        continue;
      }
      const repo = alias === MANIFEST_ALIAS ? releaseRepo : repoOfAlias.get(alias);
      if (repo) leftOut.add(repo, partsOf(problem.path!), describeProblem(problem, org, repo));
      else warnings.push(`GitHub: ${problem.message ?? 'error'}`);
    }
    if (ledger && ledgerAnswered) ledger.observed({ head: parsed.data[LEDGER_ALIAS]?.ref?.target?.oid ?? null });
    // The search is a non-null field: had it failed, GitHub would have answered no data at all.
    const merges = parsed.data[RELEASE_MERGES_ALIAS];
    const mergedIn = (repo: string) => (merges ? present(merges.nodes).filter((pr) => pr.repository?.name === repo) : undefined);

    const heads: HeadChecks[] = [];
    const repos: RepoFacts[] = [];
    for (const [i, repo] of this.repos.entries()) {
      const raw = parsed.data[repoAlias(i)] as z.infer<typeof statusResponse>[string] | undefined;
      if (!raw || typeof raw !== 'object' || !('main' in raw)) {
        leftOut.add(repo, ['checks', 'facts'], `GitHub: repository ${org}/${repo} not found or not visible to this token`);
        continue;
      }
      if (!leftOut.has(repo, 'facts'))
        repos.push({
          ...repoFacts(repo, raw, mergedIn(repo)),
          ...(repo === releaseRepo
            ? { manifest: manifestFacts(raw, parsed.data[MANIFEST_ALIAS], this.options.releaseBranch, manifestRefs) }
            : {}),
        });
      const head: RawBranchHead = raw.release ?? raw.main;
      const target = head?.target;
      if (leftOut.has(repo, 'checks') || !head || !target?.oid) continue;
      const checks: HeadChecks = {
        commit: { repo, branch: head.name, commit: target.oid, ...(target.url ? { url: target.url } : {}) },
        id: target.id ?? '',
        contexts: [],
        after: null,
      };
      takePage(checks, target.statusCheckRollup?.contexts, leftOut, org);
      heads.push(checks);
    }
    const further = await readFurtherPages(ask, heads, leftOut, org);
    rateLimit = further.rateLimit ?? rateLimit;
    cost += further.cost;
    const observed = heads.flatMap((h) =>
      leftOut.has(h.commit.repo, 'checks') ? [] : [{ ...h.commit, checks: h.contexts.map(observeContext) }],
    );

    const results = resultsFromCommits(config.layers, config.components, releaseRepo, observed, this.name, now, leftOut.checks());
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
