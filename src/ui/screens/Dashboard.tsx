import { Text } from 'ink';
import React from 'react';
import { cadencePosition, unplannedHint } from '../../domain/cadence.js';
import { staleCells, type LayerEvaluation } from '../../domain/layers.js';
import { knownCurrentPhase, nextSteps, progressOf } from '../../domain/playbook.js';
import { oneLine } from '../../domain/sanitize.js';
import { formatAgo, formatDue, MINUTE } from '../../domain/time.js';
import { Countdown } from '../components/Countdown.js';
import { moreText } from '../components/window.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { fit } from '../text/fit.js';
import { useAppState } from '../hooks/store-context.js';
import {
  useEarlyTags,
  useFreeze,
  useLayerEvaluations,
  useNow,
  useNotices,
  useOpenHotfixes,
  useReleasePhases,
  useTeam,
} from '../hooks/use-views.js';
import { STEP_LOOK, TIMING_LOOK, useTone, VERDICT_LOOK } from '../theme.js';
import { CutToHeight } from '../components/CutToHeight.js';
import { teamLine } from '../text/claim-lines.js';
import { ACTIVE_WINDOW_MS } from '../../domain/step-claims.js';

const LABEL = 11;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Text wrap="truncate">
      <Text bold>{fit(label, LABEL)}</Text> {children}
    </Text>
  );
}

/** One line per test layer: its verdict, and the first reason when it is not a clean pass. */
function layerLine(evaluation: LayerEvaluation, now: number): string {
  if (evaluation.reasons[0]) return oneLine(evaluation.reasons[0]);
  if (evaluation.layer.scope === 'component') return `${evaluation.cells.length}/${evaluation.cells.length} components passed`;
  const finished = evaluation.cells[0]?.finishedAt;
  return finished !== undefined ? `passed ${formatAgo(finished, now)}` : 'passed';
}

