import type { ArtifactResult, LayerResult, RateLimit, RcE2eRun, RepoFacts } from '../domain/status.js';

/** What one backend (GitHub, Prow, the registry, or the demo world) knows right now. */
export interface SourceReport {
  readonly results: readonly LayerResult[];
  readonly artifacts?: readonly ArtifactResult[];
  readonly repos?: readonly RepoFacts[];
  /** The RC E2E job's runs and what each tested (Prow). */
  readonly rcE2eRuns?: readonly RcE2eRun[];
  /** The GitHub login of the token in use, when this source can tell. */
  readonly viewer?: string;
  readonly rateLimit?: RateLimit;
  /** Repositories the answer left out (GitHub's NOT_FOUND, FORBIDDEN), with why: kept from before, marked stale. */
  readonly unanswered?: ReadonlyArray<{ readonly repo: string; readonly reason: string }>;
  /** Problems that did not stop the source and name no repository (e.g. GraphQL errors beside the data). */
  readonly warnings?: readonly string[];
}

export interface StatusSource {
  readonly name: string;
  /** A source whose answer this one reads (the registry, GitHub's manifest): asked after it, in the same refresh. */
  readonly after?: string;
  fetch(now: number, signal?: AbortSignal): Promise<SourceReport>;
}

/** A failure a person can act on: what failed and what to do, never a token or a stack. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}
