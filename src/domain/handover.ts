import type { HandoverSection } from './events.js';
import type { LayerEvaluation } from './layers.js';
import { capText, HANDOVER_LINE_LIMIT, HANDOVER_LINES_LIMIT, IDENTIFIER_LIMIT } from './limits.js';
import { escapeMrkdwn, SLACK_LIMITS, type RenderedNotice, type SlackBlock } from './notices.js';
import { mdText } from './markdown.js';
import { nextSteps, type PhaseView, type StepView } from './playbook.js';
import { oneLine } from './sanitize.js';
import type { StaleNote } from './snapshot.js';
import { formatDue, formatSpan, formatUtc, HOUR, type EpochMs } from './time.js';

/**
 * A hand-over: what the next person on the release needs, since the last hand-over. It is
 * recorded as it was written (plain lines, times in UTC: events.ts HandoverSection), so the
 * message posted later and the Markdown saved now say the same, whatever has moved since.
 */
export type { HandoverSection } from './events.js';

/** How far ahead "due soon" looks: a shift. */
export const HANDOVER_HORIZON_MS = 8 * HOUR;

/** How many open steps are listed: the most urgent; the rest are counted. */
const OPEN_LISTED = 10;

/** A checklist the hand-over reads: the release's, or an open hotfix's, with its clock. */
export interface HandoverStream {
  /** "" for the release; the hotfix key for a hotfix. */
  readonly label: string;
  readonly phases: readonly PhaseView[];
  /** A hotfix's SLA deadline. */
  readonly deadline?: EpochMs;
}

export interface HandoverInput {
  readonly now: EpochMs;
  /** The last hand-over, if there was one: "done since" starts there. */
  readonly since: { readonly at: EpochMs; readonly by: string } | null;
  readonly streams: readonly HandoverStream[];
  readonly layers: readonly LayerEvaluation[];
  readonly stale: readonly StaleNote[];
  /** "@login holds <step> (12m)": who is on what, as the claims say. */
  readonly claimed?: readonly string[];
  readonly horizonMs?: number;
}

const prefixed = (stream: HandoverStream, text: string): string => (stream.label ? `${stream.label}: ${text}` : text);

const steps = (stream: HandoverStream): StepView[] => stream.phases.flatMap((p) => p.steps);

function doneSince(input: HandoverInput): string[] {
  const from = input.since?.at ?? -Infinity;
  const dated = input.streams
    .flatMap((stream) =>
      steps(stream)
        .filter((s) => s.record && s.record.at > from)
        .map((s) => ({ at: s.record!.at, text: prefixed(stream, `${s.title} — @${s.record!.by}, ${formatUtc(s.record!.at)}`) })),
    )
    .sort((a, b) => a.at - b.at)
    .map((d) => d.text);
  // Checks done by live data have no time of their own: counted (on a first hand-over), so the totals under Open add up.
  const live = (input.since ? [] : input.streams).flatMap((stream) => {
    const count = steps(stream).filter((s) => s.state === 'done' && !s.record).length;
    return count > 0 ? [prefixed(stream, `and ${count} done by live data (checks: they carry no time, so not listed)`)] : [];
  });
  return dated.length > 0 ? [...dated, ...live] : dated;
}

function failing(input: HandoverInput): string[] {
  const layers = input.layers
    .filter((l) => l.verdict === 'fail')
    .map((l) => `${l.layer.name} failing${l.reasons[0] ? ` — ${oneLine(l.reasons[0])}` : ''}`);
  const stepsFailing = input.streams.flatMap((stream) =>
    steps(stream)
      .filter((s) => !s.undecided && s.state === 'failed')
      .map((s) => prefixed(stream, `${s.title}${s.reasons[0] ? ` — ${oneLine(s.reasons[0])}` : ''}`)),
  );
  const stale = input.stale.map((n) => `${n.source} not answering${n.failing ? '' : ' for part of its data'}: ${oneLine(n.reason)}`);
  return [...layers, ...stepsFailing, ...stale];
}

function dueSoon(input: HandoverInput): string[] {
  const until = input.now + (input.horizonMs ?? HANDOVER_HORIZON_MS);
  const due = input.streams.flatMap((stream) => {
    const clock =
      stream.deadline !== undefined && stream.deadline <= until
        ? [
            {
              at: stream.deadline,
              text: `${stream.label}: SLA deadline ${formatUtc(stream.deadline)} (${formatDue(stream.deadline, input.now)})`,
            },
          ]
        : [];
    const open = steps(stream)
      .filter((s) => s.state !== 'done' && !s.undecided && s.dueAt !== undefined && s.dueAt <= until)
      .map((s) => ({ at: s.dueAt!, text: prefixed(stream, `${s.title} — ${formatDue(s.dueAt!, input.now)} (${formatUtc(s.dueAt!)})`) }));
    return [...clock, ...open];
  });
  return due.sort((a, b) => a.at - b.at).map((d) => d.text);
}

