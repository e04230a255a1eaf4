import type { Milestone } from './config.js';
import type { AcceptedCheck, HandoverSection, HotfixFacts, JournalEvent, RulebookFile } from './events.js';
import type { Approval, Waiver } from './gate.js';
import type { EpochMs } from './time.js';
import { retractedIds } from './undo.js';

/** How a step came to be done. */
export interface StepRecord {
  readonly at: EpochMs;
  readonly by: string;
  readonly via: 'manual' | 'approval' | 'notice';
  readonly note?: string;
  /** The checks it needed, as they passed when it was done. */
  readonly accepted?: readonly AcceptedCheck[];
}

/** A notice step's delivery: intended (maybe crashed before confirming), then sent. */
export interface NoticeRecord {
  /** The first intent since the last send: the channel is searched from here on restart. */
  readonly intendedAt?: EpochMs;
  /** The free-text fields of the latest intent. */
  readonly fields?: Readonly<Record<string, string>>;
  readonly sent?: {
    readonly at: EpochMs;
    readonly by: string;
    readonly channel?: string;
    readonly ts?: string;
    readonly permalink?: string;
    readonly reconciled?: boolean;
  };
}

/** Approvals and waivers recorded for one gate step, oldest first; the gate decides which count. */
export interface GateRecord {
  readonly approvals: readonly Approval[];
  readonly waivers: readonly Waiver[];
}

/** A hand-over as written, and its message in the team's channel once posted. */
export interface HandoverRecord {
  readonly id: string;
  readonly at: EpochMs;
  readonly by: string;
  readonly since?: EpochMs;
  readonly sections: readonly HandoverSection[];
  readonly notice?: NoticeRecord;
}

/** The configuration the release is run by, as recorded on its journal (config/rulebook). */
export interface RulebookRecord {
  readonly hash: string;
  readonly at: EpochMs;
  readonly by: string;
  readonly files: readonly RulebookFile[];
}

/** The step a hand-over's notice events name (`notice-intended`, `-claimed`, `-sent`): its own, never a playbook's. */
export const handoverStep = (id: string): string => `handover/${id}`;
/** Its key in the channel (the message's metadata): the release's, as every notice key is. */
export const handoverKey = (release: string, id: string): string => `${release}/handover-${id}`;
const HANDOVER_STEP = /^handover\//;
export const isHandoverStep = (step: string): boolean => HANDOVER_STEP.test(step);

export interface ReleaseState {
  readonly release: string | null;
  readonly plannedBy: string | null;
  readonly milestones: Partial<Record<Milestone, EpochMs>>;
  readonly steps: Readonly<Record<string, StepRecord>>;
  readonly gates: Readonly<Record<string, GateRecord>>;
  readonly notices: Readonly<Record<string, NoticeRecord>>;
  /** Hand-overs, oldest first. */
  readonly handovers: readonly HandoverRecord[];
  /** The release's rulebook: the newest recorded, with who recorded it. */
  readonly rulebook: RulebookRecord | null;
  /** Events that were valid JSON but made no sense here (e.g. an unknown step). */
  readonly ignored: readonly string[];
}

export interface HotfixState extends HotfixFacts {
  readonly openedBy: string;
  readonly closedAt: EpochMs | null;
  readonly steps: Readonly<Record<string, StepRecord>>;
  readonly gates: Readonly<Record<string, GateRecord>>;
  readonly notices: Readonly<Record<string, NoticeRecord>>;
  readonly ignored: readonly string[];
}

type Steps = Record<string, StepRecord>;
type Gates = Record<string, { approvals: Approval[]; waivers: Waiver[] }>;
type Notices = Record<string, NoticeRecord>;
interface Records {
  readonly steps: Steps;
  readonly gates: Gates;
  readonly notices: Notices;
}

const gateOf = (gates: Gates, step: string) => (gates[step] ??= { approvals: [], waivers: [] });

/** Applies the step events shared by every playbook. Returns false when the event is not one. */
function applyStepEvent({ steps, gates, notices }: Records, event: JournalEvent): boolean {
  switch (event.type) {
    case 'step-completed':
      steps[event.step] = {
        at: event.at,
        by: event.actor,
        via: 'manual',
        ...(event.note ? { note: event.note } : {}),
        ...(event.accepted?.length ? { accepted: event.accepted } : {}),
      };
      return true;
    case 'step-reopened':
      delete steps[event.step];
      return true;
    case 'gate-approved':
      gateOf(gates, event.step).approvals.push({
        by: event.actor,
        at: event.at,
        evidence: event.evidence ?? [],
        ...(event.role ? { role: event.role } : {}),
        ...(event.comment ? { comment: event.comment } : {}),
        ...(event.accepted?.length ? { accepted: event.accepted } : {}),
      });
      return true;
    case 'gate-waived': {
      const { layer, tracking, reason, mitigation } = event;
      gateOf(gates, event.step).waivers.push({ layer, tracking, reason, mitigation, by: event.actor, at: event.at });
      return true;
    }
    case 'notice-intended': {
      const current = notices[event.step];
      notices[event.step] = {
        ...current,
        intendedAt: current?.intendedAt ?? event.at,
        ...(event.fields ? { fields: event.fields } : {}),
      };
      return true;
    }
    case 'notice-sent': {
      const { channel, ts, permalink, reconciled } = event;
      const { intendedAt: _, ...current } = notices[event.step] ?? {};
      const sent = {
        at: event.at,
        by: event.actor,
        ...(channel ? { channel } : {}),
        ...(ts ? { ts } : {}),
        ...(permalink ? { permalink } : {}),
        ...(reconciled ? { reconciled } : {}),
      };
      notices[event.step] = { ...current, sent };
      steps[event.step] = { at: event.at, by: event.actor, via: 'notice' };
      return true;
    }
    case 'notice-permalink': {
      // Only for the message it names: a permalink never moves a notice to another message.
      const current = notices[event.step];
      if (current?.sent?.ts === event.ts) notices[event.step] = { ...current, sent: { ...current.sent, permalink: event.permalink } };
      return true;
    }
    case 'notice-updated': // in the log; the message and its record stay the same
    case 'notice-claimed': // whose turn it is to send: decided by domain/claims, not part of the state
    case 'notice-released':
    case 'step-claimed': // who is on a step: decided at `now` by domain/step-claims, not part of the state
    case 'step-released':
    case 'event-retracted': // what it undoes was taken out before the fold (domain/undo)
      return true;
    default:
      return false;
  }
}

