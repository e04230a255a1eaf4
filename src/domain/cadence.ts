import { RELEASE_MILESTONES, type Milestone } from './config.js';
import type { EpochMs } from './time.js';

/** Where a release is in its three-week cadence, from its planned milestones. */
export type CadencePhase = 'unplanned' | 'development' | 'stabilisation' | 'code-freeze' | 'released';

export const MILESTONE_TITLES: Record<Milestone, string> = {
  'readiness-review': 'Readiness review',
  'feature-freeze': 'Feature freeze',
  'code-freeze': 'Code freeze',
  ga: 'GA',
};

export const CADENCE_TITLES: Record<CadencePhase, string> = {
  unplanned: 'Not planned',
  development: 'Development',
  stabilisation: 'Stabilisation',
  'code-freeze': 'Code freeze',
  released: 'Released',
};

export interface CadencePosition {
  readonly phase: CadencePhase;
  /** The next milestone still ahead of `now`, if any. */
  readonly next?: { readonly milestone: Milestone; readonly at: EpochMs };
}

export function cadencePosition(milestones: Partial<Record<Milestone, EpochMs>>, now: EpochMs): CadencePosition {
  const upcoming = RELEASE_MILESTONES.flatMap((m) => {
    const at = milestones[m];
    return at !== undefined && at > now ? [{ milestone: m, at }] : [];
  });
  const next = upcoming[0];
  const reached = (m: Milestone): boolean => milestones[m] !== undefined && milestones[m]! <= now;
  const phase: CadencePhase =
    Object.keys(milestones).length === 0
      ? 'unplanned'
      : reached('ga')
        ? 'released'
        : reached('code-freeze')
          ? 'code-freeze'
          : reached('feature-freeze')
            ? 'stabilisation'
            : 'development';
  return next ? { phase, next } : { phase };
}