function open(input: HandoverInput): string[] {
  const lines = input.streams.flatMap((stream) => {
    const all = steps(stream);
    const done = all.filter((s) => s.state === 'done').length;
    const unknown = all.filter((s) => s.state !== 'done' && s.undecided).length;
    const head = prefixed(
      stream,
      `${done}/${all.length} steps done${unknown ? `, ${unknown} not known yet (a source has not answered)` : ''}`,
    );
    const next = nextSteps(stream.phases).filter((s) => s.state !== 'failed'); // those are under Failing
    const listed = next
      .slice(0, OPEN_LISTED)
      .map((s) => prefixed(stream, `next: ${s.title} (${s.state})${s.reasons[0] ? ` — ${oneLine(s.reasons[0])}` : ''}`));
    const more = next.length > OPEN_LISTED ? [prefixed(stream, `… and ${next.length - OPEN_LISTED} more to act on`)] : [];
    return [head, ...listed, ...more];
  });
  return lines;
}

/** The sections, in the order the next person reads them: what broke, what is due, who holds what, what is left, what was done. */
export function composeHandover(input: HandoverInput): HandoverSection[] {
  const since = input.since ? `since @${input.since.by}'s hand-over ${formatUtc(input.since.at)}` : 'since the release began';
  const horizon = formatSpan(input.horizonMs ?? HANDOVER_HORIZON_MS);
  const sections: HandoverSection[] = [
    { title: 'Failing', lines: failing(input) },
    { title: `Due in the next ${horizon}`, lines: dueSoon(input) },
    { title: 'Claimed', lines: input.claimed ?? [] },
    { title: 'Open', lines: open(input) },
    { title: `Done ${since}`, lines: doneSince(input) },
  ];
  return sections.map(fitted);
}

/** Within the journal's limits (domain/limits), so the hand-over can always be recorded; what is cut is counted. */
function fitted(section: HandoverSection): HandoverSection {
  const lines = section.lines.length > 0 ? section.lines : ['nothing'];
  const kept =
    lines.length <= HANDOVER_LINES_LIMIT
      ? lines
      : [...lines.slice(0, HANDOVER_LINES_LIMIT - 1), `… and ${lines.length - HANDOVER_LINES_LIMIT + 1} more`];
  return {
    title: capText(section.title, IDENTIFIER_LIMIT).text,
    lines: kept.map((line) => {
      const cut = capText(oneLine(line), HANDOVER_LINE_LIMIT - 1);
      return cut.cut ? `${cut.text}…` : cut.text;
    }),
  };
}

/** The first line of a hand-over: whose, of what, when. */
export const handoverHeadline = (title: string, by: string, at: EpochMs): string => `Hand-over · ${title} · @${by} · ${formatUtc(at)}`;

/** As Markdown, for a file or a paste: outside text escaped. */
export function handoverMarkdown(headline: string, sections: readonly HandoverSection[]): string {
  const body = sections.flatMap((s) => ['', `## ${mdText(s.title)}`, '', ...s.lines.map((line) => `- ${mdText(line)}`)]);
  return `# ${mdText(headline)}\n${body.join('\n')}\n`;
}

/** As plain lines, for the pager. */
export function handoverLines(headline: string, sections: readonly HandoverSection[]): string[] {
  return [oneLine(headline), ...sections.flatMap((s) => ['', oneLine(s.title), ...s.lines.map((l) => `• ${oneLine(l)}`)])];
}

/** Cuts text to Slack's limit for a block, saying so. */
function within(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 2)}\n…`;
}

/** As a Slack message: a header, and a section per part; every line escaped. */
export function handoverNotice(headline: string, sections: readonly HandoverSection[]): RenderedNotice {
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: within(oneLine(headline), SLACK_LIMITS.headerText), emoji: true } },
    ...sections.map((s): SlackBlock => ({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: within(
          `*${escapeMrkdwn(s.title)}*\n${s.lines.map((l) => `• ${escapeMrkdwn(oneLine(l))}`).join('\n')}`,
          SLACK_LIMITS.sectionText,
        ),
      },
    })),
  ];
  return { text: within(escapeMrkdwn(oneLine(headline)), SLACK_LIMITS.fallbackText), blocks };
}
