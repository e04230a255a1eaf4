import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';

/**
 * Branches the fake's mutations write: `createRef` makes one at a commit, `createCommitOnBranch`
 * adds a commit with GitHub's compare-and-swap on `expectedHeadOid`. Kept beside the world (not
 * in it) so the demo's story, which swaps the world, never loses what the app committed.
 */

export interface FakeGitCommit {
  readonly oid: string;
  readonly headline: string;
  readonly body: string;
  /** The GitHub login the commit is attributed to; null: an email GitHub knows no user of. */
  readonly author: string | null;
  /** Made through the API, GitHub signs it (`signature.isValid`); a push from a laptop usually is not. */
  readonly signed: boolean;
  readonly at: number;
  readonly files: Readonly<Record<string, string>>;
}

interface FakeBranch {
  /** The commit the branch was created at (a commit of another branch, outside this store). */
  readonly base: string;
  /** Oldest first. */
  readonly commits: FakeGitCommit[];
}

export interface CommitRequest {
  readonly headline: string;
  readonly body: string;
  readonly additions: ReadonlyArray<{ readonly path: string; readonly contents: string }>;
}

const oidOf = (seed: string): string => createHash('sha1').update(seed).digest('hex');

/** GitHub's error for a mutation: the type beside the message, as the server lifts it. */
const gitError = (type: string, message: string) => new GraphQLError(message, { extensions: { type } });

export class FakeGitBranches {
  private readonly branches = new Map<string, FakeBranch>();
  /** Called just before a ref moves: tests make another writer win the race there. */
  beforeRefUpdate: (() => void) | undefined;

  private key = (repo: string, branch: string) => `${repo}\u0000${branch}`;

  has(repo: string, branch: string): boolean {
    return this.branches.has(this.key(repo, branch));
  }

  head(repo: string, branch: string): string | undefined {
    const found = this.branches.get(this.key(repo, branch));
    return found ? (found.commits.at(-1)?.oid ?? found.base) : undefined;
  }

  /** Newest first, as `history` lists them; the base commit is not here. */
  history(repo: string, branch: string): readonly FakeGitCommit[] {
    return [...(this.branches.get(this.key(repo, branch))?.commits ?? [])].reverse();
  }

  base(repo: string, branch: string): string | undefined {
    return this.branches.get(this.key(repo, branch))?.base;
  }

  create(repo: string, branch: string, at: string): void {
    if (this.has(repo, branch)) throw gitError('UNPROCESSABLE', `Reference already exists`);
    this.branches.set(this.key(repo, branch), { base: at, commits: [] });
  }

  /** `createCommitOnBranch`: refused when the branch is not at `expectedHead` (someone else wrote first). */
  commit(
    nameWithOwner: string,
    repo: string,
    branch: string,
    expectedHead: string,
    request: CommitRequest,
    author: string,
    at: number,
  ): FakeGitCommit {
    const found = this.branches.get(this.key(repo, branch));
    if (!found) throw gitError('NOT_FOUND', `A ref named "refs/heads/${branch}" does not exist in ${nameWithOwner}.`);
    const hook = this.beforeRefUpdate;
    this.beforeRefUpdate = undefined;
    hook?.();
    if (this.head(repo, branch) !== expectedHead)
      throw gitError('STALE_DATA', `Expected branch to point to "${expectedHead}" but it did not. Pull and try again.`);
    return this.add(repo, branch, { ...request, author, signed: true, at });
  }

  /** A push made outside the API (a laptop's `git push`): attributed as given, unsigned unless said. */
  push(repo: string, branch: string, request: CommitRequest, author: string | null, at: number, signed = false): FakeGitCommit {
    return this.add(repo, branch, { ...request, author, signed, at });
  }

  private add(repo: string, branch: string, commit: CommitRequest & { author: string | null; signed: boolean; at: number }): FakeGitCommit {
    const found = this.branches.get(this.key(repo, branch))!;
    const parent = this.head(repo, branch)!;
    const files = Object.fromEntries(commit.additions.map((a) => [a.path, Buffer.from(a.contents, 'base64').toString('utf8')]));
    const made: FakeGitCommit = {
      oid: oidOf(`${parent}\n${commit.headline}\n${commit.body}\n${commit.at}`),
      headline: commit.headline,
      body: commit.body,
      author: commit.author,
      signed: commit.signed,
      at: commit.at,
      files,
    };
    found.commits.push(made);
    return made;
  }
}
