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

/** The source whose answer carries the viewer: the identity every recorded action is made as. */
export const GITHUB_SOURCE = 'github';
/** The source that reads Prow's job list. */
export const PROW_SOURCE = 'prow';

/**
 * Why there is no GitHub identity to record an action as, in lower case to go inside a sentence:
 * the GitHub source's own error when it has one (no token, a rejected token, GitHub unreachable),
 * so a set token is never met with "set GITHUB_TOKEN".
 */
export function notSignedInReason(snapshot: StatusSnapshot | null): string {
  const github = snapshot?.sources.find((s) => s.source === GITHUB_SOURCE);
  if (github && !github.ok && github.error) return `not signed in (${github.error})`;
  if (!github) return 'not signed in yet: GitHub has not answered; press r to ask again';
  return 'not signed in: set GITHUB_TOKEN (or run `gh auth login`)';
}
