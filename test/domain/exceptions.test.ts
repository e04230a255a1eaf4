import { describe, expect, it } from 'vitest';
import type { CodeFreezePolicy } from '../../src/domain/config.js';
import {
  approvingReviewers,
  exceptionText,
  freezeExceptions,
  freezeStart,
  sectionOf,
  type ReleaseBranch,
} from '../../src/domain/exceptions.js';
import type { PullRequestFact, RepoFacts } from '../../src/domain/status.js';
import { HOUR } from '../../src/domain/time.js';
import { NOW } from './fixtures.js';

const policy: CodeFreezePolicy = { minApprovals: 2, justificationHeadings: ['Justification'], riskHeadings: ['Risk assessment'] };
const OWNERS = ['rh-amarin'];
const FREEZE = { at: NOW - 10 * HOUR, by: 'gate' } as const;
const BRANCHES: ReleaseBranch[] = [
  { component: 'hyperfleet-api', repo: 'hyperfleet-api', branch: 'release-1.5' },
  { component: 'hyperfleet-sentinel', repo: 'hyperfleet-sentinel', branch: 'release-1.4' },
];

const JUSTIFIED = [
  '## Summary',
  'Fixes the status watch.',
  '## Justification',
  'Blocker: status goes stale on ROSA after an API restart; cannot wait for 1.5.1.',
  '### Risk assessment (what could break?)',
  'Only the watch loop; covered by a new test.',
  '## Test Plan',
  '- [x] make test-all',
].join('\n');

function pr(number: number, extra: Partial<PullRequestFact> = {}): PullRequestFact {
  return {
    number,
    title: `Fix ${number}`,
    url: `https://github.example/pull/${number}`,
    state: 'merged',
    base: 'release-1.5',
    head: `fix-${number}`,
    labels: [],
    author: 'dev',
    mergedAt: NOW - HOUR,
    ci: 'passed',
    review: 'approved',
    body: JUSTIFIED,
    reviews: [
      { by: 'reviewer', state: 'approved' },
      { by: 'rh-amarin', state: 'approved' },
    ],
    ...extra,
  };
}

const repos = (api: PullRequestFact[], sentinel: PullRequestFact[] = []): RepoFacts[] => [
  { repo: 'hyperfleet-api', tags: [], releaseMerges: api },
  { repo: 'hyperfleet-sentinel', tags: [], releaseMerges: sentinel },
];

describe('when code freeze began', () => {
  it('is the code-freeze milestone once it has passed, or the gate approval when that came first', () => {
    expect(freezeStart(NOW - HOUR, undefined, NOW)).toEqual({ at: NOW - HOUR, by: 'milestone' });
    expect(freezeStart(NOW + HOUR, NOW - 2 * HOUR, NOW)).toEqual({ at: NOW - 2 * HOUR, by: 'gate' });
    expect(freezeStart(NOW - 3 * HOUR, NOW - 2 * HOUR, NOW)).toEqual({ at: NOW - 3 * HOUR, by: 'milestone' });
  });

  it('has not begun while the milestone is ahead and nobody approved the gate', () => {
    expect(freezeStart(NOW + HOUR, undefined, NOW)).toBeNull();
    expect(freezeStart(undefined, undefined, NOW)).toBeNull();
  });
});

