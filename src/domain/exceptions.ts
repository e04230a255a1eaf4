import type { CodeFreezePolicy } from './config.js';
import type { PullRequestFact, RepoFacts } from './status.js';
import { formatUtc, type EpochMs } from './time.js';

/**
 * Code-freeze exceptions. HyperFleet's release process (hyperfleet-release-process.md §5.3,
 * "Post-Code Freeze PR Approval Process"): "All PRs to release branch after code freeze require"
 * a justification in the PR description (severity and impact, why it cannot wait, a risk
 * assessment, tests), "Minimum 2 approvals (1 technical reviewer + Release Owner)" and green
 * Prow tests. Every PR merged into a component's release branch after the freeze began is one;
 * this says which, and what each lacks.
 */

/**
 * When code freeze began: the planned code-freeze milestone, or the code-freeze gate's first
 * approval when that came earlier (the gate passed, the freeze is on). A milestone still ahead
 * with no approval yet: not frozen.
 */
export interface FreezeStart {
  readonly at: EpochMs;
  readonly by: 'milestone' | 'gate';
}

export function freezeStart(milestone: EpochMs | undefined, approvedAt: EpochMs | undefined, now: EpochMs): FreezeStart | null {
  const known = [
    ...(milestone !== undefined && milestone <= now ? [{ at: milestone, by: 'milestone' as const }] : []),
    ...(approvedAt !== undefined ? [{ at: approvedAt, by: 'gate' as const }] : []),
  ];
  return known.sort((a, b) => a.at - b.at)[0] ?? null;
}

/** A component's release branch in this release (each component has its own: sentinel may stay on release-1.4). */
export interface ReleaseBranch {
  readonly component: string;
  readonly repo: string;
  readonly branch: string;
}

export interface ExceptionPr {
  readonly component: string;
  readonly branch: string;
  readonly pr: PullRequestFact;
  readonly mergedAt: EpochMs;
  /** The text of its description's justification and risk-assessment sections; null when it has none (or they are empty). */
  readonly justification: string | null;
  readonly risk: string | null;
  /** Distinct reviewers (not its author) whose latest review approves it. */
  readonly approvedBy: readonly string[];
  /** What it lacks of what the release process asks, one phrase each; empty when nothing. */
  readonly flags: readonly string[];
}

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
/** A line that is only bold text ("**Justification:**") reads as a heading too, below every `#` level. */
const BOLD_LINE = /^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$/;
const BOLD_LEVEL = 7;

