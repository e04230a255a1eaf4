import type { EventType, JournalEvent } from './events.js';
import { MINUTE, type EpochMs } from './time.js';

/** How long after recording it a person may still undo their own action (`u`, `undo`). */
export const UNDO_WINDOW_MS = 5 * MINUTE;

/**
 * Never undone: what was posted to Slack has left the building (edit the message instead), and
 * the turns to send, intents, late permalinks and claims of a step are bookkeeping, not anyone's action.
 */
const NOT_UNDONE: ReadonlySet<EventType> = new Set([
  'notice-intended',
  'notice-sent',
  'notice-updated',
  'notice-permalink',
  'notice-claimed',
  'notice-released',
  'step-claimed',
  'step-released',
  'event-retracted',
]);

/** What a person did, as opposed to what the app recorded on its own (turns to send, permalinks). */
const BOOKKEEPING: ReadonlySet<EventType> = new Set([
  'notice-intended',
  'notice-claimed',
  'notice-released',
  'notice-permalink',
  // A claim is let go with `c`, not undone; its renewals are the app's, every few minutes.
  'step-claimed',
  'step-released',
]);

type Retraction = Extract<JournalEvent, { type: 'event-retracted' }>;

/** Why this retraction does not undo this event, or null when it does (the fold and `undo` share the rule). */
export function retractionProblem(target: JournalEvent | undefined, retraction: Pick<Retraction, 'actor' | 'at'>): string | null {
  if (!target) return 'no such event in this stream';
  if (NOT_UNDONE.has(target.type)) return `a ${target.type} event is never undone`;
  if (target.actor !== retraction.actor) return `only @${target.actor}, who recorded it, may undo it`;
  if (target.at > retraction.at) return 'it was recorded after the undo';
  if (retraction.at - target.at > UNDO_WINDOW_MS) return `it is older than ${UNDO_WINDOW_MS / MINUTE} minutes`;
  return null;
}

/**
 * The ids of the events that valid retractions undo, in time-ordered events of one stream; a
 * retraction that does not count is named in `ignored`. An event is undone once: a second
 * retraction of it counts for nothing.
 */
export function retractedIds(ordered: readonly JournalEvent[]): { ids: ReadonlySet<string>; ignored: string[] } {
  // Only the events a retraction names are looked up: a long journal is kept out of the map.
  const targets = new Set<string>();
  for (const event of ordered) if (event.type === 'event-retracted') targets.add(event.target);
  const byId = new Map<string, JournalEvent>();
  const ids = new Set<string>();
  const ignored: string[] = [];
  for (const event of ordered) {
    if (targets.has(event.id)) byId.set(event.id, event);
    if (event.type !== 'event-retracted') continue;
    const problem = ids.has(event.target) ? 'it was undone already' : retractionProblem(byId.get(event.target), event);
    if (problem) ignored.push(`event-retracted of ${event.target} not counted: ${problem}`);
    else ids.add(event.target);
  }
  return { ids, ignored };
}

export interface Recorded {
  readonly stream: string;
  readonly event: JournalEvent;
}

export type UndoChoice = { readonly ok: true; readonly undo: Recorded } | { readonly ok: false; readonly reason: string };

/**
 * What `undo` takes back for `actor` at `now`: their latest action (across streams) that is not
 * undone yet. Refused when it is too old, or a kind that is never undone (a notice in Slack).
 */
export function chooseUndo(log: readonly Recorded[], actor: string, now: EpochMs): UndoChoice {
  const undone = new Set(log.flatMap(({ event }) => (event.type === 'event-retracted' ? [event.target] : [])));
  const latest = log
    .filter(({ event }) => event.actor === actor && !BOOKKEEPING.has(event.type) && event.type !== 'event-retracted')
    .filter(({ event }) => !undone.has(event.id))
    .reduce<Recorded | null>((best, r) => (!best || r.event.at >= best.event.at ? r : best), null);
  if (!latest) return { ok: false, reason: `@${actor} has recorded nothing that could be undone` };
  const problem = retractionProblem(latest.event, { actor, at: now });
  if (latest.event.type === 'notice-sent' || latest.event.type === 'notice-updated')
    return { ok: false, reason: 'your last action posted to Slack, which cannot be taken back: edit the message instead' };
  if (problem) return { ok: false, reason: `your last action is not undone: ${problem}` };
  return { ok: true, undo: latest };
}
