import type { Component, LayerSpec } from './config.js';
import type { CheckObservation, LayerResult, LayerState } from './status.js';
import { addDuration, describeDuration, formatSpan, type EpochMs } from './time.js';

/**
 * Turns what the sources saw (commit statuses and check runs per repository, periodic job runs)
 * into one LayerResult per layer and component, by the patterns and job names in the config.
 * A declared layer with nothing matching is `missing`, never passed.
 */

/** The head commit of the branch whose checks count for a repository. */
export interface CommitObservation {
  readonly repo: string;
  readonly branch: string;
  readonly commit: string;
  readonly url?: string;
  readonly checks: readonly CheckObservation[];
}

export interface JobRun extends CheckObservation {
  readonly buildId?: string;
}

/** `*` matches any run of characters; everything else is literal. */
export function globMatch(pattern: string, name: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(name);
}

const SEVERITY: Record<LayerState, number> = { failed: 5, error: 4, running: 3, pending: 2, missing: 1, unknown: 1, passed: 0 };

/** Several checks match one layer (ci/prow/unit, ci/prow/unit-race): the worst one decides. */
function combine(checks: readonly CheckObservation[]): Pick<LayerResult, 'state' | 'url' | 'finishedAt' | 'detail'> {
  const worst = [...checks].sort((a, b) => SEVERITY[b.state] - SEVERITY[a.state])[0]!;
  if (worst.state !== 'passed') {
    const detail = checks.length > 1 ? `${worst.name}${worst.detail ? `: ${worst.detail}` : ''}` : worst.detail;
    return { state: worst.state, url: worst.url, finishedAt: worst.finishedAt, ...(detail ? { detail } : {}) };
  }
  // All passed: the result is as fresh as its oldest pass.
  const finished = checks.map((c) => c.finishedAt).filter((t): t is EpochMs => t !== undefined);
  const oldest = finished.length === checks.length ? Math.min(...finished) : undefined;
  return { state: 'passed', url: worst.url, ...(oldest !== undefined ? { finishedAt: oldest } : {}) };
}

/**
 * `unanswered`: repositories the answer left out, with why. Their cells are placeholders marked
 * stale (`unknown`), for the snapshot to keep the last good result in their place.
 */
export function resultsFromCommits(
  layers: readonly LayerSpec[],
  components: readonly Component[],
  releaseRepo: string,
  commits: readonly CommitObservation[],
  source: string,
  fetchedAt: EpochMs,
  unanswered: ReadonlyMap<string, string> = new Map(),
): LayerResult[] {
  return layers.flatMap((layer) => {
    if (layer.source.kind !== 'commit-status') return [];
    const pattern = layer.source.context;
    const targets =
      layer.scope === 'component'
        ? components.map((c) => ({ component: c.name as string | null, repo: c.repo }))
        : [{ component: null, repo: releaseRepo }];
    return targets.map(({ component, repo }): LayerResult => {
      const base = { layer: layer.id, component, fetchedAt, source };
      const left = unanswered.get(repo);
      if (left !== undefined) return { ...base, state: 'unknown', stale: left, detail: `no answer for ${repo} yet: ${left}` };
      const head = commits.find((c) => c.repo === repo);
      if (!head) return { ...base, state: 'missing', detail: `no branch head for ${repo}` };
      const checks = head.checks.filter((check) => globMatch(pattern, check.name));
      const where = { commit: head.commit, ...(head.url ? { url: head.url } : {}) };
      if (checks.length === 0) {
        return { ...base, ...where, state: 'missing', detail: `no ${pattern} check on ${head.branch} @ ${head.commit.slice(0, 7)}` };
      }
      return { ...base, ...where, ...stripUndefined(combine(checks)), checks };
    });
  });
}

export function resultsFromJobs(layers: readonly LayerSpec[], runs: readonly JobRun[], source: string, now: EpochMs): LayerResult[] {
  return layers.flatMap((layer) => {
    if (layer.source.kind !== 'prow-job') return [];
    const job = layer.source.job;
    const base = { layer: layer.id, component: null, fetchedAt: now, source };
    const history = runs
      .filter((run) => run.name === job)
      .sort((a, b) => (b.startedAt ?? b.finishedAt ?? 0) - (a.startedAt ?? a.finishedAt ?? 0));
    const latest = history[0];
    if (!latest) return [{ ...base, state: 'missing', detail: 'no run in the job list' } satisfies LayerResult];
    const startedAt = latest.startedAt ?? latest.finishedAt;
    if (startedAt !== undefined && addDuration(startedAt, layer.maxAge) < now) {
      return [
        {
          ...base,
          state: 'missing',
          detail: `no run within ${describeDuration(layer.maxAge)}; the last started ${formatSpan(now - startedAt)} ago`,
          checks: [latest],
        } satisfies LayerResult,
      ];
    }
    const detail = latest.detail ?? (latest.buildId ? `build ${latest.buildId}` : undefined);
    // The current unbroken run of passes, newest first: it began when its oldest pass finished.
    const firstBreak = history.findIndex((run) => run.state !== 'passed');
    const streak = firstBreak === -1 ? history : history.slice(0, firstBreak);
    return [
      stripUndefined({
        ...base,
        state: latest.state,
        url: latest.url,
        finishedAt: latest.finishedAt,
        detail,
        checks: [latest],
        passingSince: streak.at(-1)?.finishedAt,
      }) as LayerResult,
    ];
  });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
