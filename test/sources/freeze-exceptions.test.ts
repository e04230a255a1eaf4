import { describe, expect, it } from 'vitest';
import type { ReleaseState } from '../../src/domain/fold.js';
import { PULL_REQUEST_BODY_LIMIT } from '../../src/domain/limits.js';
import { HOUR } from '../../src/domain/time.js';
import type { FakePullRequest } from '../../src/fakes/world.js';
import { releaseFreeze } from '../../src/store/view.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { fakeGitHubEachTest, readPullRequests, T0 } from '../helpers/fake-world.js';

/**
 * Code-freeze exceptions are decided from live pull requests: the real @octokit/graphql client
 * reads the loopback fake GitHub (its query validated against GitHub's schema), and the domain
 * lists what was merged into the release branches after the code-freeze gate was approved.
 */
const config = bundledConfig();
const adapter = config.components.find((c) => c.name === 'hyperfleet-adapter')!.repo;
const owner = config.roles['release-owner']!.approvers[0]!;
const APPROVED_AT = T0 - 5 * HOUR;

const JUSTIFIED = '## Summary\nFix.\n\n## Justification\nBlocker for ROSA.\n\n## Risk assessment\nThe watch loop only.\n';

const pr = (over: Partial<FakePullRequest> & Pick<FakePullRequest, 'number'>): FakePullRequest => ({
  title: `HYPERFLEET-915: fix ${over.number}`,
  headRefName: `fix-${over.number}`,
  baseRefName: 'release-0.4',
  labels: [],
  state: 'MERGED',
  author: 'hf-developer',
  createdAt: T0 - 8 * HOUR,
  mergedAt: T0 - HOUR,
  checks: 'SUCCESS',
  body: JUSTIFIED,
  ...over,
});

const state: ReleaseState = {
  release: 'v0.4.0',
  plannedBy: 'mbrudnoy',
  milestones: { 'code-freeze': T0 + 20 * HOUR },
  steps: {},
  gates: { 'code-freeze-gate': { approvals: [{ by: owner, at: APPROVED_AT, evidence: [] }], waivers: [] } },
  notices: {},
  handovers: [],
  rulebook: null,
  ignored: [],
};

const github = fakeGitHubEachTest(config);

async function freezeWith(prs: FakePullRequest[], release: ReleaseState = state) {
  // As the session does: the search for what was merged since, once the freeze has begun.
  const freezeSince = releaseFreeze(config, release, null, T0).since?.at ?? null;
  const { report, snapshot } = await readPullRequests(github, config, adapter, prs, 'release-0.4', { freezeSince });
  return { report, freeze: releaseFreeze(config, release, snapshot, T0) };
}

describe('code-freeze exceptions, from the fake GitHub', () => {
  it('lists what was merged into release-0.4 after the gate was approved, with its sections and approving reviewers', async () => {
    const { freeze } = await freezeWith([
      pr({
        number: 218,
        reviews: [
          { author: 'rafabene', state: 'APPROVED' },
          { author: 'rafabene', state: 'COMMENTED' }, // a later comment does not take the approval back
          { author: owner, state: 'APPROVED' },
        ],
      }),
      pr({ number: 217, mergedAt: APPROVED_AT - HOUR }), // before the freeze
      pr({ number: 216, baseRefName: 'main' }),
    ]);
    expect(freeze.since).toEqual({ at: APPROVED_AT, by: 'gate' });
    expect(freeze.exceptions.map((e) => e.pr.number)).toEqual([218]);
    expect(freeze.exceptions[0]).toMatchObject({
      component: 'hyperfleet-adapter',
      branch: 'release-0.4',
      justification: 'Blocker for ROSA.',
      risk: 'The watch loop only.',
      approvedBy: ['rafabene', owner],
      flags: [],
    });
  });

  it('flags one approval, a dismissed or changed review, and a description without the sections', async () => {
    const { freeze } = await freezeWith([
      pr({
        number: 219,
        body: '## Summary\nquick fix',
        reviews: [
          { author: owner, state: 'APPROVED' },
          { author: 'rafabene', state: 'APPROVED' },
          { author: 'rafabene', state: 'DISMISSED' },
        ],
      }),
    ]);
    expect(freeze.exceptions[0]!.approvedBy).toEqual([owner]);
    expect(freeze.exceptions[0]!.flags).toEqual([
      '1 approval, needs 2',
      'no justification (no "Justification" section)',
      'no risk assessment (no "Risk assessment" section)',
    ]);
  });

  it('keeps at most the body limit of a description, and says it cut it', async () => {
    const long = `## Justification\n${'x'.repeat(PULL_REQUEST_BODY_LIMIT + 50)}`;
    const { report } = await freezeWith([pr({ number: 220, body: long })]);
    const fact = report.repos!.find((r) => r.repo === adapter)!.releaseMerges![0]!;
    expect(fact.body).toHaveLength(PULL_REQUEST_BODY_LIMIT);
    expect(fact.bodyCut).toBe(true);
  });

  it('an answer from before the freeze began did not look: its components are not listed yet, not clean', async () => {
    const { snapshot } = await readPullRequests(github, config, adapter, [pr({ number: 222 })], 'release-0.4', { freezeSince: null });
    const freeze = releaseFreeze(config, state, snapshot, T0);
    expect(freeze.exceptions).toEqual([]);
    expect(freeze.unlisted).toEqual(config.components.map((c) => c.name));
  });

  it('has none before code freeze: the milestone ahead and the gate not approved', async () => {
    const { freeze } = await freezeWith([pr({ number: 221 })], { ...state, gates: {} });
    expect(freeze).toMatchObject({ since: null, exceptions: [] });
  });
});

describe("each component's own release branch, from the manifest", () => {
  it('looks on release-1.4 for a component the manifest names at v1.4.2, and not at all for one it does not name', () => {
    const merged = (number: number, base: string) =>
      ({
        number,
        title: `t${number}`,
        url: `u${number}`,
        state: 'merged',
        base,
        head: 'h',
        labels: [],
        mergedAt: T0 - HOUR,
        ci: 'passed',
        review: 'approved',
      }) as const;
    const repoOf = (name: string) => config.components.find((c) => c.name === name)!.repo;
    const manifest = {
      release: '0.4',
      e2eRef: 'release-0.4',
      components: { 'hyperfleet-api': 'v0.4.0-rc1', 'hyperfleet-sentinel': 'v1.4.2-rc1' },
    };
    const snapshot = {
      results: [],
      sources: [],
      repos: [
        { repo: config.github.releaseRepo, tags: [], manifest: { release: { state: 'found', manifest } as const } },
        { repo: repoOf('hyperfleet-api'), tags: [], releaseMerges: [merged(1, 'release-0.4')] },
        { repo: repoOf('hyperfleet-sentinel'), tags: [], releaseMerges: [merged(2, 'release-0.4'), merged(3, 'release-1.4')] },
        { repo: repoOf('hyperfleet-adapter'), tags: [], releaseMerges: [merged(4, 'release-0.4')] },
      ],
    };
    const freeze = releaseFreeze(config, state, snapshot, T0);
    expect(freeze.branches.map((b) => [b.component, b.branch])).toEqual([
      ['hyperfleet-api', 'release-0.4'],
      ['hyperfleet-sentinel', 'release-1.4'],
    ]);
    expect(freeze.exceptions.map((e) => e.pr.number).sort()).toEqual([1, 3]);
  });
});
