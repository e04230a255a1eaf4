import type { Milestone, Severity } from './config.js';
import type { EpochMs } from './time.js';

/**
 * Journal events. A stream is either a release ("release-v0.4.0") or a hotfix
 * ("hotfix-HYPERFLEET-901"); its state is a fold over these events.
 */
interface EventBase {
  readonly id: string;
  readonly at: EpochMs;
  /** GitHub login of the token in use when the event was recorded. */
  readonly actor: string;
  /** The hash of the rulebook (the configuration's rules, config/rulebook) it was recorded under. */
  readonly rulebook?: string;
}

/** One file of a release's configuration, named relative to hyperfleet.yaml's folder. */
export interface RulebookFile {
  readonly path: string;
  readonly text: string;
}

/** What is known of a hotfix when it is opened. */
export interface HotfixFacts {
  readonly key: string;
  readonly severity: Severity;
  readonly component: string;
  readonly affects: string;
  readonly summary: string;
  /** When the customer issue was reported: the SLA clock starts here. */
  readonly reportedAt: EpochMs;
}

/** What an approver saw, per layer and component, when they approved. */
export interface EvidenceItem {
  readonly layer: string;
  readonly component: string | null;
  readonly state: string;
  readonly commit?: string;
  readonly url?: string;
  readonly finishedAt?: EpochMs;
}

/**
 * A check that a completed step (or an approved gate) needs, as it stood at that moment: it passed,
 * and this is what it passed on. Only a passing check is recorded, so going past a red check by
 * hand never turns it green.
 */
export interface AcceptedCheck {
  /** The check step's id. */
  readonly step: string;
  /** Its layers' cells as they were: state, commit, run link, finish time. */
  readonly evidence: readonly EvidenceItem[];
  /** The tags and artifacts it had found ("v0.4.0-rc1 in hyperfleet-api"). */
  readonly found: readonly string[];
}

/** A part of a hand-over as it was written (domain/handover): a title, and plain lines with times in UTC. */
export interface HandoverSection {
  readonly title: string;
  readonly lines: readonly string[];
}

export type EventBody =
  | { readonly type: 'release-planned'; readonly release: string; readonly milestones: Partial<Record<Milestone, EpochMs>> }
  | { readonly type: 'step-completed'; readonly step: string; readonly note?: string; readonly accepted?: readonly AcceptedCheck[] }
  | { readonly type: 'step-reopened'; readonly step: string; readonly note?: string }
  | {
      readonly type: 'gate-approved';
      readonly step: string;
      /** The role signed for (a gate signed by several roles); journals written before it have none. */
      readonly role?: string;
      readonly comment?: string;
      readonly evidence?: readonly EvidenceItem[];
      readonly accepted?: readonly AcceptedCheck[];
    }
  | {
      readonly type: 'gate-waived';
      readonly step: string;
      readonly layer: string;
      /** The tracking issue of the known gap, e.g. GCP-334. */
      readonly tracking: string;
      readonly reason: string;
      readonly mitigation: string;
    }
  /** About to look for, then post, the notice with this key: after a crash, the next start reconciles. */
  | {
      readonly type: 'notice-intended';
      readonly step: string;
      readonly key: string;
      /** The free-text fields as edited: an edit after sending starts from these. */
      readonly fields?: Readonly<Record<string, string>>;
    }
  | {
      readonly type: 'notice-sent';
      readonly step: string;
      readonly key?: string;
      /** Slack's channel id and message ts: what chat.update needs to edit it. */
      readonly channel?: string;
      readonly ts?: string;
      readonly permalink?: string;
      /** Found already in the channel (a crash after posting), not posted now. */
      readonly reconciled?: boolean;
    }
  | { readonly type: 'notice-updated'; readonly step: string; readonly key: string; readonly ts: string }
  /** The permalink of a sent notice that Slack did not hand out when it was sent (a 429, say). */
  | { readonly type: 'notice-permalink'; readonly step: string; readonly key: string; readonly ts: string; readonly permalink: string }
  /**
   * A run takes its turn to send (or edit) the notice: the first claim in journal order that is
   * not released, not past its lease and whose process still runs holds it (see domain/claims).
   */
  | {
      readonly type: 'notice-claimed';
      readonly step: string;
      readonly key: string;
      /** The claiming process and its machine: a claim whose process is gone holds nothing. */
      readonly pid: number;
      readonly host: string;
    }
  /** The run is done with its turn (sent, edited, or failed): the next claim may go. */
  | { readonly type: 'notice-released'; readonly step: string; readonly key: string; readonly claim: string }
  /**
   * Someone is on this step (`c`): their claim holds until `until`, a lease renewed (another
   * claim by the holder) while their app runs, so it lapses by itself when it stops. Taking over
   * someone else's unexpired claim carries a `reason` (domain/step-claims).
   */
  | { readonly type: 'step-claimed'; readonly step: string; readonly until: EpochMs; readonly reason?: string }
  /** The holder lets go of the step (`c` again). */
  | { readonly type: 'step-released'; readonly step: string }
  | ({ readonly type: 'hotfix-opened' } & HotfixFacts)
  | { readonly type: 'hotfix-severity-changed'; readonly severity: Severity; readonly reason?: string }
  /** The report time corrected (the SLA clock starts there): recorded, never edited in place. */
  | { readonly type: 'hotfix-reported-changed'; readonly reportedAt: EpochMs; readonly reason?: string }
  | { readonly type: 'hotfix-closed'; readonly note?: string }
  /** The release's rulebook from here on: its hash, and the files it is read from, as they were. */
  | { readonly type: 'rulebook-recorded'; readonly hash: string; readonly files: readonly RulebookFile[] }
  /** A hand-over to whoever is next on the release: what it said, and from when it counted. */
  | { readonly type: 'handover-written'; readonly since?: EpochMs; readonly sections: readonly HandoverSection[] }
  /**
   * Undoes one earlier event of the same stream (`u`, `undo`): a compensating event, so the
   * journal stays append-only. Counts only as domain/undo says: own event, within the window.
   */
  | { readonly type: 'event-retracted'; readonly target: string; readonly reason?: string };

export type JournalEvent = EventBase & EventBody;
export type EventType = EventBody['type'];

export const releaseStream = (release: string): string => `release-${release}`;
export const hotfixStream = (key: string): string => `hotfix-${key}`;
