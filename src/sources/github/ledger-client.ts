import * as z from 'zod/mini';
import '../../zod-setup.js';
import { LEDGER_HEADLINE, type LedgerCommit, type LedgerDelta, type LedgerRemote, type LedgerWrite } from '../../domain/ledger.js';
import { cappedFetch, MB } from '../capped-body.js';
import { SourceError } from '../source.js';
import { describeGitHubError } from './errors.js';

/**
 * The shared ledger's branch on GitHub: its new commits read through `history`, and one commit
 * per event written with `createCommitOnBranch`, whose `expectedHeadOid` makes the write a
 * compare-and-swap (GitHub answers STALE_DATA when the branch moved).
 */

export const LEDGER_READ_QUERY = `query HyperfleetLedger($owner: String!, $name: String!, $ref: String!, $first: Int!, $after: String) {
  rateLimit { cost remaining limit resetAt }
  repository(owner: $owner, name: $name) {
    id
    defaultBranchRef { target { oid } }
    ref(qualifiedName: $ref) {
      target {
        oid
        ... on Commit {
          history(first: $first, after: $after) {
            nodes { oid messageHeadline messageBody author { user { login } } signature { isValid } }
            pageInfo { hasNextPage endCursor }
          }
        }
      }
    }
  }
}`;

export const LEDGER_COMMIT_MUTATION = `mutation HyperfleetLedgerAppend($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid } }
}`;

export const LEDGER_BRANCH_MUTATION = `mutation HyperfleetLedgerBranch($input: CreateRefInput!) {
  createRef(input: $input) { ref { name } }
}`;

const str = z.string();
const historyNode = z.object({
  oid: str,
  messageHeadline: str,
  messageBody: str,
  author: z.nullish(z.object({ user: z.nullish(z.object({ login: str })) })),
  signature: z.nullish(z.object({ isValid: z.boolean() })),
});
const readAnswer = z.object({
  repository: z.nullable(
    z.object({
      id: str,
      defaultBranchRef: z.nullish(z.object({ target: z.nullish(z.object({ oid: str })) })),
      ref: z.nullish(
        z.object({
          target: z.nullish(
            z.object({
              oid: str,
              history: z.optional(
                z.object({
                  nodes: z.array(z.nullable(historyNode)),
                  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.nullish(str) }),
                }),
              ),
            }),
          ),
        }),
      ),
    }),
  ),
});

/** A page of history: an idle read needs a few new events at most; a first read takes the most GitHub allows. */
const PAGE = 20;
const FIRST_PAGE = 100;
/** An event's commit message is its JSON line (10,000 characters of free text at most, a few times over): 16 MB is not a ledger's answer. */
const MAX_ANSWER_BYTES = 16 * MB;

export interface LedgerClientOptions {
  readonly baseUrl: string | PromiseLike<string>;
  readonly token: string | null | Promise<string | null>;
  /** "openshift-hyperfleet/hyperfleet-release". */
  readonly repository: string;
  /** "hyperfleet-tui/ledger". */
  readonly branch: string;
  readonly timeoutMs?: number;
}

interface GraphqlProblem {
  readonly type?: string;
  readonly message?: string;
}

export class GitHubLedgerClient implements LedgerRemote {
  /** Requests sent so far: the benchmark and tests read it. */
  requestCount = 0;
  private readonly owner: string;
  private readonly name: string;

  constructor(private readonly options: LedgerClientOptions) {
    [this.owner, this.name] = options.repository.split('/') as [string, string];
  }

  describe(): string {
    return `${this.options.repository}@${this.options.branch}`;
  }

  private async ask(query: string, variables: Record<string, unknown>): Promise<{ data: unknown; problems: GraphqlProblem[] }> {
    const [token, baseUrl] = await Promise.all([this.options.token, this.options.baseUrl]);
    if (!token) throw new SourceError('no GitHub token for the shared ledger: set GITHUB_TOKEN or GH_TOKEN, or run `gh auth login`');
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    const { graphql } = await import('@octokit/graphql');
    this.requestCount += 1;
    try {
      const data = await graphql(query, {
        ...variables,
        baseUrl,
        headers: { authorization: `bearer ${token}`, 'user-agent': 'hyperfleet-tui' },
        request: { signal: AbortSignal.timeout(timeoutMs), fetch: cappedFetch(MAX_ANSWER_BYTES, 'GitHub') },
      });
      return { data, problems: [] };
    } catch (error) {
      const answer = error as { name?: string; data?: unknown; errors?: GraphqlProblem[] };
      if (answer.name === 'GraphqlResponseError') return { data: answer.data ?? null, problems: answer.errors ?? [] };
      throw describeGitHubError(error, baseUrl, timeoutMs, Date.now());
    }
  }

