import type { JournalEvent } from './events.js';
import type { PatchFacts } from './facts.js';
import { fixPullRequests, type FixTracking } from './fix.js';
import type { HotfixState } from './fold.js';
import { HOTFIX_KIND_TITLE, hotfixFactsJson, type HotfixKind } from './hotfix.js';
import { mdCell, mdText } from './markdown.js';
import type { PhaseView } from './playbook.js';
import { describeDuration, formatSpan, formatUtc, isoOrNull, type Duration, type EpochMs } from './time.js';

/**
 * One line of what happened, in words, for the Log screen and the incident timeline; an undo
 * says what it undid, when `eventById` finds it.
 */
export function describeEvent(
  event: JournalEvent,
  stepTitle: (id: string) => string = (id) => id,
  eventById: (id: string) => JournalEvent | undefined = () => undefined,
): string {
  const withNote = (text: string, note?: string) => (note ? `${text} — ${note}` : text);
  switch (event.type) {
    case 'release-planned':
      return `Release ${event.release} planned`;
    case 'step-completed':
      return withNote(`Done: ${stepTitle(event.step)}`, event.note);
    case 'step-reopened':
      return withNote(`Reopened: ${stepTitle(event.step)}`, event.note);
    case 'gate-approved':
      return withNote(`Approved: ${stepTitle(event.step)}`, event.comment);
    case 'gate-waived':
      return `Waived ${event.layer} at ${stepTitle(event.step)} (${event.tracking}): ${event.reason}; mitigation: ${event.mitigation}`;
    case 'notice-intended':
      return `About to post: ${stepTitle(event.step)} (${event.key})`;
    case 'notice-sent':
      return [`Posted: ${stepTitle(event.step)}`, event.reconciled ? 'found in the channel after a restart' : '', event.permalink ?? '']
        .filter(Boolean)
        .join(' — ');
    case 'notice-updated':
      return `Edited in Slack: ${stepTitle(event.step)}`;
    case 'notice-permalink':
      return `Permalink recorded: ${stepTitle(event.step)} — ${event.permalink}`;
    case 'notice-claimed':
      return `Took the turn to send: ${stepTitle(event.step)} (process ${event.pid} on ${event.host})`;
    case 'notice-released':
      return `Done with the turn to send: ${stepTitle(event.step)}`;
    case 'step-claimed':
      // A renewal is a claim too: its lease's end tells one from the next.
      return withNote(
        `Claimed: ${stepTitle(event.step)} (lease until ${formatUtc(event.until)})`,
        event.reason ? `taken over: ${event.reason}` : undefined,
      );
    case 'step-released':
      return `Let go of: ${stepTitle(event.step)}`;
    case 'hotfix-opened':
      return `Hotfix opened: ${event.severity} in ${event.component} ${event.affects}: ${event.summary}`;
    case 'hotfix-severity-changed':
      return withNote(`Severity changed to ${event.severity}`, event.reason);
    case 'hotfix-reported-changed':
      return withNote(`Report time corrected to ${formatUtc(event.reportedAt)}`, event.reason);
    case 'hotfix-closed':
      return withNote('Hotfix closed', event.note);
    case 'rulebook-recorded':
      return `The release's rulebook is now ${event.hash} (${event.files.map((f) => f.path).join(', ')})`;
    case 'handover-written':
      return `Handed over${event.since !== undefined ? ` (what happened since ${formatUtc(event.since)})` : ''}`;
    case 'event-retracted': {
      const target = eventById(event.target);
      const what = target && target.type !== 'event-retracted' ? describeEvent(target, stepTitle) : `event ${event.target}`;
      return withNote(`Undone: ${what}`, event.reason);
    }
  }
}

const TIMELINE_BOOKKEEPING: ReadonlySet<JournalEvent['type']> = new Set([
  'notice-claimed',
  'notice-released',
  'notice-permalink',
  'step-claimed',
  'step-released',
]);

export interface TimelineEntry {
  readonly at: EpochMs;
  /** The GitHub login that recorded it; null for what GitHub or the report itself says. */
  readonly actor: string | null;
  readonly what: string;
  /** Time since the issue was reported: the number a post-incident review asks for. */
  readonly elapsedMs: number;
  readonly from: 'report' | 'journal' | 'github';
}

