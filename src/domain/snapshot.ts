import type { ArtifactResult, LayerResult, RepoFacts, StatusSnapshot } from './status.js';
import type { EpochMs } from './time.js';

export type SourceOutcome =
  | {
      readonly ok: true;
      readonly results: readonly LayerResult[];
      readonly artifacts?: readonly ArtifactResult[];
      readonly repos?: readonly RepoFacts[];
    }
  | { readonly ok: false; readonly error: string };

/**
 * Folds one source's outcome into the snapshot. A failure keeps that source's last good results
 * (their fetchedAt shows how old they are) and records why; it never empties the screen.
 */
export function applySourceOutcome(snapshot: StatusSnapshot | null, source: string, outcome: SourceOutcome, now: EpochMs): StatusSnapshot {
  const previous: StatusSnapshot = snapshot ?? { results: [], sources: [] };
  const before = previous.sources.find((s) => s.source === source);
  const others = previous.sources.filter((s) => s.source !== source);
  if (outcome.ok) {
    // Each kind of fact comes from one source; a source that does not report it keeps the last.
    const artifacts = outcome.artifacts ?? previous.artifacts;
    const repos = outcome.repos ?? previous.repos;
    return {
      results: [...previous.results.filter((r) => r.source !== source), ...outcome.results],
      ...(artifacts ? { artifacts } : {}),
      ...(repos ? { repos } : {}),
      sources: [...others, { source, ok: true, lastSuccessAt: now }],
    };
  }
  const health = {
    source,
    ok: false,
    error: outcome.error,
    ...(before?.lastSuccessAt !== undefined ? { lastSuccessAt: before.lastSuccessAt } : {}),
  };
  return { ...previous, sources: [...others, health] };
}

/** Sources that failed on their last attempt, for the stale banner. */
export function staleSources(snapshot: StatusSnapshot | null): StatusSnapshot['sources'] {
  return snapshot?.sources.filter((s) => !s.ok) ?? [];
}