/**
 * Events are applied in time order; ties keep file order. A repeated id counts once. An event a
 * valid retraction undoes is left out, as if never recorded; the Log still shows both.
 */
function ordered(events: readonly JournalEvent[], ignored: string[]): JournalEvent[] {
  const seen = new Set<string>();
  const unique: JournalEvent[] = [];
  let retractions = false;
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    unique.push(event);
    if (event.type === 'event-retracted') retractions = true;
  }
  // Array sort is stable: ties stay in file order. A journal is mostly in time order already,
  // which its merge sort finds in one pass.
  const sorted = unique.sort((a, b) => a.at - b.at);
  if (!retractions) return sorted;
  const retracted = retractedIds(sorted);
  for (const reason of retracted.ignored) ignored.push(reason);
  return retracted.ids.size === 0 ? sorted : sorted.filter((e) => !retracted.ids.has(e.id));
}

export function foldRelease(events: readonly JournalEvent[], knownSteps: ReadonlySet<string>): ReleaseState {
  let release: string | null = null;
  let plannedBy: string | null = null;
  let milestones: Partial<Record<Milestone, EpochMs>> = {};
  const records: Records = { steps: {}, gates: {}, notices: {} };
  const handovers: Omit<HandoverRecord, 'notice'>[] = [];
  let rulebook: RulebookRecord | null = null;
  const handoverNotices: Records = { steps: {}, gates: {}, notices: {} };
  const ignored: string[] = [];
  for (const event of ordered(events, ignored)) {
    if (event.type === 'release-planned') {
      release = event.release;
      plannedBy ??= event.actor;
      milestones = { ...milestones, ...event.milestones };
    } else if (event.type === 'rulebook-recorded') {
      rulebook = { hash: event.hash, at: event.at, by: event.actor, files: event.files };
    } else if (event.type === 'handover-written') {
      const { id, at, actor: by, since, sections } = event;
      handovers.push({ id, at, by, sections, ...(since !== undefined ? { since } : {}) });
    } else if ('step' in event && isHandoverStep(event.step) && event.type.startsWith('notice-')) {
      applyStepEvent(handoverNotices, event);
    } else if ('step' in event && !knownSteps.has(event.step)) {
      ignored.push(`${event.type} for unknown step "${event.step}"`);
    } else if (!applyStepEvent(records, event)) {
      ignored.push(`${event.type} does not belong to a release journal`);
    }
  }
  const withNotices = handovers.map((h) => {
    const notice = handoverNotices.notices[handoverStep(h.id)];
    return notice ? { ...h, notice } : h;
  });
  return { release, plannedBy, milestones, ...records, handovers: withNotices, rulebook, ignored };
}

/** Folds one hotfix stream. Returns null when the stream never recorded hotfix-opened. */
export function foldHotfix(events: readonly JournalEvent[], knownSteps: ReadonlySet<string>): HotfixState | null {
  let state: Omit<HotfixState, 'steps' | 'gates' | 'notices' | 'ignored'> | null = null;
  const records: Records = { steps: {}, gates: {}, notices: {} };
  const ignored: string[] = [];
  for (const event of ordered(events, ignored)) {
    if (event.type === 'hotfix-opened') {
      const { key, severity, component, affects, summary, reportedAt } = event;
      state = { key, severity, component, affects, summary, reportedAt, openedBy: event.actor, closedAt: null };
      continue;
    }
    const current: typeof state = state;
    if (!current) {
      ignored.push(`${event.type} before hotfix-opened`);
    } else if (event.type === 'hotfix-severity-changed') {
      state = { ...current, severity: event.severity };
    } else if (event.type === 'hotfix-reported-changed') {
      state = { ...current, reportedAt: event.reportedAt };
    } else if (event.type === 'hotfix-closed') {
      state = { ...current, closedAt: event.at };
    } else if ('step' in event && !knownSteps.has(event.step)) {
      ignored.push(`${event.type} for unknown step "${event.step}"`);
    } else if (!applyStepEvent(records, event)) {
      ignored.push(`${event.type} does not belong to a hotfix journal`);
    }
  }
  return state ? { ...state, ...records, ignored } : null;
}
