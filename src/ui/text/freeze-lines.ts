import type { CodeFreezePolicy } from '../../domain/config.js';
import { exceptionText, freezeSinceText } from '../../domain/exceptions.js';
import { oneLine } from '../../domain/sanitize.js';
import type { StepView } from '../../domain/playbook.js';
import type { FreezeView } from '../../store/view.js';
import type { Tone } from '../../present/looks.js';
import { formatInZone, type ShownTimes } from '../../domain/display-time.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Code freeze in a few lines: since when, how many PRs were merged into the release branches
 * since (each an exception), and each one with what it lacks. Before the freeze, one muted line
 * saying when it begins. PR text is GitHub's: every line passes through oneLine.
 */
export interface FreezeLine {
  readonly text: string;
  readonly tone?: Tone;
}

export function freezeLines(freeze: FreezeView, policy: CodeFreezePolicy, times: ShownTimes, full = false): FreezeLine[] {
  const shown = (at: number) => formatInZone(at, times.zone, times.now);
  if (!freeze.since)
    return [
      {
        text: 'Not frozen yet: from the code-freeze gate’s approval (or the code-freeze milestone) every PR merged into a release branch is an exception',
        tone: 'muted',
      },
    ];
  const flagged = freeze.exceptions.filter((e) => e.flags.length > 0).length;
  const count = freeze.exceptions.length === 0 ? 'no exceptions merged' : plural(freeze.exceptions.length, 'exception');
  const none = freeze.unlisted.length === freeze.branches.length;
  const counted = none ? 'waiting for GitHub to list the pull requests' : `${count}${flagged ? `, ${flagged} flagged` : ''}`;
  const partial = [
    ...(freeze.unlisted.length && !none ? [`not listed yet: ${freeze.unlisted.join(', ')}`] : []),
    ...(freeze.stale.length ? [`stale: ${freeze.stale.join(', ')}`] : []),
  ];
  const head: FreezeLine = {
    text: `Code freeze: ${[counted, freezeSinceText(freeze.since, shown), ...partial].join(' · ')}`,
    tone: flagged ? 'bad' : none || partial.length ? 'muted' : 'good',
  };
  return [
    head,
    ...freeze.exceptions.flatMap((e): FreezeLine[] => [
      e.flags.length === 0
        ? { text: `✓ ${oneLine(exceptionText(e, policy, shown))}`, tone: 'good' }
        : { text: `⚠ ${oneLine(exceptionText(e, policy, shown))}`, tone: 'bad' },
      ...(e.flags.length ? [{ text: `  ✗ ${oneLine(e.flags.join('; '))}`, tone: 'bad' as const }] : []),
      ...(full
        ? [
            { text: `  justification: ${e.justification === null ? '—' : oneLine(e.justification)}` },
            { text: `  risk assessment: ${e.risk === null ? '—' : oneLine(e.risk)}` },
            { text: `  ${oneLine(e.pr.url)}`, tone: 'muted' as const },
          ]
        : []),
    ]),
  ];
}

/** What a step's detail shows beyond the step itself: for the release's code-freeze gate, its exceptions. */
export function stepExtraLines(
  freeze: FreezeView,
  policy: CodeFreezePolicy,
  view: StepView | undefined,
  hotfixKey: string | null,
  times: ShownTimes,
  full = false,
): FreezeLine[] {
  return view?.step.freeze && hotfixKey === null ? freezeLines(freeze, policy, times, full) : [];
}