/** One screen that answers "how complete is this release, and what needs me now?" */
export function Dashboard({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const release = useAppState((s) => s.release);
  const warnings = useAppState((s) => s.journalWarnings);
  const ignored = useAppState((s) => s.releaseState.ignored);
  const connected = useAppState((s) => s.sourceNames.length > 0);
  const unplanned = useAppState((s) => cadencePosition(s.releaseState.milestones, s.now).phase === 'unplanned');
  const phases = useReleasePhases();
  const layers = useLayerEvaluations();
  const hotfixes = useOpenHotfixes();
  const notices = useNotices();
  const early = useEarlyTags();
  const freeze = useFreeze();
  const flagged = freeze.exceptions.filter((e) => e.flags.length > 0);
  const now = useNow();

  const { done, total, undecided } = progressOf(phases);
  const phase = knownCurrentPhase(phases);
  const problems = warnings.length + ignored.length;
  const team = teamLine(useTeam(), now);
  // Rows other than the lists: release, blanks, headings, hotfixes, notices, team, journal.
  const fixedRows = 9 + (problems > 0 ? 1 : 0) + (early.length > 0 ? 1 : 0) + (flagged.length > 0 ? 1 : 0);
  const layerRows = Math.min(layers.length, Math.max(0, height - fixedRows - 2));
  // A list that does not fit says so on its last row instead of hiding layers silently.
  const shownLayers = layerRows < layers.length ? Math.max(0, layerRows - 1) : layerRows;
  const hiddenLayers = moreText(0, layers.length - shownLayers);
  const upNext = nextSteps(phases).slice(0, Math.max(1, Math.min(5, height - fixedRows - layerRows)));
  const pendingNotices = notices.filter((n) => n.view.state !== 'done');
  const nextNotice = pendingNotices[0];
  const nameWidth = Math.max(...layers.map((l) => l.layer.name.length), 8);

  return (
    <CutToHeight width={width} height={height}>
      <Row label="Release">
        {/* The count first: on a narrow terminal the phase name is what gets cut, not the progress. */}
        <ProgressBar done={done} total={total} width={Math.min(30, Math.max(10, Math.floor(width / 4)))} />
        {undecided > 0 ? ` · ${undecided} checking ·` : ''} {release} ·{' '}
        {phase ? `now: ${phase.title}` : phase === null ? 'now: checking…' : 'no steps'}
      </Row>
      {/* In place of the blank line, so the layout keeps its height. */}
      {unplanned ? (
        <Text color={tone('warn')} wrap="truncate">
          {fit('', LABEL)} {unplannedHint(release)}
        </Text>
      ) : (
        <Text> </Text>
      )}
      <Text bold>Next up</Text>
      {upNext.length === 0 && <Text color={tone('good')}> Nothing waiting: every step is done or blocked on another.</Text>}
      {upNext.map((view) => {
        const look = STEP_LOOK[view.state];
        const timing = TIMING_LOOK[view.timing];
        const when = view.dueAt !== undefined ? ` · ${formatDue(view.dueAt, now)}` : '';
        const why = view.reasons[0] ? ` — ${oneLine(view.reasons[0])}` : '';
        return (
          <Text key={view.step.id} wrap="truncate">
            {'  '}
            <Text color={tone(look.tone)}>{look.glyph}</Text> {view.title}
            <Text color={tone(timing?.tone ?? 'muted')}>{when}</Text>
            <Text color={tone('muted')}>{why}</Text>
          </Text>
        );
      })}
      <Text> </Text>
      <Text bold>Test layers{connected ? '' : <Text color={tone('warn')}> — live status not connected</Text>}</Text>
      {layers.slice(0, shownLayers).map((evaluation) => {
        const look = VERDICT_LOOK[evaluation.verdict];
        // An unknown cell shows no data to be stale, and its reason is already the line's.
        const stale = staleCells(evaluation).find((c) => c.state !== 'unknown');
        return (
          <Text key={evaluation.layer.id} wrap="truncate">
            {'  '}
            <Text color={tone(look.tone)}>{look.glyph}</Text> {fit(oneLine(evaluation.layer.name), nameWidth)}{' '}
            {fit(evaluation.layer.gate, 9)}{' '}
            <Text color={tone(evaluation.verdict === 'pass' ? 'muted' : look.tone)}>{layerLine(evaluation, now)}</Text>
            {stale && <Text color={tone('bad')}> · stale: {oneLine(stale.stale)}</Text>}
          </Text>
        );
      })}
      {hiddenLayers ? <Text color={tone('muted')}> {hiddenLayers} (4 Status shows them all)</Text> : null}
      <Text> </Text>
      <Row label="Hotfixes">
        {hotfixes.length === 0
          ? 'none open'
          : hotfixes.map(({ hotfix, phases: steps }, i) => {
              const next = nextSteps(steps)[0];
              return (
                <Text key={hotfix.key}>
                  {i > 0 ? '  │  ' : ''}
                  {oneLine(hotfix.key)} {hotfix.severity} · <Countdown hotfix={hotfix} />
                  {next ? ` · next: ${next.title}` : ''}
                </Text>
              );
            })}
      </Row>
      <Row label="Notices">
        {notices.length - pendingNotices.length} sent · {pendingNotices.length} to send
        {nextNotice
          ? ` · next: ${nextNotice.view.title}${nextNotice.view.dueAt !== undefined ? ` (${formatDue(nextNotice.view.dueAt, now)})` : ''}`
          : ''}
      </Row>
      <Row label="Team">
        {team ?? (
          <Text color={tone('muted')}>nobody active in the last {ACTIVE_WINDOW_MS / MINUTE} min, nobody on a step (c claims one)</Text>
        )}
      </Row>
      {flagged[0] && (
        <Row label="Freeze">
          <Text color={tone('bad')}>
            ⚠ #{flagged[0].pr.number} {oneLine(flagged[0].flags.join('; '))} · {flagged.length} of {freeze.exceptions.length} exception
            {freeze.exceptions.length === 1 ? '' : 's'} flagged (4 Status)
          </Text>
        </Row>
      )}
      {early[0] && (
        <Row label="Violation">
          <Text color={tone('bad')}>
            ✗ {oneLine(early[0].text)}
            {early.length > 1 ? ` (+${early.length - 1} more on the Status screen, 4)` : ''}
          </Text>
        </Row>
      )}
      {problems > 0 && (
        <Row label="Journal">
          <Text color={tone('warn')}>⚠ {problems} line(s) could not be used — see the Log screen (6)</Text>
        </Row>
      )}
    </CutToHeight>
  );
}