const normalise = (text: string): string => text.replace(/[*_`]/g, '').replace(/:\s*$/, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** "Risk assessment (what could break?)" is the "Risk assessment" section; "Risks" is not the "Risk" one. */
function headingMatches(text: string, headings: readonly string[]): boolean {
  const have = normalise(text);
  return headings.some((h) => {
    const want = normalise(h);
    return have === want || (have.startsWith(want) && !/[\p{L}\p{N}]/u.test(have.charAt(want.length)));
  });
}

function headingAt(line: string): { level: number; text: string } | null {
  const atx = HEADING.exec(line);
  if (atx) return { level: atx[1]!.length, text: atx[2]! };
  const bold = BOLD_LINE.exec(line);
  return bold ? { level: BOLD_LEVEL, text: bold[1]! } : null;
}

/**
 * The text under the first heading of the description that names one of `headings`, up to the
 * next heading of the same or a higher level (or one naming `stopAt`: the risk assessment under
 * the justification is its own section); null when there is none, or only the template's
 * comments are left in it (an unfilled section justifies nothing).
 */
export function sectionOf(body: string | undefined, headings: readonly string[], stopAt: readonly string[] = []): string | null {
  if (!body) return null;
  const lines = body.replace(/<!--[\s\S]*?(?:-->|$)/g, '').split(/\r?\n/);
  const start = lines.findIndex((line) => {
    const heading = headingAt(line);
    return heading !== null && headingMatches(heading.text, headings);
  });
  if (start < 0) return null;
  const level = headingAt(lines[start]!)!.level;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => {
    const heading = headingAt(line);
    return heading !== null && (heading.level <= level || headingMatches(heading.text, stopAt));
  });
  const text = (end < 0 ? rest : rest.slice(0, end)).join('\n').trim();
  return text === '' ? null : text;
}

/** Distinct reviewers whose latest review approves: the last review each gave counts, an author's own never. */
export function approvingReviewers(pr: PullRequestFact): string[] {
  const latest = new Map<string, string>();
  for (const review of pr.reviews ?? []) if (review.by !== pr.author) latest.set(review.by, review.state);
  return [...latest].flatMap(([by, state]) => (state === 'approved' ? [by] : []));
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What an exception lacks: approvals below the minimum, none of them the Release Owner's (when
 * the configuration names who that is), no justification, no risk assessment, tests not green.
 */
function flagsOf(e: Omit<ExceptionPr, 'flags'>, policy: CodeFreezePolicy, releaseOwners: readonly string[]): string[] {
  const flags: string[] = [];
  if (e.approvedBy.length < policy.minApprovals) flags.push(`${plural(e.approvedBy.length, 'approval')}, needs ${policy.minApprovals}`);
  if (releaseOwners.length > 0 && !e.approvedBy.some((by) => releaseOwners.includes(by)))
    flags.push(`no approval by the Release Owner (${releaseOwners.map((o) => `@${o}`).join(', ')})`);
  if (e.justification === null) flags.push(`no justification (no "${policy.justificationHeadings[0] ?? 'Justification'}" section)`);
  if (e.risk === null) flags.push(`no risk assessment (no "${policy.riskHeadings[0] ?? 'Risk assessment'}" section)`);
  if (e.pr.ci !== 'passed') flags.push(e.pr.ci === 'none' ? 'no test results on its head commit' : `tests ${e.pr.ci}`);
  return flags;
}

/**
 * Every pull request merged into a component's release branch at or after the freeze began,
 * the newest first. Only what GitHub lists counts: each repository's release merges, as its
 * search for pull requests merged into a branch other than main since the freeze found them.
 */
export function freezeExceptions(
  since: FreezeStart,
  branches: readonly ReleaseBranch[],
  repos: readonly RepoFacts[] | undefined,
  policy: CodeFreezePolicy,
  releaseOwners: readonly string[],
): ExceptionPr[] {
  return branches
    .flatMap(({ component, repo, branch }) =>
      (repos?.find((r) => r.repo === repo)?.releaseMerges ?? []).flatMap((pr) => {
        if (pr.state !== 'merged' || pr.base !== branch || pr.mergedAt === undefined || pr.mergedAt < since.at) return [];
        const found = {
          component,
          branch,
          pr,
          mergedAt: pr.mergedAt,
          justification: sectionOf(pr.body, policy.justificationHeadings, policy.riskHeadings),
          risk: sectionOf(pr.body, policy.riskHeadings),
          approvedBy: approvingReviewers(pr),
        };
        return [{ ...found, flags: flagsOf(found, policy, releaseOwners) }];
      }),
    )
    .sort((a, b) => b.mergedAt - a.mergedAt);
}

/** "since 2026-12-01 09:00 UTC (gate approval)": when the freeze began, and what began it. */
export const freezeSinceText = (since: FreezeStart, shown: (at: EpochMs) => string = formatUtc): string =>
  `since ${shown(since.at)} (${since.by === 'gate' ? 'gate approval' : 'milestone'})`;

/** "#218 hyperfleet-adapter release-0.4, merged 2026-12-01 10:00 UTC by @dev, 1 of 2 approvals (@a): title": what counts first, the title last. */
export function exceptionText(e: ExceptionPr, policy: CodeFreezePolicy, shown: (at: EpochMs) => string = formatUtc): string {
  const by = e.pr.author ? ` by @${e.pr.author}` : '';
  const approvers = e.approvedBy.length ? ` (${e.approvedBy.map((a) => `@${a}`).join(', ')})` : '';
  return `#${e.pr.number} ${e.component} ${e.branch}, merged ${shown(e.mergedAt)}${by}, ${e.approvedBy.length} of ${policy.minApprovals} approvals${approvers}: ${e.pr.title}`;
}
