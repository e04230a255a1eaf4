import type { ArtifactResult, LayerResult, RcE2eRun, RepoFacts, SourceHealth, StatusSnapshot, UnansweredRepo } from './status.js';
import type { EpochMs } from './time.js';

export type SourceOutcome =
  | {
      readonly ok: true;
      /** A result marked `stale` is one the answer left out: a placeholder for the last good one. */
      readonly results: readonly LayerResult[];
      readonly artifacts?: readonly ArtifactResult[];
      readonly repos?: readonly RepoFacts[];
      readonly rcE2eRuns?: readonly RcE2eRun[];
      /** Repositories the answer left out: their facts are kept from before, marked stale. */
      readonly unanswered?: ReadonlyArray<Omit<UnansweredRepo, 'lastGoodAt'>>;
    }
  | { readonly ok: false; readonly error: string };

const cellKey = (r: LayerResult): string => `${r.layer}/${r.component ?? 'release'}${r.branch ? `@${r.branch}` : ''}`;

/**
 * A result the answer left out (a placeholder, marked stale) is the last good one, marked with
 * why; with none yet it stays the placeholder: unknown, never missing or failed.
 */
function keepLastGood(previous: readonly LayerResult[], fresh: readonly LayerResult[]): LayerResult[] {
  const before = new Map(previous.map((r) => [cellKey(r), r]));
  return fresh.map((result) => {
    if (result.stale === undefined) return result;
    const last = before.get(cellKey(result));
    return last && last.state !== 'unknown' ? { ...last, stale: result.stale } : result;
  });
}

/** The last good facts of each repository the answer left out (its checks only, or all of it), marked with why. */
function keptRepos(previous: readonly RepoFacts[], fresh: readonly RepoFacts[], unanswered: readonly UnansweredRepo[]): RepoFacts[] {
  const answered = new Set(fresh.map((r) => r.repo));
  return previous.flatMap((r) => {
    const left = unanswered.find((u) => u.repo === r.repo);
    return left && !answered.has(r.repo) ? [{ ...r, stale: left.reason }] : [];
  });
}

/** The repositories an answer left out, each with when it was last answered (a repository left out again keeps its date). */
function unansweredSince(
  unanswered: ReadonlyArray<Omit<UnansweredRepo, 'lastGoodAt'>>,
  before: SourceHealth | undefined,
): UnansweredRepo[] {
  return unanswered.map((u) => {
    const earlier = before?.unanswered?.find((e) => e.repo === u.repo);
    const lastGoodAt = earlier ? earlier.lastGoodAt : before?.lastSuccessAt;
    return { ...u, ...(lastGoodAt !== undefined ? { lastGoodAt } : {}) };
  });
}

/**
 * Folds one source's outcome into the snapshot. A failure keeps that source's last good results
 * (their fetchedAt shows how old they are) and records why; it never empties the screen. An
 * answer that left some repositories out keeps their last good results and facts, marked stale.
 */
export function applySourceOutcome(snapshot: StatusSnapshot | null, source: string, outcome: SourceOutcome, now: EpochMs): StatusSnapshot {
  const previous: StatusSnapshot = snapshot ?? { results: [], sources: [] };
  const before = previous.sources.find((s) => s.source === source);
  const others = previous.sources.filter((s) => s.source !== source);
  if (outcome.ok) {
    const mine = previous.results.filter((r) => r.source === source);
    // Each kind of fact comes from one source; a source that does not report it keeps the last.
    const artifacts = outcome.artifacts ?? previous.artifacts;
    const rcE2eRuns = outcome.rcE2eRuns ?? previous.rcE2eRuns;
    const unanswered = unansweredSince(outcome.unanswered ?? [], before);
    const repos = outcome.repos ? [...outcome.repos, ...keptRepos(previous.repos ?? [], outcome.repos, unanswered)] : previous.repos;
    const health: SourceHealth = { source, ok: true, lastSuccessAt: now, ...(unanswered.length ? { unanswered } : {}) };
    return {
      results: [...previous.results.filter((r) => r.source !== source), ...keepLastGood(mine, outcome.results)],
      ...(artifacts ? { artifacts } : {}),
      ...(repos ? { repos } : {}),
      ...(rcE2eRuns ? { rcE2eRuns } : {}),
      sources: [...others, health],
    };
  }
  const health = {
    source,
    ok: false,
    error: outcome.error,
    ...(before?.lastSuccessAt !== undefined ? { lastSuccessAt: before.lastSuccessAt } : {}),
    // Kept, so a repository left out before the failure keeps the date it was last answered.
    ...(before?.unanswered ? { unanswered: before.unanswered } : {}),
  };
  return { ...previous, sources: [...others, health] };
}

/** Sources whose data is not all from their latest answer (failing, or left something out), for the stale banner. */
export function staleSources(snapshot: StatusSnapshot | null): StatusSnapshot['sources'] {
  return snapshot?.sources.filter((s) => !s.ok || (s.unanswered?.length ?? 0) > 0) ?? [];
}

/** One line of "what on screen is stale, and why": a failing source, or a repository its answer left out. */
export interface StaleNote {
  readonly source: string;
  readonly reason: string;
  /** When what is shown was last answered; absent when nothing has been, so nothing of it is shown. */
  readonly since?: EpochMs;
  /** The whole source is failing (and is retried), not one part of its answer. */
  readonly failing: boolean;
}

export function staleNotes(snapshot: StatusSnapshot | null): StaleNote[] {
  return (snapshot?.sources ?? []).flatMap((s): StaleNote[] => {
    if (!s.ok) return [{ source: s.source, reason: s.error ?? 'failed', failing: true, ...since(s.lastSuccessAt) }];
    return (s.unanswered ?? []).map((u) => ({ source: s.source, reason: u.reason, failing: false, ...since(u.lastGoodAt) }));
  });
}

const since = (at: EpochMs | undefined) => (at !== undefined ? { since: at } : {});

/** Why a result shown now is not fresh: its source failing now, or the answer that left it out; undefined when fresh. */
export function staleReason(result: LayerResult, snapshot: StatusSnapshot): string | undefined {
  const health = snapshot.sources.find((s) => s.source === result.source);
  if (health && !health.ok) return health.error ?? 'failed';
  return result.stale;
}

/** Why a repository's facts shown now (its tags, its manifest) are not fresh: GitHub failing, or its answer leaving the repository out. */
export function repoStaleReason(snapshot: StatusSnapshot | null, repo: string): string | undefined {
  const health = snapshot?.sources.find((s) => s.source === GITHUB_SOURCE);
  if (health && !health.ok) return health.error ?? 'failed';
  return snapshot?.repos?.find((r) => r.repo === repo)?.stale;
}

/** Why the registry's artifacts shown now are not fresh (it is failing), or undefined. */
export function artifactsStaleReason(snapshot: StatusSnapshot | null): string | undefined {
  const health = snapshot?.sources.find((s) => s.source === REGISTRY_SOURCE);
  return health && !health.ok ? (health.error ?? 'failed') : undefined;
}

/** The source whose answer carries the viewer: the identity every recorded action is made as. */
export const GITHUB_SOURCE = 'github';
/** The source that reads Prow's job list. */
export const PROW_SOURCE = 'prow';
/** The source that asks the registry for images and charts: every artifact comes from it. */
export const REGISTRY_SOURCE = 'registry';

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