describe('a section of a PR description', () => {
  it('is the text under its heading, down to the next heading of its level, sub-sections included', () => {
    expect(sectionOf(JUSTIFIED, ['Justification'])).toBe(
      'Blocker: status goes stale on ROSA after an API restart; cannot wait for 1.5.1.\n### Risk assessment (what could break?)\nOnly the watch loop; covered by a new test.',
    );
    expect(sectionOf(JUSTIFIED, ['risk assessment'])).toBe('Only the watch loop; covered by a new test.');
  });

  it('stops at a sub-section of its own: the risk assessment under the justification is not part of it', () => {
    expect(sectionOf(JUSTIFIED, ['Justification'], ['Risk assessment'])).toBe(
      'Blocker: status goes stale on ROSA after an API restart; cannot wait for 1.5.1.',
    );
    const nested = '## Justification\n### Severity and impact\nCritical.\n### Risk assessment\nLow.';
    expect(sectionOf(nested, ['Justification'], ['Risk assessment'])).toBe('### Severity and impact\nCritical.');
  });

  it('takes a bold line as a heading, and any case and a trailing colon', () => {
    expect(sectionOf('**JUSTIFICATION:**\nCritical CVE.\n**Risk**\nlow', ['Justification'])).toBe('Critical CVE.');
  });

  it('is missing when there is no such heading, a longer word only starts like it, or only the template comment is left', () => {
    expect(sectionOf('## Summary\nx', ['Justification'])).toBeNull();
    expect(sectionOf('## Risks\nnone', ['Risk'])).toBeNull();
    expect(sectionOf('## Justification\n<!-- Why can this not wait? -->\n\n## Test Plan', ['Justification'])).toBeNull();
    expect(sectionOf(undefined, ['Justification'])).toBeNull();
  });
});

describe('approving reviewers', () => {
  it('counts each reviewer once by their latest review, and never the author', () => {
    const reviews = [
      { by: 'a', state: 'approved' },
      { by: 'b', state: 'approved' },
      { by: 'a', state: 'approved' },
      { by: 'b', state: 'changes-requested' },
      { by: 'dev', state: 'approved' },
    ] as const;
    expect(approvingReviewers(pr(1, { reviews }))).toEqual(['a']);
  });
});

describe('code-freeze exceptions', () => {
  it('are the PRs merged into each component’s own release branch since the freeze, newest first', () => {
    const list = freezeExceptions(
      FREEZE,
      BRANCHES,
      repos(
        [
          pr(1, { mergedAt: NOW - 2 * HOUR }),
          pr(2, { mergedAt: NOW - 11 * HOUR }), // before the freeze
          pr(3, { base: 'main' }),
          pr(4, { state: 'open', mergedAt: undefined }),
          pr(5, { base: 'release-1.4' }), // the api's 1.4 branch is not in this release
        ],
        [pr(6, { base: 'release-1.4', mergedAt: NOW - 30 * 60_000 })],
      ),
      policy,
      OWNERS,
    );
    expect(list.map((e) => [e.pr.number, e.component, e.branch])).toEqual([
      [6, 'hyperfleet-sentinel', 'release-1.4'],
      [1, 'hyperfleet-api', 'release-1.5'],
    ]);
    expect(list[0]!.flags).toEqual([]);
    expect(list[0]!.approvedBy).toEqual(['reviewer', 'rh-amarin']);
  });

  it('flags one approval of two, no Release Owner among them, no justification, no risk assessment, red tests', () => {
    const [e] = freezeExceptions(
      FREEZE,
      BRANCHES,
      repos([pr(7, { body: '## Summary\nquick fix', reviews: [{ by: 'reviewer', state: 'approved' }], ci: 'failed' })]),
      policy,
      OWNERS,
    );
    expect(e!.flags).toEqual([
      '1 approval, needs 2',
      'no approval by the Release Owner (@rh-amarin)',
      'no justification (no "Justification" section)',
      'no risk assessment (no "Risk assessment" section)',
      'tests failed',
    ]);
    expect(exceptionText(e!, policy)).toBe(
      '#7 hyperfleet-api release-1.5, merged 2026-11-18 11:00 UTC by @dev, 1 of 2 approvals (@reviewer): Fix 7',
    );
  });

  it('asks for as many approvals as configured', () => {
    const [e] = freezeExceptions(FREEZE, BRANCHES, repos([pr(8)]), { ...policy, minApprovals: 3 }, OWNERS);
    expect(e!.flags).toEqual(['2 approvals, needs 3']);
  });
});
