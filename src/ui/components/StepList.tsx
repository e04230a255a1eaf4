import { Box, Text } from 'ink';
import React from 'react';
import type { StepView } from '../../domain/playbook.js';
import { formatAgo, formatDue } from '../../domain/time.js';
import { fit, stringWidth } from '../text/fit.js';
import { STEP_LOOK, TIMING_LOOK, useTone, type Tone } from '../theme.js';
import { visibleWindow } from './window.js';
import { claimAt, type StepClaims } from '../../domain/step-claims.js';
import { claimNote } from '../text/claim-lines.js';

export interface StepGroup {
  readonly key: string;
  /** The group's heading, e.g. a phase title or a hotfix key. */
  readonly title: string;
  /** Shown at the right of the heading, e.g. a progress bar or a clock, `asideWidth` columns wide. */
  readonly aside?: React.ReactNode;
  readonly asideWidth?: number;
  /** Lines under the heading that the cursor skips, e.g. a hotfix's fix PRs. */
  readonly notes?: ReadonlyArray<{ readonly text: string; readonly tone?: Tone }>;
  readonly steps: readonly StepView[];
  /** Who is on which of its steps (domain/step-claims): "yours" or "@login, 12 min" beside a step. */
  readonly claims?: StepClaims;
}

type Row =
  | { kind: 'heading'; group: StepGroup }
  | { kind: 'note'; key: string; text: string; tone?: Tone }
  /** `group`: step ids repeat across groups (two hotfixes run one runbook), so React keys need it. */
  | { kind: 'step'; view: StepView; index: number; group: string; claim: string | null };

/**
 * When a step is due, or who did it and when, longest wording first: a narrow terminal takes the
 * shorter. Who is on a step comes first, then its deadline (the timing mark still shows it).
 */
function stepNotes(view: StepView, now: number, claim: string | null): string[] {
  const notes = plainNotes(view, now);
  if (!claim) return notes;
  const due = notes[0] ? [`${claim} · ${notes[0]}`] : [];
  return [...due, claim, ...notes];
}

function plainNotes(view: StepView, now: number): string[] {
  if (view.state === 'done') {
    if (view.record) return [`${view.record.by} ${formatAgo(view.record.at, now)}`, formatAgo(view.record.at, now)];
    // Passed on data a failing source last gave is said so: the mark is not "live".
    if (view.auto && view.layers.some((l) => l.cells.some((c) => c.stale !== undefined))) return ['passed on stale data', 'stale'];
    return view.auto ? ['passed on live status', 'live'] : ['passed, on record', 'on record'];
  }
  if (view.undecided) return ['checking…'];
  return view.dueAt !== undefined ? [formatDue(view.dueAt, now)] : [''];
}

const NOTE_MAX = 24;

/** A claim reads in its own colour ("yours" stands out); else the deadline's. */
const noteTone = (claim: string | null, note: string, timing: Tone | undefined): Tone =>
  claim && note.startsWith(claim) ? (claim === 'yours' ? 'accent' : 'info') : (timing ?? 'muted');

/**
 * The title keeps its meaning and the who/when column gives way first: the note takes what the
 * title leaves (up to NOTE_MAX), in the longest wording that fits; only a title wider than the
 * whole row is cut.
 */
function layoutRow(title: string, notes: readonly string[], room: number): { title: string; note: string; noteWidth: number } {
  const left = room - stringWidth(title) - 1;
  const note = notes.find((n) => stringWidth(n) <= Math.min(NOTE_MAX, left)) ?? '';
  const noteWidth = note ? Math.min(NOTE_MAX, Math.max(stringWidth(note), Math.min(NOTE_MAX, left))) : 0;
  return { title: fit(title, Math.max(0, room - (noteWidth ? noteWidth + 1 : 0))), note, noteWidth };
}

/** The rows in the window around the cursor; scrolled into a group, its heading stays on top (a sticky header). */
function visible(rows: readonly Row[], headingOf: readonly StepGroup[], cursorRow: number, height: number): Row[] {
  const whole = visibleWindow(rows.length, cursorRow, height);
  if (height < 2 || rows[whole.start]?.kind === 'heading') return rows.slice(whole.start, whole.end);
  const { start, end } = visibleWindow(rows.length, cursorRow, height - 1);
  const shown = rows.slice(start, end);
  return shown[0]?.kind === 'heading' ? shown : [{ kind: 'heading', group: headingOf[start]! }, ...shown];
}

/** Phases (or hotfixes) with their steps; the cursor counts steps only, headings scroll along. */
export function StepList({
  groups,
  cursor,
  width,
  height,
  now,
  viewer = null,
}: {
  groups: readonly StepGroup[];
  cursor: number;
  width: number;
  height: number;
  now: number;
  /** The signed-in login: their claims read "yours". */
  viewer?: string | null;
}) {
  const tone = useTone();
  const rows: Row[] = [];
  const headingOf: StepGroup[] = [];
  let index = 0;
  for (const group of groups) {
    const first = rows.length;
    rows.push({ kind: 'heading', group });
    (group.notes ?? []).forEach((note, i) => rows.push({ kind: 'note', key: `${group.key}-${i}`, ...note }));
    for (const view of group.steps) {
      const claim = group.claims && view.state !== 'done' ? claimAt(group.claims, view.step.id, now) : null;
      rows.push({ kind: 'step', view, index: index++, group: group.key, claim: claimNote(claim, viewer, now) });
    }
    for (let r = first; r < rows.length; r += 1) headingOf[r] = group;
  }
  const cursorRow = rows.findIndex((r) => r.kind === 'step' && r.index === cursor);
  return (
    <Box flexDirection="column" height={height}>
      {visible(rows, headingOf, Math.max(0, cursorRow), height).map((row) => {
        if (row.kind === 'heading') {
          return (
            <Box key={`h-${row.group.key}`} justifyContent="space-between" width={width}>
              <Text bold>{fit(row.group.title, Math.max(0, width - (row.group.asideWidth ?? 0) - 1))}</Text>
              {row.group.aside}
            </Box>
          );
        }
        if (row.kind === 'note') {
          return (
            <Text key={`n-${row.key}`} color={tone(row.tone ?? 'muted')} wrap="truncate">
              {'    '}
              {row.text}
            </Text>
          );
        }
        const { view } = row;
        const look = STEP_LOOK[view.state];
        const timing = TIMING_LOOK[view.timing];
        const selected = row.index === cursor;
        const kind = view.step.kind === 'task' ? '' : ` [${view.step.kind}]`;
        const { title, note, noteWidth } = layoutRow(`${view.title}${kind}`, stepNotes(view, now, row.claim), Math.max(0, width - 6));
        return (
          <Text key={`s-${row.group}-${view.step.id}`} inverse={selected} wrap="truncate">
            {'  '}
            <Text color={selected ? undefined : tone(look.tone)}>{look.glyph}</Text>
            <Text color={selected ? undefined : tone(timing?.tone)}>{timing ? timing.glyph : ' '}</Text> {title}{' '}
            <Text color={selected ? undefined : tone(noteTone(row.claim, note, timing?.tone))}>
              {noteWidth ? fit(note, noteWidth, 'right') : ''}
            </Text>
          </Text>
        );
      })}
      {rows.length === 0 && <Text color={tone('muted')}>Nothing here.</Text>}
    </Box>
  );
}
