import type { AppConfig } from './config.js';
import type { HotfixState } from './fold.js';
import { addDuration, type EpochMs } from './time.js';

export type ClockLevel = 'ok' | 'warn' | 'critical' | 'overdue';

export interface HotfixClock {
  readonly deadline: EpochMs;
  /** Negative once overdue. */
  readonly remainingMs: number;
  readonly level: ClockLevel;
}

/** The SLA deadline: the report time plus the severity's patch SLA. */
export function hotfixDeadline(hotfix: HotfixState, config: Pick<AppConfig, 'hotfix'>): EpochMs {
  return addDuration(hotfix.reportedAt, config.hotfix.sla[hotfix.severity], config.hotfix.holidays);
}

/** Yellow when less than half the SLA is left, red under a fifth, then overdue. */
export function hotfixClock(hotfix: HotfixState, config: Pick<AppConfig, 'hotfix'>, now: EpochMs): HotfixClock {
  const deadline = hotfixDeadline(hotfix, config);
  const remainingMs = deadline - now;
  const total = Math.max(1, deadline - hotfix.reportedAt);
  const level: ClockLevel = remainingMs < 0 ? 'overdue' : remainingMs < total / 5 ? 'critical' : remainingMs < total / 2 ? 'warn' : 'ok';
  return { deadline, remainingMs, level };
}

/** Open hotfixes, the nearest deadline first. */
export function openHotfixesByUrgency(hotfixes: readonly HotfixState[], config: Pick<AppConfig, 'hotfix'>): HotfixState[] {
  return hotfixes
    .filter((h) => h.closedAt === null)
    .map((h) => [h, hotfixDeadline(h, config)] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([h]) => h);
}
