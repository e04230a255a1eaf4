import { describePullRequest, type FixBranch } from '../../domain/fix.js';
import { oneLine } from '../../domain/sanitize.js';
import type { HotfixLive } from '../../store/view.js';
import type { Tone } from '../../present/looks.js';

const branchText = (b: FixBranch): string =>
  b.merged
    ? `${b.branch} ✓ #${b.merged.number}`
    : b.prs.length
      ? `${b.branch}: ${b.prs.map(describePullRequest).join('; ')}`
      : `${b.branch}: no PR yet`;

/** A hotfix's fix on both branches in one line (marked when GitHub's last answer left its repository out), and one line per scope-guard flag. */
export function fixLines(live: HotfixLive): Array<{ text: string; tone?: Tone }> {
  if (!live.fix) return [{ text: 'Fix PRs: waiting for GitHub', tone: 'muted' }];
  const { main, release, bothMerged, scope, stale } = live.fix;
  const mark = stale !== undefined ? ` · stale: ${stale}` : '';
  return [
    {
      text: oneLine(`Fix: ${branchText(main)} · ${branchText(release)}${mark}`),
      tone: stale !== undefined ? 'muted' : bothMerged ? 'good' : 'warn',
    },
    ...scope.map((flag) => ({ text: oneLine(`⚠ scope guard: #${flag.pr.number} ${flag.reason}`), tone: 'bad' as const })),
  ];
}
