import type { JournalEvent } from './events.js';
import { formatSpan, type EpochMs } from './time.js';

/**
 * The shared ledger: every stream's events as commits on one branch of a repository the team
 * can write to, one commit per event, made with a compare-and-swap on the branch head. The
 * branch's history is a total order every machine reads alike: that order (the commit's height
 * on the branch, a logical clock) is the fold order, then events not yet shared, in the order
 * they were recorded here.
 */

/** An event as it came off the branch: its commit's author, and whether GitHub's signature holds. */
export interface LedgerEntry {
  readonly stream: string;
  readonly event: JournalEvent;
  readonly commit: string;
  /** The GitHub login the commit is attributed to; null when GitHub knows no user for it. */
  readonly author: string | null;
  readonly signed: boolean;
}

/**
 * Why an entry does not count, or null when it does. GitHub authors and signs a commit made
 * through the API as the token's user, so an event whose actor is not its commit's signed author
 * was written by hand (a push naming someone else): shown, never counted, like a forged line.
 */
export function entryProblem(entry: LedgerEntry): string | null {
  if (!entry.signed)
    return `commit ${entry.commit.slice(0, 7)} is not signed by GitHub (pushed by hand, not made through the API); not counted`;
  if (entry.author !== entry.event.actor)
    return `${entry.event.type} by @${entry.event.actor} is in commit ${entry.commit.slice(0, 7)} authored by ${entry.author ? `@${entry.author}` : 'no GitHub user'}; not counted`;
  return null;
}

/**
 * Events that decide something for the whole team: a second one from a state the others moved
 * past would count twice or contradict the first. They are shared before they count, so never
 * recorded while the ledger cannot be reached. Ticks, notes and notices' own records can wait.
 */
const DECIDING = new Set<JournalEvent['type']>([
  'gate-approved',
  'gate-waived',
  'notice-claimed',
  // A claim the others cannot see yet tells them nothing: it is shared before it counts, like a decision.
  'step-claimed',
  'hotfix-opened',
  'release-planned',
  'rulebook-recorded',
]);
export const decidesForTheTeam = (event: JournalEvent): boolean => DECIDING.has(event.type);

/** The same thing done: the step ticked, the gate's role signed, the layer waived, the hotfix opened. */
function sameDecision(ours: JournalEvent, theirs: JournalEvent): boolean {
  if (ours.type !== theirs.type) return false;
  switch (ours.type) {
    case 'step-completed':
    case 'step-reopened':
      return 'step' in theirs && theirs.step === ours.step;
    case 'gate-approved':
      return theirs.type === 'gate-approved' && theirs.step === ours.step && (theirs.role ?? null) === (ours.role ?? null);
    case 'gate-waived':
      return theirs.type === 'gate-waived' && theirs.step === ours.step && theirs.layer === ours.layer;
    // Someone else claimed the step first: ours is moot, unless it is a deliberate takeover (it has a reason).
    case 'step-claimed':
      return theirs.type === 'step-claimed' && theirs.step === ours.step && theirs.actor !== ours.actor && !ours.reason?.trim();
    case 'hotfix-opened':
    case 'hotfix-closed':
    case 'release-planned':
      return true;
    case 'rulebook-recorded':
      return theirs.type === 'rulebook-recorded' && theirs.hash === ours.hash;
    default:
      return false;
  }
}

/** What someone else did first that makes ours moot: for "@ciaranroche approved it 4 s ago". */
export interface Superseded {
  readonly by: JournalEvent;
  readonly text: string;
}

const DID: Partial<Record<JournalEvent['type'], string>> = {
  'step-completed': 'ticked it',
  'step-reopened': 'reopened it',
  'gate-approved': 'approved it',
  'gate-waived': 'waived it',
  'step-claimed': 'claimed it',
  'hotfix-opened': 'opened it',
  'hotfix-closed': 'closed it',
  'release-planned': 'planned it',
  'rulebook-recorded': 'recorded the same rulebook',
};

/**
 * Whether events that reached the branch while ours waited to be shared already did what ours
 * does. Then ours is not shared (it would count twice), and the person is told who was first.
 * A notice claim is never moot: the first claim in branch order holds the turn (domain/claims).
 * A step's claim is, to someone else's claim of the step (domain/step-claims), unless it takes over.
 */
export function supersededBy(ours: JournalEvent, arrived: readonly JournalEvent[], now: EpochMs): Superseded | null {
  const first = arrived.find((theirs) => theirs.id !== ours.id && sameDecision(ours, theirs));
  if (!first) return null;
  const ago = now - first.at < 1000 ? 'just now' : `${formatSpan(now - first.at)} ago`;
  return { by: first, text: `@${first.actor} ${DID[first.type] ?? 'did it'} ${ago}` };
}

/**
 * The ledger branch's head as another read saw it: the status request of this refresh, which
 * asks for it beside the status, so an idle refresh needs no read of the ledger's own. Null: the
 * branch does not exist yet.
 */
export interface ObservedHead {
  readonly head: string | null;
}

/** A commit of the ledger branch as GitHub answers it: the journal decodes its event. */
export interface LedgerCommit {
  readonly oid: string;
  readonly headline: string;
  readonly body: string;
  readonly author: string | null;
  readonly signed: boolean;
}

/** What the branch gained since a known head: its commits oldest first, and whether the known head was among them. */
export interface LedgerDelta {
  /** The branch head now; null when the branch does not exist yet. */
  readonly head: string | null;
  readonly commits: readonly LedgerCommit[];
  /** The known head was not in the history (the branch was rewritten): `commits` is the whole ledger again. */
  readonly rewritten: boolean;
}

/** The write of one commit: done (the new head), or refused because the head moved (someone else wrote first). */
export type LedgerWrite = { readonly state: 'written'; readonly head: string } | { readonly state: 'stale' };

/**
 * Where the shared ledger lives (GitHub, through sources/github/ledger-client): reads what is new
 * since a head, and writes one commit if the head is still the one expected. A failure to reach
 * it throws, with one sentence saying what to do.
 */
export interface LedgerRemote {
  /** "openshift-hyperfleet/hyperfleet-release@hyperfleet-tui/ledger". */
  describe(): string;
  read(since: string | null): Promise<LedgerDelta>;
  /** Creates the branch (at the repository's default branch head) when it does not exist yet. */
  write(
    expectedHead: string | null,
    commit: { readonly headline: string; readonly body: string; readonly path: string; readonly contents: string },
  ): Promise<LedgerWrite>;
}

/** Marks a ledger commit's headline: commits without it are the branch's base (another branch's history), not events. */
export const LEDGER_HEADLINE = 'hyperfleet-tui event';

/** What the header and `ledger status` say of what is shared. */
export interface LedgerSummary {
  readonly shared: number;
  readonly pending: number;
  /** Events someone else's made moot before they were shared: kept locally, never counted. */
  readonly withdrawn: number;
  /** When the branch was last read; undefined before the first read. */
  readonly readAt?: EpochMs;
  /** Why the last read or write failed, when it did. */
  readonly problem?: string;
}

/** "3 events not yet shared", or nothing when all is shared. */
export function pendingText(summary: LedgerSummary): string | null {
  if (summary.pending === 0) return null;
  return `${summary.pending} event${summary.pending === 1 ? '' : 's'} not yet shared`;
}
