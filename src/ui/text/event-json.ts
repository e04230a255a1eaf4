import type { JournalEvent } from '../../domain/events.js';

/** An event's own times as the journal writes them (ISO UTC), not as epoch milliseconds. */
export function withIsoTimes(event: JournalEvent): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...event };
  for (const key of ['at', 'until', 'reportedAt', 'since']) {
    const ms = fields[key];
    if (typeof ms === 'number') fields[key] = new Date(ms).toISOString();
  }
  return fields;
}
