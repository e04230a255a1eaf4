import { RELEASE_MILESTONES, type Milestone } from './config.js';
import { formatUtc, HOUR, localDate, shiftWorkingDays, type EpochMs } from './time.js';

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

/**
 * The milestones of a release from its GA day (YYYY-MM-DD), as the cadence runs them: GA at the
 * end of day 5 of week 3; code freeze from day 4; feature freeze (branch cut, rc1) on day 1; the
 * readiness review at the end of week 2, the working day before. Times are UTC.
 */
export function milestonesFromGa(gaDay: string, holidays: readonly string[] = []): Record<Milestone, EpochMs> {
  const midnight = Date.parse(`${gaDay}T00:00:00Z`);
  const day = (shift: number, hour: number) => shiftWorkingDays(midnight, shift, { holidays }) + hour * HOUR;
  return {
    'readiness-review': day(-5, 15),
    'feature-freeze': day(-4, 9),
    'code-freeze': day(-1, 9),
    ga: day(0, 17),
  };
}

/**
 * Why a GA day cannot be planned at `now`, or null. A GA already past would start the release
 * "Released" with nothing done; the day itself counts until GA's hour.
 */
export function pastGaProblem(gaDay: string, now: EpochMs): string | null {
  const { ga } = milestonesFromGa(gaDay);
  if (ga > now) return null;
  return `--ga ${gaDay} is in the past: today is ${localDate(now)} (UTC), and GA is at ${formatUtc(ga).slice(11)} of its day; give a later day`;
}

/** What to do about a release with no milestones: the same words on screen and in the summary. */
export const unplannedHint = (release: string): string => `No deadlines yet: run \`plan --release ${release} --ga YYYY-MM-DD\``;
