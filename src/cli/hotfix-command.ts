import { writeFile } from 'node:fs/promises';
import type { Session } from '../app/session.js';
import { hotfixClock, hotfixFactsJson, hotfixKind } from '../domain/hotfix.js';
import { nextSteps } from '../domain/playbook.js';
import { oneLine, safeJson } from '../domain/sanitize.js';
import { formatSpan, isoOrNull } from '../domain/time.js';
import { formatInZone, type ShownTimes } from '../domain/display-time.js';
import { timelineJson, timelineMarkdown } from '../domain/timeline.js';
import { selectOpenHotfixes, shownTimes, type HotfixView } from '../store/selectors.js';
import { flatSteps } from '../store/view.js';
import type { AppState } from '../store/app-store.js';
import type { CliOptions } from './args.js';
import { EXIT, UsageError } from '../errors.js';
import { printOutcome } from './print-outcome.js';

function row(view: HotfixView, state: AppState) {
  const { hotfix, phases, live } = view;
  const clock = hotfixClock(hotfix, state.config, state.now);
  const next = nextSteps(phases)[0] ?? flatSteps(phases).find((s) => s.state !== 'done');
  const steps = flatSteps(phases);
  const branch = (b: NonNullable<typeof live.fix>['main']) => ({
    branch: b.branch,
    merged: b.merged ? { number: b.merged.number, url: b.merged.url, commit: b.merged.commit ?? null } : null,
    open: b.prs.filter((pr) => pr.state === 'open').map((pr) => ({ number: pr.number, url: pr.url, ci: pr.ci, review: pr.review })),
  });
  return {
    ...hotfixFactsJson(hotfix, hotfixKind(hotfix.severity, state.config.hotfix)),
    deadline: isoOrNull(clock.deadline),
    remainingMs: clock.remainingMs,
    clock: clock.level,
    nextStep: next ? { id: next.step.id, title: next.title, state: next.state, due: isoOrNull(next.dueAt) } : null,
    steps: { done: steps.filter((s) => s.state === 'done').length, total: steps.length },
    fix: live.fix
      ? {
          main: branch(live.fix.main),
          release: branch(live.fix.release),
          bothMerged: live.fix.bothMerged,
          scope: live.fix.scope.map((f) => ({ pr: f.pr.number, reason: f.reason })),
        }
      : null,
  };
}

function listText(rows: ReadonlyArray<ReturnType<typeof row>>, times: ShownTimes): string {
  if (rows.length === 0) return 'No open hotfixes.\n';
  // Each deadline in the person's zone, with its date when it is more than a day away: the column is as wide as the widest.
  const deadlines = rows.map((r) => formatInZone(Date.parse(r.deadline!), times.zone, times.now));
  const deadlineWidth = Math.max('DEADLINE'.length, ...deadlines.map((d) => d.length));
  const lines = rows.map((r, i) => {
    const left = r.remainingMs >= 0 ? `${formatSpan(r.remainingMs)} left` : `overdue ${formatSpan(-r.remainingMs)}`;
    const next = r.nextStep ? `${r.nextStep.title} (${r.nextStep.state})` : 'every step done: close it';
    return [
      oneLine(r.key).padEnd(16),
      r.severity.padEnd(9),
      oneLine(r.component).padEnd(20),
      oneLine(r.affects).padEnd(8),
      deadlines[i]!.padEnd(deadlineWidth),
      left.padEnd(14),
      oneLine(next),
    ].join(' ');
  });
  const header = [
    'KEY'.padEnd(16),
    'SEVERITY'.padEnd(9),
    'COMPONENT'.padEnd(20),
    'AFFECTS'.padEnd(8),
    'DEADLINE'.padEnd(deadlineWidth),
    'CLOCK'.padEnd(14),
    'NEXT STEP',
  ].join(' ');
  return `${header}\n${lines.join('\n')}\n`;
}

/** `hotfix list|open|severity|reported|close|timeline|handoff`: the Hotfix screen's actions, headless. */
export async function runHotfixCommand(session: Session, options: CliOptions): Promise<number> {
  const { controller, store } = session;
  const hotfix = options.hotfix!;
  const actions = controller.hotfixes;
  const known = (key: string) => {
    const found = actions.find(key);
    if (!found) throw new UsageError(`no hotfix ${key} in the journal; \`hotfix list\` shows the open ones`);
    return found;
  };
  switch (hotfix.action) {
    case 'list': {
      const rows = selectOpenHotfixes(store.getState()).map((view) => row(view, store.getState()));
      process.stdout.write(options.json ? `${safeJson(rows)}\n` : listText(rows, shownTimes(store.getState())));
      return EXIT.ok;
    }
    case 'open':
      return printOutcome(await actions.open(hotfix.open!));
    case 'severity':
      return printOutcome(await actions.changeSeverity(known(hotfix.key!).key, hotfix.value!, hotfix.reason ?? ''));
    case 'reported':
      return printOutcome(await actions.correctReported(known(hotfix.key!).key, hotfix.value!, hotfix.reason ?? ''));
    case 'close':
      return printOutcome(await actions.close(known(hotfix.key!).key, hotfix.note ?? ''));
    case 'timeline': {
      const timeline = actions.timeline(known(hotfix.key!).key)!;
      process.stdout.write(options.format === 'json' ? `${safeJson(timelineJson(timeline))}\n` : timelineMarkdown(timeline));
      return EXIT.ok;
    }
    case 'handoff': {
      const markdown = actions.handoff(known(hotfix.key!).key)!;
      if (!hotfix.out) {
        process.stdout.write(markdown);
        return EXIT.ok;
      }
      try {
        await writeFile(hotfix.out, markdown);
      } catch (error) {
        throw new UsageError(`cannot write ${hotfix.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      process.stderr.write(`hyperfleet-tui: wrote the QE handoff to ${hotfix.out}\n`);
      return EXIT.ok;
    }
  }
}