export type SlaState = 'met' | 'missed' | 'open' | 'overdue' | 'done';

/** One deadline of the hotfix and whether it was kept. `done`: kept by live data at a time nobody recorded. */
export interface SlaOutcome {
  readonly what: string;
  readonly dueAt: EpochMs;
  readonly doneAt: EpochMs | null;
  readonly state: SlaState;
}

export interface HotfixTimeline {
  readonly hotfix: HotfixState;
  readonly deadline: EpochMs;
  readonly sla: Duration;
  /** An emergency hotfix, or a scheduled patch release (domain/hotfix.hotfixKind). */
  readonly kind: HotfixKind;
  readonly entries: readonly TimelineEntry[];
  /** Report → the fix merged on both branches. */
  readonly timeToFixMs: number | null;
  /** Report → the patch tag. */
  readonly timeToPatchMs: number | null;
  readonly slas: readonly SlaOutcome[];
}

export interface TimelineInput {
  readonly hotfix: HotfixState;
  /** The hotfix's journal stream as read (any order). */
  readonly events: readonly JournalEvent[];
  readonly phases: readonly PhaseView[];
  readonly fix: FixTracking | null;
  readonly patch: PatchFacts | null;
  readonly deadline: EpochMs;
  readonly sla: Duration;
  readonly kind: HotfixKind;
  readonly now: EpochMs;
}

function outcome(what: string, dueAt: EpochMs, doneAt: EpochMs | null, done: boolean, now: EpochMs): SlaOutcome {
  const state: SlaState = doneAt !== null ? (doneAt <= dueAt ? 'met' : 'missed') : done ? 'done' : now > dueAt ? 'overdue' : 'open';
  return { what, dueAt, doneAt, state };
}

function githubEntries(fix: FixTracking | null, patch: PatchFacts | null): Array<Omit<TimelineEntry, 'elapsedMs'>> {
  return [
    ...fixPullRequests(fix).flatMap((pr) => [
      ...(pr.createdAt !== undefined ? [{ at: pr.createdAt, what: `PR #${pr.number} opened into ${pr.base}: ${pr.title}` }] : []),
      ...(pr.mergedAt !== undefined ? [{ at: pr.mergedAt, what: `PR #${pr.number} merged into ${pr.base}` }] : []),
    ]),
    ...(patch?.taggedAt !== undefined ? [{ at: patch.taggedAt, what: `Tag ${patch.tag} created` }] : []),
  ].map((e) => ({ ...e, actor: null, from: 'github' as const }));
}

/** Everything that happened to a hotfix, in time order, with the elapsed time from report and each SLA's outcome. */
export function hotfixTimeline(input: TimelineInput): HotfixTimeline {
  const { hotfix, phases, fix, patch, deadline, now } = input;
  const views = phases.flatMap((p) => p.steps);
  const title = (id: string) => views.find((v) => v.step.id === id)?.title ?? id;
  const byId = (id: string) => input.events.find((e) => e.id === id);
  const entries: TimelineEntry[] = [
    { at: hotfix.reportedAt, actor: null, what: `Customer issue reported: ${hotfix.summary}`, from: 'report' as const },
    // Whose turn it was to send, a permalink fetched late and who is on a step (a lease renewed every few minutes) are bookkeeping, not what happened to the hotfix.
    ...input.events
      .filter((e) => !TIMELINE_BOOKKEEPING.has(e.type))
      .map((e) => ({ at: e.at, actor: e.actor, what: describeEvent(e, title, byId), from: 'journal' as const })),
    ...githubEntries(fix, patch),
  ]
    .map((e) => ({ ...e, elapsedMs: e.at - hotfix.reportedAt }))
    .sort((a, b) => a.at - b.at);

  const merges = [fix?.main.merged?.mergedAt, fix?.release.merged?.mergedAt];
  const timeToFixMs = merges.every((m): m is EpochMs => m !== undefined) ? Math.max(...merges) - hotfix.reportedAt : null;
  const patchedAt = patch?.taggedAt ?? views.find((v) => v.step.id === 'patch-tag')?.record?.at;
  const slas = [
    outcome(`Patch released within ${describeDuration(input.sla)} (${hotfix.severity})`, deadline, patchedAt ?? null, false, now),
    ...views.flatMap((v) => (v.dueAt === undefined ? [] : [outcome(v.title, v.dueAt, v.record?.at ?? null, v.state === 'done', now)])),
  ];
  return {
    hotfix,
    deadline,
    sla: input.sla,
    kind: input.kind,
    entries,
    timeToFixMs,
    timeToPatchMs: patchedAt === undefined ? null : patchedAt - hotfix.reportedAt,
    slas,
  };
}

