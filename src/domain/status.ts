import type { EpochMs } from './time.js';

export const LAYER_STATES = ['passed', 'failed', 'running', 'pending', 'missing', 'error'] as const;
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
  /** The raw checks behind this result (Enter on a cell shows them). */
  readonly checks?: readonly CheckObservation[];
  /** For periodic jobs: when the current unbroken run of passes began (the oldest pass's finish). */
  readonly passingSince?: EpochMs;
}

export interface SourceHealth {
  readonly source: string;
  readonly ok: boolean;
  readonly lastSuccessAt?: EpochMs;
  readonly error?: string;
}

/** GitHub's request budget, as the last answer reported it. */
export interface RateLimit {
  readonly remaining: number;
  readonly limit: number;
  readonly resetAt: EpochMs;
  /** What the last refresh cost, in GitHub's points. */
  readonly cost: number;
}

/** Whether a component's image tag or chart version exists in its registry. */
export interface ArtifactResult {
  readonly component: string;
  readonly kind: 'image' | 'chart';
  /** e.g. quay.io/…/hyperfleet-api:0.4.0 */
  readonly reference: string;
  readonly exists: boolean;
  readonly digest?: string;
  readonly checkedAt: EpochMs;
}

/** What GitHub says of a repository beyond checks: its tags (newest first). */
export interface RepoFacts {
  readonly repo: string;
  readonly tags: readonly string[];
  /** When each tag was made (an annotated tag's date, else its commit's), where GitHub says. */
  readonly taggedAt?: Readonly<Record<string, EpochMs>>;
}

/** Everything the sources know, normalised. Failures keep the last good results. */
export interface StatusSnapshot {
  readonly results: readonly LayerResult[];
  readonly artifacts?: readonly ArtifactResult[];
  readonly repos?: readonly RepoFacts[];
  readonly sources: readonly SourceHealth[];
}