  private async readPage(after: string | null, first = PAGE) {
    const { data, problems } = await this.ask(LEDGER_READ_QUERY, {
      owner: this.owner,
      name: this.name,
      ref: `refs/heads/${this.options.branch}`,
      first,
      after,
    });
    const parsed = readAnswer.safeParse(data);
    if (problems.length > 0 || !parsed.success || !parsed.data.repository) {
      const why = problems[0]?.message ?? (parsed.success ? 'no such repository' : 'an answer of an unexpected shape');
      throw new SourceError(`cannot read the shared ledger ${this.describe()}: ${why}`);
    }
    return parsed.data.repository;
  }

  async read(since: string | null): Promise<LedgerDelta> {
    const commits: LedgerCommit[] = [];
    let after: string | null = null;
    let head: string | null = null;
    for (;;) {
      const repository = await this.readPage(after, since === null ? FIRST_PAGE : PAGE);
      const target = repository.ref?.target;
      if (!target) return { head: null, commits: [], rewritten: since !== null };
      head ??= target.oid;
      if (head === since) return { head, commits: [], rewritten: false };
      const history = target.history;
      for (const node of history?.nodes ?? []) {
        if (!node) continue;
        if (node.oid === since) return { head, commits: commits.reverse(), rewritten: false };
        // Below the ledger's first event is the history of the branch it was made from.
        if (!node.messageHeadline.startsWith(LEDGER_HEADLINE)) return { head, commits: commits.reverse(), rewritten: since !== null };
        commits.push({
          oid: node.oid,
          headline: node.messageHeadline,
          body: node.messageBody,
          author: node.author?.user?.login ?? null,
          signed: node.signature?.isValid === true,
        });
      }
      if (!history?.pageInfo.hasNextPage || !history.pageInfo.endCursor)
        return { head, commits: commits.reverse(), rewritten: since !== null };
      after = history.pageInfo.endCursor;
    }
  }

  async write(
    expectedHead: string | null,
    commit: { readonly headline: string; readonly body: string; readonly path: string; readonly contents: string },
  ): Promise<LedgerWrite> {
    const head = expectedHead ?? (await this.createBranch());
    if (head === null) return { state: 'stale' };
    const { data, problems } = await this.ask(LEDGER_COMMIT_MUTATION, {
      input: {
        branch: { repositoryNameWithOwner: this.options.repository, branchName: this.options.branch },
        expectedHeadOid: head,
        message: { headline: commit.headline, body: commit.body },
        fileChanges: { additions: [{ path: commit.path, contents: Buffer.from(commit.contents, 'utf8').toString('base64') }] },
      },
    });
    if (problems.some((p) => p.type === 'STALE_DATA')) return { state: 'stale' };
    const oid = (data as { createCommitOnBranch?: { commit?: { oid?: unknown } } } | null)?.createCommitOnBranch?.commit?.oid;
    if (problems.length > 0 || typeof oid !== 'string') {
      const why = problems[0]?.message ?? 'GitHub did not say which commit it made';
      throw new SourceError(
        `cannot write to the shared ledger ${this.describe()}: ${why} (the token needs write access to ${this.options.repository})`,
      );
    }
    return { state: 'written', head: oid };
  }

  /** Makes the branch at the default branch's head; null when someone else made it first (read it again). */
  private async createBranch(): Promise<string | null> {
    const repository = await this.readPage(null);
    if (repository.ref?.target) return null;
    const base = repository.defaultBranchRef?.target?.oid;
    if (!base)
      throw new SourceError(`cannot make the shared ledger branch in ${this.options.repository}: it has no default branch to start from`);
    const { problems } = await this.ask(LEDGER_BRANCH_MUTATION, {
      input: { repositoryId: repository.id, name: `refs/heads/${this.options.branch}`, oid: base },
    });
    if (problems.length > 0) {
      if (problems.some((p) => /already exists/i.test(p.message ?? ''))) return null;
      throw new SourceError(`cannot make the shared ledger branch ${this.describe()}: ${problems[0]!.message ?? 'refused'}`);
    }
    return base;
  }
}
