import type { EpochMs } from '../domain/time.js';
import type { FakeSlackWorld } from './slack/server.js';

/**
 * The world the loopback fakes answer from: repositories with branch heads and their checks,
 * tags, releases and pull requests, and Prow job runs. Plain data, so tests and the demo can
 * build it, change it between refreshes, and send it to a worker thread.
 */
export interface FakeCheck {
  /** `status`: a commit status (how Prow reports); `check-run`: a GitHub check run. */
  readonly kind: 'status' | 'check-run';
  readonly name: string;
  /** StatusState (SUCCESS, FAILURE, ERROR, PENDING, EXPECTED) or, for check runs, a CheckConclusionState or IN_PROGRESS / QUEUED. */
  readonly state: string;
  readonly description?: string;
  readonly url?: string;
  readonly at: EpochMs;
  /** A check run's workflow (GitHub Actions): its check suite is that workflow's run on the commit. */
  readonly workflow?: string;
}

export interface FakeCommit {
  readonly oid: string;
  readonly date: EpochMs;
  readonly checks: readonly FakeCheck[];
}

export interface FakeRepo {
  readonly name: string;
  readonly branches: Readonly<Record<string, FakeCommit>>;
  /**
   * `annotated`: a tag object with its own tagger date (`at`); else a lightweight tag, dated by
   * its commit. `checks`: its commit's (Konflux's on-tag build status, a workflow run).
   */
  readonly tags: ReadonlyArray<{
    readonly name: string;
    readonly oid: string;
    readonly at?: EpochMs;
    readonly annotated?: boolean;
    readonly checks?: readonly FakeCheck[];
  }>;
  readonly releases: ReadonlyArray<{
    readonly tagName: string;
    readonly name: string;
    readonly isPrerelease: boolean;
    readonly publishedAt: EpochMs;
  }>;
  readonly pullRequests: readonly FakePullRequest[];
  /** Files on each branch by path (RELEASE_MANIFEST.yaml of the release repository); a branch must be in `branches`. */
  readonly files?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Files at each tag by path, as the tag's commit has them; a tag must be in `tags`. */
  readonly tagFiles?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface FakePullRequest {
  readonly number: number;
  readonly title: string;
  readonly headRefName: string;
  readonly baseRefName: string;
  readonly labels: readonly string[];
  /** OPEN (the default), MERGED or CLOSED. */
  readonly state?: 'OPEN' | 'MERGED' | 'CLOSED';
  readonly author?: string;
  readonly createdAt?: EpochMs;
  readonly mergedAt?: EpochMs;
  readonly changedFiles?: number;
  /** APPROVED, CHANGES_REQUESTED, REVIEW_REQUIRED, or none. */
  readonly reviewDecision?: string;
  /** The head commit's rollup: SUCCESS, FAILURE, PENDING; none when it has no checks. */
  readonly checks?: string;
  /** Its description (Markdown); empty when absent, as GitHub's is. */
  readonly body?: string;
  /** Reviews in the order they were submitted: APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING. */
  readonly reviews?: ReadonlyArray<{ readonly author: string; readonly state: string }>;
}

export interface FakeProwRun {
  readonly job: string;
  /** Prow's states: triggered, pending, success, failure, aborted, error. */
  readonly state: string;
  readonly buildId: string;
  readonly startedAt: EpochMs;
  readonly finishedAt?: EpochMs;
  readonly description?: string;
  /**
   * What a Gangway request's `pod_spec_options.envs` set: Gangway appends them to each container's
   * env in the ProwJob's spec (the RC E2E job's image tags and e2e ref).
   */
  readonly env?: Readonly<Record<string, string>>;
  /** `missing`: Deck answers 404 for this run's ProwJob (it was garbage-collected between the list and the read). */
  readonly specFault?: 'missing';
}

export interface FakeManifest {
  readonly repository: string;
  readonly tag: string;
  readonly labelVersion?: string;
  readonly configMissing?: boolean;
}

export interface FakeWorld {
  readonly org: string;
  readonly viewer: string;
  /** A branch of `repo` that already has these commits (a ledger's history), made through the API by their authors. */
  readonly ledger?: {
    readonly repo: string;
    readonly branch: string;
    readonly commits: ReadonlyArray<{
      readonly headline: string;
      readonly body: string;
      readonly path: string;
      readonly contents: string;
      readonly author: string;
      readonly at: number;
    }>;
  };
  /** Tokens that sign in as another login than `viewer` (two people on one fake GitHub). */
  readonly logins?: Readonly<Record<string, string>>;
  /** Only `logins` sign in (the sandbox's): any other token is refused, as GitHub refuses one it never issued. */
  readonly onlyLogins?: boolean;
  readonly repos: readonly FakeRepo[];
  readonly prowRuns: readonly FakeProwRun[];
  /**
   * Manifests the fake registry holds: repository path (without host), tag, and the
   * `Labels.version` of the image config it references (none: a config without that label;
   * `configMissing`: the manifest names a config blob the registry does not have).
   */
  readonly manifests?: ReadonlyArray<FakeManifest>;
  /** The Slack workspace the fake Slack answers from: its channels and their messages. */
  readonly slack?: FakeSlackWorld;
}
