import type { EpochMs } from './time.js';

export const LAYER_STATES = ['passed', 'failed', 'running', 'pending', 'missing', 'error'] as const;
export type LayerState = (typeof LAYER_STATES)[number];

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
}

export interface SourceHealth {
  readonly source: string;
  readonly ok: boolean;
  readonly lastSuccessAt?: EpochMs;
  readonly error?: string;
}

/** Everything the sources know, normalised. Failures keep the last good results. */
export interface StatusSnapshot {
  readonly results: readonly LayerResult[];
  readonly sources: readonly SourceHealth[];
}

export const EMPTY_SNAPSHOT: StatusSnapshot = { results: [], sources: [] };