const SLA_WORDS: Record<SlaState, string> = {
  met: 'met',
  missed: 'MISSED',
  open: 'open',
  overdue: 'OVERDUE',
  done: 'done (time not recorded)',
};

const span = (ms: number | null): string => (ms === null ? 'not yet' : formatSpan(ms));

/** The post-incident review's timeline in Markdown. */
export function timelineMarkdown(timeline: HotfixTimeline): string {
  const { hotfix } = timeline;
  const lines = [
    `# Hotfix ${mdText(hotfix.key)}: timeline`,
    '',
    `- **Severity:** ${hotfix.severity} (patch SLA ${describeDuration(timeline.sla)}; ${HOTFIX_KIND_TITLE[timeline.kind].toLowerCase()})`,
    `- **Component:** ${mdText(hotfix.component)} ${mdText(hotfix.affects)}`,
    `- **Summary:** ${mdText(hotfix.summary)}`,
    `- **Reported:** ${formatUtc(hotfix.reportedAt)}; **deadline:** ${formatUtc(timeline.deadline)}`,
    `- **Time to fix** (merged on both branches): ${span(timeline.timeToFixMs)}`,
    `- **Time to patch** (patch tag): ${span(timeline.timeToPatchMs)}`,
    `- **Closed:** ${hotfix.closedAt === null ? 'still open' : formatUtc(hotfix.closedAt)}`,
    '',
    '## Deadlines',
    '',
    '| Deadline | Due | Done | Kept |',
    '| --- | --- | --- | --- |',
    ...timeline.slas.map(
      (s) => `| ${mdCell(s.what)} | ${formatUtc(s.dueAt)} | ${s.doneAt === null ? '—' : formatUtc(s.doneAt)} | ${SLA_WORDS[s.state]} |`,
    ),
    '',
    '## Events',
    '',
    '| Time (UTC) | Since report | Who | What |',
    '| --- | --- | --- | --- |',
    ...timeline.entries.map(
      (e) =>
        `| ${formatUtc(e.at).replace(' UTC', '')} | ${e.elapsedMs < 0 ? `-${formatSpan(-e.elapsedMs)}` : formatSpan(e.elapsedMs)} | ${e.actor ? `@${mdCell(e.actor)}` : mdCell(e.from === 'github' ? 'GitHub' : 'report')} | ${mdCell(e.what)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

/** The timeline as JSON: ISO times, durations in milliseconds and words. */
export function timelineJson(timeline: HotfixTimeline) {
  const { hotfix } = timeline;
  return {
    ...hotfixFactsJson(hotfix, timeline.kind),
    deadline: isoOrNull(timeline.deadline),
    sla: describeDuration(timeline.sla),
    closedAt: hotfix.closedAt === null ? null : isoOrNull(hotfix.closedAt),
    timeToFixMs: timeline.timeToFixMs,
    timeToPatchMs: timeline.timeToPatchMs,
    slas: timeline.slas.map((s) => ({
      what: s.what,
      dueAt: isoOrNull(s.dueAt),
      doneAt: s.doneAt === null ? null : isoOrNull(s.doneAt),
      state: s.state,
    })),
    events: timeline.entries.map((e) => ({ at: isoOrNull(e.at), elapsedMs: e.elapsedMs, actor: e.actor, from: e.from, what: e.what })),
  };
}
