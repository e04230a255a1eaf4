import type { ManifestFacts } from './manifest.js';
import type { EpochMs } from './time.js';

/**
 * `missing`: the source answered and has no result; `unknown`: the source that would have it has
 * not answered yet (never, since start), so nothing can be said either way.
 */
export const LAYER_STATES = ['passed', 'failed', 'running', 'pending', 'missing', 'unknown', 'error'] as const;
export type LayerState = (typeof LAYER_STATES)[number];

/** One raw check as a source saw it: a commit status, a check run, or a periodic job run. */
export interface CheckObservation {
  readonly name: string;
  readonly state: LayerState;
  readonly url?: string;
  readonly startedAt?: EpochMs;
  readonly finishedAt?: EpochMs;
  readonly detail?: string;
}

/** One run of the RC E2E job (domain/rc-e2e), with the variables its ProwJob's containers carry. */
export interface RcE2eRun extends CheckObservation {
  readonly buildId?: string;
  /** Deck's name of the ProwJob (what /prowjob?prowjob= takes). */
  readonly prowJob: string;
  /** The configured override variables the run carries, by name; null when its spec could not be read. */
  readonly overrides: Readonly<Record<string, string>> | null;
  /** Why the overrides could not be read. */
  readonly unreadable?: string;
}

/** One test layer's latest result, for one component (or the whole release). */
export interface LayerResult {
  readonly layer: string;
  /** null for release-scoped layers (nightly E2E, partner integration). */
  readonly component: string | null;
  readonly state: LayerState;
  readonly commit?: string;
  readonly url?: string;
  readonly finishedAt?: EpochMs;
  readonly fetchedAt: EpochMs;
  readonly source: string;
  readonly detail?: string;
  /** For a layer's release-branch job (`releaseJob`): the branch it runs on ("release-0.4"). */
  readonly branch?: string;
  /** The raw checks behind this result (Enter on a cell shows them). */
  readonly checks?: readonly CheckObservation[];
  /** For periodic jobs: when the current unbroken run of passes began (the oldest pass's finish). */
  readonly passingSince?: EpochMs;
  /**
   * Why this is not from its source's latest answer: the source is failing, or its answer left
   * this out (GitHub could not resolve the repository). The result is then the last good one, or
   * `unknown` when there has been none.
   */
  readonly stale?: string;
}

export interface SourceHealth {
  readonly source: string;
  readonly ok: boolean;
  readonly lastSuccessAt?: EpochMs;
  readonly error?: string;
  /** What its last good answer left out, why, and when each was last answered. */
  readonly unanswered?: readonly UnansweredRepo[];
}

/** A repository a source's answer left out (GitHub's NOT_FOUND or FORBIDDEN for it), and why. */
export interface UnansweredRepo {
  readonly repo: string;
  readonly reason: string;
  /** When an answer last had it; absent when none has yet. */
  readonly lastGoodAt?: EpochMs;
}

/** GitHub's request budget, as the last answer reported it. */
export interface RateLimit {
  readonly remaining: number;
  readonly limit: number;
  readonly resetAt: EpochMs;
  /** What the last refresh cost, in GitHub's points. */
  readonly cost: number;
}

/** A component's image and chart for the release, and the image of its first release candidate. */
export type ArtifactKind = 'image' | 'chart' | 'rc-image';

/** Whether a component's image tag or chart version exists in its registry. */
export interface ArtifactResult {
  readonly component: string;
  readonly kind: ArtifactKind;
  /** e.g. quay.io/…/hyperfleet-api:0.4.0 */
  readonly reference: string;
  /** Its manifest is in the registry and, for an image, its label names the expected version. */
  readonly exists: boolean;
  readonly digest?: string;
  /** An image's `Labels.version` as its config blob has it (null: no such label), beside the one expected. */
  readonly label?: { readonly expected: string; readonly found: string | null };
  readonly checkedAt: EpochMs;
  /** Set for a hotfix's patch image (vX.Y.(Z+1)): the release's checks leave it out. */
  readonly hotfix?: string;
}

/** A pull request as GitHub reports it: enough to follow a hotfix fix onto each branch. */
export interface PullRequestFact {
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly state: 'open' | 'merged' | 'closed';
  /** The branch it merges into (main, release-0.3) and the branch it comes from. */
  readonly base: string;
  readonly head: string;
  readonly labels: readonly string[];
  readonly author?: string;
  readonly createdAt?: EpochMs;
  readonly mergedAt?: EpochMs;
  /** The commit QE tests: the merge commit once merged, else the head. */
  readonly commit?: string;
  /** The rollup of the head commit's checks; `none` when it has none. */
  readonly ci: 'passed' | 'failed' | 'running' | 'none';
  readonly review: 'approved' | 'changes-requested' | 'review-required' | 'none';
  readonly changedFiles?: number;
  /** Its description, at most PULL_REQUEST_BODY_LIMIT characters of it (`bodyCut` when GitHub's was longer). */
  readonly body?: string;
  readonly bodyCut?: boolean;
  /** Each reviewer's latest review that approves or asks for changes (GitHub's latest opinionated reviews). */
  readonly reviews?: readonly PullRequestReview[];
}

export interface PullRequestReview {
  readonly by: string;
  readonly state: 'approved' | 'changes-requested' | 'dismissed' | 'commented' | 'pending';
}

/** What GitHub says of a repository beyond checks: its tags (newest first) and the pull requests the rules read. */
export interface RepoFacts {
  readonly repo: string;
  readonly tags: readonly string[];
  /** When each tag was made (an annotated tag's date, else its commit's), where GitHub says. */
  readonly taggedAt?: Readonly<Record<string, EpochMs>>;
  /**
   * Only the annotated tags' own dates: when the tag itself was made. A lightweight tag's date
   * is its commit's, older than the tag, so it cannot say whether the tag came before a gate.
   */
  readonly annotatedAt?: Readonly<Record<string, EpochMs>>;
  /**
   * With an open hotfix in it: its open and merged pull requests, the most recently updated
   * first, with their labels (its fix PRs are among them). Undefined when not read.
   */
  readonly pullRequests?: readonly PullRequestFact[];
  /**
   * Once code freeze began: its pull requests merged into a branch other than main since then,
   * with their reviews (the code-freeze exceptions are among them). Undefined when not read.
   */
  readonly releaseMerges?: readonly PullRequestFact[];
  /** The release repository's RELEASE_MANIFEST.yaml on main and on the release branch. */
  readonly manifest?: ManifestFacts;
  /**
   * The checks on each tag's commit, by tag name: commit statuses (Konflux's on-tag build
   * reports as "Konflux / hyperfleet-<component>-on-tag") and check suites (a workflow run, by
   * its workflow's name, such as the release repository's RC E2E trigger).
   */
  readonly tagChecks?: Readonly<Record<string, readonly CheckObservation[]>>;
  /** The branches GitHub was asked for that exist (main, release-0.4): whether a release branch is cut. */
  readonly branches?: readonly string[];
  /** Why these are from an earlier answer: the latest left this repository out. */
  readonly stale?: string;
}

/** Everything the sources know, normalised. Failures keep the last good results. */
export interface StatusSnapshot {
  readonly results: readonly LayerResult[];
  readonly artifacts?: readonly ArtifactResult[];
  readonly repos?: readonly RepoFacts[];
  /** The RC E2E job's runs in Prow's list, with the versions each tested. */
  readonly rcE2eRuns?: readonly RcE2eRun[];
  readonly sources: readonly SourceHealth[];
}
