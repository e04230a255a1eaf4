import { GraphQLError } from 'graphql';
import type { FakeRepo, FakeWorld } from '../world.js';
import type { FakeGitBranches, FakeGitCommit } from './git-branches.js';
import { paginate, type ConnectionArgs } from './paginate.js';

/**
 * The part of the fake that writes: branches made by `createRef`, commits by
 * `createCommitOnBranch`, and their `history`, with GitHub's semantics and errors. A commit made
 * through the API is authored by the token's user and signed by GitHub.
 */

const iso = (ms: number): string => new Date(ms).toISOString();
const repositoryId = (repo: string): string => Buffer.from(`Repository:${repo}`).toString('base64');
const commitId = (repo: string, oid: string): string => Buffer.from(`Commit:${repo}:${oid}`).toString('base64');

function commitNode(repo: FakeRepo, commit: FakeGitCommit, older: () => unknown[]) {
  return {
    __typename: 'Commit',
    id: commitId(repo.name, commit.oid),
    oid: commit.oid,
    message: commit.body ? `${commit.headline}\n\n${commit.body}` : commit.headline,
    messageHeadline: commit.headline,
    messageBody: commit.body,
    committedDate: iso(commit.at),
    author: {
      name: commit.author ?? 'someone',
      email: `${commit.author ?? 'someone'}@example.com`,
      user: commit.author ? { login: commit.author } : null,
    },
    signature: commit.signed ? { __typename: 'GpgSignature', isValid: true, state: 'VALID' } : null,
    history: (args: ConnectionArgs) => paginate(older(), args),
  };
}

/** The commit a branch was created at: the default branch's, which is no event. */
function baseNode(repo: FakeRepo, oid: string) {
  return {
    __typename: 'Commit',
    id: commitId(repo.name, oid),
    oid,
    message: 'Initial commit',
    messageHeadline: 'Initial commit',
    messageBody: '',
    committedDate: iso(0),
    author: { name: 'someone', email: 'someone@example.com', user: null },
    signature: null,
    history: () => paginate([], {}),
  };
}

/** The ledger branch's head as a ref, its history walking down to the commit it was made at. */
export function ledgerRef(git: FakeGitBranches, repo: FakeRepo, branch: string) {
  if (!git.has(repo.name, branch)) return undefined;
  const commits = git.history(repo.name, branch);
  const base = baseNode(repo, git.base(repo.name, branch)!);
  const nodes: unknown[] = [];
  const from = (i: number) => () => nodes.slice(i);
  commits.forEach((c, i) => nodes.push(commitNode(repo, c, from(i))));
  nodes.push(base);
  return { name: branch, prefix: 'refs/heads/', target: nodes[0] };
}

interface CreateCommitInput {
  readonly branch: { readonly repositoryNameWithOwner?: string; readonly branchName?: string; readonly id?: string };
  readonly expectedHeadOid: string;
  readonly message: { readonly headline: string; readonly body?: string };
  readonly fileChanges?: { readonly additions?: ReadonlyArray<{ path: string; contents: string }> };
}

/** The mutations, for the root value; `viewer` is the token's login, `now` the fake's clock. */
export function ledgerMutations(world: FakeWorld, git: FakeGitBranches, viewer: string, now: number) {
  const repoNamed = (nameWithOwner: string): FakeRepo => {
    const [owner, name] = nameWithOwner.split('/');
    const repo = owner === world.org ? world.repos.find((r) => r.name === name) : undefined;
    if (!repo)
      throw new GraphQLError(`Could not resolve to a Repository with the name '${nameWithOwner}'.`, { extensions: { type: 'NOT_FOUND' } });
    return repo;
  };
  return {
    createRef: ({ input }: { input: { repositoryId: string; name: string; oid: string } }) => {
      const repo = world.repos.find((r) => repositoryId(r.name) === input.repositoryId);
      if (!repo)
        throw new GraphQLError(`Could not resolve to a node with the global id of '${input.repositoryId}'`, {
          extensions: { type: 'NOT_FOUND' },
        });
      const branch = input.name.replace(/^refs\/heads\//, '');
      if (repo.branches[branch]) throw new GraphQLError('Reference already exists', { extensions: { type: 'UNPROCESSABLE' } });
      git.create(repo.name, branch, input.oid);
      return { ref: ledgerRef(git, repo, branch) };
    },
    createCommitOnBranch: ({ input }: { input: CreateCommitInput }) => {
      const { repositoryNameWithOwner, branchName } = input.branch;
      if (!repositoryNameWithOwner || !branchName)
        throw new GraphQLError('This fake takes the branch by repositoryNameWithOwner and branchName', {
          extensions: { type: 'UNPROCESSABLE' },
        });
      const repo = repoNamed(repositoryNameWithOwner);
      const commit = git.commit(
        repositoryNameWithOwner,
        repo.name,
        branchName,
        input.expectedHeadOid,
        { headline: input.message.headline, body: input.message.body ?? '', additions: input.fileChanges?.additions ?? [] },
        viewer,
        now,
      );
      const ref = ledgerRef(git, repo, branchName)!;
      return { commit: { ...(ref.target as object), url: `https://github.example/${repositoryNameWithOwner}/commit/${commit.oid}` }, ref };
    },
  };
}

export { repositoryId };
