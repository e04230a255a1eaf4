import type { AppConfig } from './config.js';
import type { HotfixFacts } from './events.js';
import type { PullRequestFact, RepoFacts } from './status.js';
import { fillTemplate, parseVersion } from './version.js';

/**
 * A hotfix's fix, followed on both branches from live pull requests: the fix PR(s) into main and
 * into release-X.Y of the affected component, and the scope guard's flags on them.
 */
export interface FixBranch {
  readonly branch: string;
  /** Pull requests into this branch that name the hotfix, merged first, then the newest. */
  readonly prs: readonly PullRequestFact[];
  readonly merged?: PullRequestFact;
}

export interface ScopeFlag {
  readonly pr: PullRequestFact;
  readonly reason: string;
}

export interface FixTracking {
  readonly repo: string;
  readonly main: FixBranch;
  readonly release: FixBranch;
  /** Merged into main and into the release branch: the fix cannot regress in the next release. */
  readonly bothMerged: boolean;
  readonly scope: readonly ScopeFlag[];
  /** Why these pull requests are from an earlier answer: the latest left the repository out. */
  readonly stale?: string;
}

type FixConfig = Pick<AppConfig, 'components' | 'naming'> & { readonly hotfix: Pick<AppConfig['hotfix'], 'scope'> };

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A PR belongs to a hotfix when its title or branch names the tracking key as a word
 * ("HYPERFLEET-901: …", "fix/hyperfleet-901-watch"), or it carries the key as a label.
 * "HYPERFLEET-9010" does not name HYPERFLEET-901.
 */
export function namesHotfix(pr: Pick<PullRequestFact, 'title' | 'head' | 'labels'>, key: string): boolean {
  const word = new RegExp(`(^|[^A-Za-z0-9])${escapeRegExp(key)}($|[^A-Za-z0-9])`, 'i');
  return word.test(pr.title) || word.test(pr.head) || pr.labels.some((l) => l.toLowerCase() === key.toLowerCase());
}

/** The release branch a hotfix lands on: release-X.Y of the affected release. */
export function hotfixReleaseBranch(config: Pick<AppConfig, 'naming'>, affects: string): string | null {
  const version = parseVersion(affects);
  return version ? fillTemplate(config.naming.releaseBranch, version) : null;
}

function branchOf(prs: readonly PullRequestFact[], branch: string, key: string): FixBranch {
  const mine = prs
    .filter((pr) => pr.base === branch && pr.state !== 'closed' && namesHotfix(pr, key))
    .sort((a, b) => Number(b.state === 'merged') - Number(a.state === 'merged') || b.number - a.number);
  const merged = mine.find((pr) => pr.state === 'merged');
  return { branch, prs: mine, ...(merged ? { merged } : {}) };
}

const CONVENTIONAL_FEATURE = /^\s*feat(\([^)]*\))?!?:/i;

/** A hotfix is a patch to existing function: a feature title or label, or a wide change, needs a second look. */
export function scopeFlags(prs: readonly PullRequestFact[], scope: AppConfig['hotfix']['scope']): ScopeFlag[] {
  const featureLabels = new Set(scope.featureLabels.map((l) => l.toLowerCase()));
  return prs.flatMap((pr) => {
    const reasons = [
      ...(CONVENTIONAL_FEATURE.test(pr.title) ? ['its title says feat:'] : []),
      ...pr.labels.filter((l) => featureLabels.has(l.toLowerCase())).map((l) => `it is labelled "${l}"`),
      ...(pr.changedFiles !== undefined && pr.changedFiles > scope.maxFiles
        ? [`it touches ${pr.changedFiles} files (more than ${scope.maxFiles})`]
        : []),
    ];
    return reasons.map((reason) => ({ pr, reason }));
  });
}

/**
 * Null until GitHub has been read (its repository's pull requests are read once the hotfix is
 * open), or when the hotfix names an unknown component or release.
 */
export function trackFix(
  config: FixConfig,
  hotfix: Pick<HotfixFacts, 'key' | 'component' | 'affects'>,
  repos: readonly RepoFacts[] | undefined,
): FixTracking | null {
  const component = config.components.find((c) => c.name === hotfix.component);
  const releaseBranch = hotfixReleaseBranch(config, hotfix.affects);
  const facts = repos?.find((r) => r.repo === component?.repo);
  const prs = facts?.pullRequests;
  if (!component || !releaseBranch || !facts || !prs) return null;
  const main = branchOf(prs, 'main', hotfix.key);
  const release = branchOf(prs, releaseBranch, hotfix.key);
  return {
    repo: component.repo,
    main,
    release,
    bothMerged: main.merged !== undefined && release.merged !== undefined,
    scope: scopeFlags([...main.prs, ...release.prs], config.hotfix.scope),
    ...(facts.stale !== undefined ? { stale: facts.stale } : {}),
  };
}

/** Every fix PR of a hotfix: main's first, then the release branch's. */
export function fixPullRequests(fix: FixTracking | null | undefined): PullRequestFact[] {
  return fix ? [...fix.main.prs, ...fix.release.prs] : [];
}

/** "#212 open: CI failing, changes requested" — what stands between a PR and its merge. */
export function describePullRequest(pr: PullRequestFact): string {
  if (pr.state === 'merged') return `#${pr.number} merged`;
  const ci = { passed: 'CI green', failed: 'CI failing', running: 'CI running', none: 'no CI yet' }[pr.ci];
  const review = {
    approved: 'approved',
    'changes-requested': 'changes requested',
    'review-required': 'review required',
    none: 'not reviewed',
  }[pr.review];
  return `#${pr.number} open: ${ci}, ${review}`;
}

/** Why a fix check is not passed yet: one line per branch that still lacks a merged fix PR. */
export function fixProblems(which: 'main' | 'release' | 'both', fix: FixTracking | null | undefined, key: string): string[] | null {
  if (fix === undefined) return ['only a hotfix has a fix to follow'];
  if (fix === null) return null;
  const branches = which === 'both' ? [fix.main, fix.release] : [which === 'main' ? fix.main : fix.release];
  return branches.flatMap((b) => {
    if (b.merged) return [];
    if (b.prs.length === 0) return [`no PR into ${b.branch} names ${key} (in its title, branch or labels)`];
    return [`into ${b.branch}: ${b.prs.map(describePullRequest).join('; ')}`];
  });
}
