import { cadencePosition, CADENCE_TITLES, MILESTONE_TITLES, unplannedHint } from '../domain/cadence.js';
import { hotfixClock, openHotfixesByUrgency } from '../domain/hotfix.js';
import { knownCurrentPhase, nextSteps, progressOf } from '../domain/playbook.js';
import { capitalise, oneLine } from '../domain/sanitize.js';
import { notSignedInReason, staleNotes } from '../domain/snapshot.js';
import { formatDue, formatRelative, formatSpan } from '../domain/time.js';
import { formatInZone } from '../domain/display-time.js';
import { releaseTitle } from '../domain/version.js';
import type { AppState } from '../store/app-store.js';
import { VERDICT_LOOK } from '../present/looks.js';
import { hotfixLive, hotfixPhases, layerEvaluations, noticeViews, releasePhases } from '../store/view.js';
import { selectEarlyTags, shownZone } from '../store/selectors.js';

/**
 * The plain-text answer to "how complete is this release?", for a pipe or a log: the same
 * domain views as the screens, no colour, no control sequences (outside text is sanitised).
 */
export function renderSummary(state: AppState): string {
  const { config, release, releaseState, snapshot, now } = state;
  const out: string[] = [];
  const shown = (at: number) => formatInZone(at, shownZone(state), now);
  const position = cadencePosition(releaseState.milestones, now);
  const next = position.next
    ? ` · ${MILESTONE_TITLES[position.next.milestone]} ${formatRelative(position.next.at, now)} (${shown(position.next.at)})`
    : '';
  out.push(`${releaseTitle(release)} · ${release} · ${CADENCE_TITLES[position.phase]}${next}`);
  if (position.phase === 'unplanned') out.push(unplannedHint(release));
  out.push(
    state.viewer ? `Signed in as @${oneLine(state.viewer)}` : `${capitalise(notSignedInReason(snapshot))}; actions cannot be recorded`,
  );

  const phases = releasePhases(config, releaseState, snapshot, now);
  const { done, total, undecided } = progressOf(phases);
  const phase = knownCurrentPhase(phases);
  const unknown = undecided > 0 ? ` (${undecided} not known yet: a source has not answered)` : '';
  out.push('', `Checklist: ${done}/${total} steps done${unknown} · now: ${phase === null ? 'not known yet' : (phase?.title ?? '—')}`);
  for (const view of nextSteps(phases).slice(0, 5)) {
    const due = view.dueAt !== undefined ? ` · ${formatDue(view.dueAt, now)}` : '';
    out.push(`  ${view.state === 'failed' ? '✗' : '○'} ${view.title}${due}${view.reasons[0] ? ` — ${oneLine(view.reasons[0])}` : ''}`);
  }

  out.push('', 'Test layers:');
  if (state.sourceNames.length === 0) out.push('  (live status not connected)');
  for (const evaluation of layerEvaluations(config, release, snapshot, now)) {
    const why = evaluation.reasons.length > 0 ? ` — ${oneLine(evaluation.reasons.join('; '))}` : '';
    out.push(
      `  ${VERDICT_LOOK[evaluation.verdict].glyph} ${evaluation.layer.name.padEnd(18)} ${evaluation.layer.gate.padEnd(9)} ${evaluation.verdict}${why}`,
    );
  }
  for (const note of staleNotes(snapshot)) out.push(`  STALE ${note.source}: ${oneLine(note.reason)}`);

  const hotfixes = openHotfixesByUrgency(state.hotfixes, config);
  out.push('', `Hotfixes: ${hotfixes.length === 0 ? 'none open' : `${hotfixes.length} open`}`);
  const hotfixViews = hotfixes.map((hotfix) => {
    const live = hotfixLive(config, hotfix, snapshot);
    return { hotfix, live, phases: hotfixPhases(config, hotfix, snapshot, now, live) };
  });
  for (const { hotfix, phases: steps } of hotfixViews) {
    const clock = hotfixClock(hotfix, config, now);
    const left = clock.remainingMs >= 0 ? `${formatSpan(clock.remainingMs)} left` : `OVERDUE by ${formatSpan(-clock.remainingMs)}`;
    const nextStep = nextSteps(steps)[0];
    out.push(
      `  ${oneLine(hotfix.key)} ${hotfix.severity} ${oneLine(hotfix.component)} ${oneLine(hotfix.affects)} — ${left} (due ${shown(clock.deadline)})${nextStep ? ` · next: ${nextStep.title}` : ''}`,
    );
  }

  const notices = noticeViews(config, { name: release, state: releaseState, phases }, hotfixViews);
  const pending = notices.filter((n) => n.view.state !== 'done');
  const first = pending[0];
  out.push(
    '',
    `Notices: ${notices.length - pending.length} sent, ${pending.length} to send${first ? `; next: ${first.view.title}${first.view.dueAt !== undefined ? ` ${formatDue(first.view.dueAt, now)}` : ''}` : ''}`,
  );

  const early = selectEarlyTags(state);
  if (early.length > 0) out.push('', 'Process violations:', ...early.map((e) => `  ✗ ${oneLine(e.text)}`));

  const problems = [...state.journalWarnings.map((w) => w.message), ...releaseState.ignored, ...state.hotfixes.flatMap((h) => h.ignored)];
  out.push(
    '',
    `Journal: ${state.journalPlace}${problems.length ? ` (${problems.length} problem${problems.length === 1 ? '' : 's'})` : ''}`,
  );
  for (const problem of problems) out.push(`  ! ${oneLine(problem)}`);
  return `${out.join('\n')}\n`;
}
