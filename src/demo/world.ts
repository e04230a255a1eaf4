import { createHash } from 'node:crypto';
import type { AppConfig } from '../domain/config.js';
import type { AcceptedCheck, EventBody, JournalEvent } from '../domain/events.js';
import { hotfixStream, releaseStream } from '../domain/events.js';
import { NOTICE_EVENT_TYPE, noticeKey } from '../domain/notices.js';
import { DAY, HOUR, MINUTE, WEEK, type EpochMs } from '../domain/time.js';
import { defaultSlackWorld } from '../fakes/slack/server.js';
import { fillTemplate, parseVersion } from '../domain/version.js';
import type { FakeCheck, FakeProwRun, FakeRepo, FakeWorld } from '../fakes/world.js';

/**
 * The built-in demo: release v0.4.0 in its stabilisation week (one layer red, one advisory with
 * no source) and a Blocker hotfix open against v0.3.1 whose fix is merged on main but not yet
 * cherry-picked. Times are relative to when the demo starts, so its clocks are live. The journal
 * is seeded from `streams`; live status comes from loopback fakes of GitHub and Prow that answer
 * from `fakes`, through the real clients.
 */
export const DEMO_RELEASE = 'v0.4.0';
export const DEMO_HOTFIX = 'HYPERFLEET-901';
/** The demo hotfix's fix PR, merged on main; its cherry-pick is what comes next. */
export const DEMO_FIX_PR = 212;

export interface DemoWorld {
  readonly release: string;
  readonly viewer: string;
  readonly streams: ReadonlyArray<{ readonly stream: string; readonly events: readonly JournalEvent[] }>;
  /** What the loopback GitHub and Prow fakes answer in the demo. */
  readonly fakes: FakeWorld;
}

/** A stable, fake 40-hex commit id per name, so demo evidence looks like the real thing. */
const fakeSha = (seed: string): string => createHash('sha1').update(seed).digest('hex');

const login = (config: AppConfig, role: string, fallback: string): string => config.roles[role]?.approvers[0] ?? fallback;

export function demoWorld(config: AppConfig, startedAt: EpochMs): DemoWorld {
  const owner = login(config, 'release-owner', 'release-owner');
  const lead = login(config, 'tech-lead', 'tech-lead');
  const qe = login(config, 'qe-owner', 'qe-owner');
  // The Manager planned the release: with the two-person rule on (approvals.twoPersonRule), the Release Owner still may approve its gates.
  const manager = login(config, 'manager', 'manager');
  const developer = 'hf-developer';
  let serial = 0;
  const event = (ago: number, actor: string, body: EventBody): JournalEvent =>
    ({ id: `demo-${(serial += 1)}`, at: startedAt - ago, actor, ...body }) as JournalEvent;

  const featureFreeze = startedAt - 2 * DAY - 3 * HOUR;
  // Notices already sent are in the fake channel too, carrying their keys, as Slack would hold them.
  const slack = defaultSlackWorld();
  const releases = slack.channels.find((c) => c.name === config.slack.channel.replace(/^#/, '')) ?? slack.channels[0]!;
  const sent = (ago: number, subject: string, step: string, kind: string, fields?: Record<string, string>): JournalEvent[] => {
    const at = startedAt - ago;
    const ts = `${Math.floor(at / 1000)}.${String(releases.messages.length + 1).padStart(6, '0')}`;
    const key = noticeKey(subject, kind);
    const title = config.slack.notices.find((n) => n.kind === kind)?.title ?? kind;
    releases.messages.push({ ts, text: `${subject}: ${title}`, metadata: { event_type: NOTICE_EVENT_TYPE, event_payload: { key } } });
    const permalink = `https://hyperfleet.slack.example/archives/${releases.id}/p${ts.replace('.', '')}`;
    return [
      ...(fields ? [event(ago + 60_000, owner, { type: 'notice-intended', step, key, fields })] : []),
      event(ago, owner, { type: 'notice-sent', step, key, channel: releases.id, ts, permalink }),
    ];
  };
  const release: JournalEvent[] = [
    event(16 * DAY, manager, {
      type: 'release-planned',
      release: DEMO_RELEASE,
      milestones: {
        'readiness-review': featureFreeze - DAY,
        'feature-freeze': featureFreeze,
        'code-freeze': startedAt + DAY + 2 * HOUR,
        ga: startedAt + 2 * DAY + 6 * HOUR,
      },
    }),
    event(4 * DAY, owner, { type: 'step-completed', step: 'prs-merged' }),
    event(4 * DAY - HOUR, qe, { type: 'step-completed', step: 'no-open-bugs', note: 'HYPERFLEET board: 0 open Major+' }),
    event(4 * DAY - 2 * HOUR, owner, { type: 'step-completed', step: 'no-open-cves' }),
    ...sent(3 * WEEK, DEMO_RELEASE, 'notice-breaking', 'breaking-change', {
      changes: 'None: 0.4 keeps every API and chart value of 0.3 (checked every component PR).',
    }),
    event(3 * DAY, lead, {
      type: 'gate-approved',
      step: 'readiness-review',
      comment: 'Go for feature freeze',
      // What the nightlies had shown then: green for two days, before tier1 broke.
      accepted: [nightlyPass(config, startedAt - 3 * DAY - HOUR)],
    }),
    ...sent(3 * DAY - HOUR, DEMO_RELEASE, 'notice-readiness', 'readiness-review'),
    event(2 * DAY + 3 * HOUR, owner, { type: 'step-completed', step: 'cut-branches' }),
    ...sent(2 * DAY + 2 * HOUR, DEMO_RELEASE, 'notice-feature-freeze', 'feature-freeze'),
    ...sent(2 * DAY - 10 * MINUTE, DEMO_RELEASE, 'notice-rc', 'rc-available', {
      highlights: 'Adapter status sync reworked; please run your upgrade tests.',
    }),
    event(DAY + 20 * HOUR, owner, { type: 'step-completed', step: 'set-manifest' }),
  ];

  // Reported 11 hours ago: with the 1 working day of a Blocker, about half of it is left.
  const hotfix: JournalEvent[] = [
    event(10 * HOUR + 45 * MINUTE, owner, {
      type: 'hotfix-opened',
      key: DEMO_HOTFIX,
      severity: 'Blocker',
      component: 'hyperfleet-adapter',
      affects: 'v0.3.1',
      summary: 'Adapter stops reporting cluster status after an API restart',
      reportedAt: startedAt - 11 * HOUR,
    }),
    // Confirmed 90 minutes after the report: past the triage hour, as the timeline shows.
    event(9 * HOUR + 30 * MINUTE, owner, { type: 'step-completed', step: 'confirm-severity' }),
    ...sent(9 * HOUR + 15 * MINUTE, DEMO_HOTFIX, 'alert-notice', 'hotfix-alert', {
      impact: 'Cluster status goes stale on ROSA after an API restart.',
    }),
    event(8 * HOUR, developer, { type: 'step-completed', step: 'rca', note: 'Watch is not re-established after the API pod restarts' }),
  ];

  return {
    release: DEMO_RELEASE,
    viewer: owner,
    streams: [
      { stream: releaseStream(DEMO_RELEASE), events: release },
      { stream: hotfixStream(DEMO_HOTFIX), events: hotfix },
    ],
    fakes: { ...fakeWorld(config, owner, startedAt), slack },
  };
}

/** The "Nightly E2E green" check as it passed at `at`: each nightly's run, the way Prow listed it. */
function nightlyPass(config: AppConfig, at: EpochMs): AcceptedCheck {
  const evidence = ['e2e-tier0', 'e2e-tier1'].map((layer) => {
    const source = config.layers.find((l) => l.id === layer)?.source;
    const job = source?.kind === 'prow-job' ? source.job : layer;
    return {
      layer,
      component: null,
      state: 'passed',
      url: `https://prow.example/view/gs/test-platform-results/logs/${job}/1`,
      finishedAt: at,
    };
  });
  return { step: 'nightly-green', evidence, found: [] };
}

/** The first check whose name the layer's pattern would match: "ci/prow/unit*" → "ci/prow/unit". */
const contextOf = (config: AppConfig, layer: string): string | undefined => {
  const source = config.layers.find((l) => l.id === layer)?.source;
  return source?.kind === 'commit-status' ? source.context.replace(/\*.*$/, '') : undefined;
};

function fakeWorld(config: AppConfig, viewer: string, now: EpochMs): FakeWorld {
  const version = parseVersion(DEMO_RELEASE)!;
  const releaseBranch = fillTemplate(config.naming.releaseBranch, version);
  const prowUrl = (name: string) => `https://prow.example/view/gs/test-platform-results/pr-logs/${name}`;
  const checksFor = (repo: string, hoursAgo: number): FakeCheck[] => {
    const named = (layer: string, state: string, ago: number): FakeCheck[] => {
      const name = contextOf(config, layer);
      return name
        ? [
            {
              kind: 'status',
              name,
              state,
              description: `Job ${state === 'SUCCESS' ? 'succeeded' : 'failed'}.`,
              url: prowUrl(`${repo}/${name}`),
              at: now - ago,
            },
          ]
        : [];
    };
    return [
      ...named('unit', 'SUCCESS', hoursAgo * HOUR),
      ...named('integration', 'SUCCESS', hoursAgo * HOUR + 20 * MINUTE),
      {
        kind: 'status',
        name: 'ci/prow/images',
        state: 'SUCCESS',
        description: 'Job succeeded.',
        url: prowUrl(`${repo}/images`),
        at: now - hoursAgo * HOUR,
      },
      {
        kind: 'check-run',
        name: `Konflux / ${repo}-on-push`,
        state: 'SUCCESS',
        url: `https://konflux.example/${repo}`,
        at: now - hoursAgo * HOUR - 30 * MINUTE,
      },
    ];
  };
  const componentRepos: FakeRepo[] = config.components.map((c, i) => ({
    name: c.repo,
    branches: {
      main: { oid: fakeSha(`${c.repo}-main`), date: now - (3 + i) * HOUR, checks: checksFor(c.repo, 3 + i) },
      [releaseBranch]: { oid: fakeSha(`${c.repo}-release`), date: now - (5 + i) * HOUR, checks: checksFor(c.repo, 5 + i) },
    },
    tags: [
      {
        name: fillTemplate(config.naming.rcTag, version, 1),
        oid: fakeSha(`${c.repo}-rc1`),
        at: now - 2 * DAY - 2 * HOUR + i * 10 * MINUTE,
      },
      { name: 'v0.3.1', oid: fakeSha(`${c.repo}-031`), at: now - 20 * DAY },
      { name: 'v0.3.0', oid: fakeSha(`${c.repo}-030`), at: now - 6 * WEEK },
    ],
    releases: [{ tagName: 'v0.3.1', name: 'v0.3.1', isPrerelease: false, publishedAt: now - 20 * DAY }],
    pullRequests:
      c.name === 'hyperfleet-adapter'
        ? [
            {
              number: 214,
              title: 'chore: bump controller-runtime',
              headRefName: 'deps',
              baseRefName: 'main',
              labels: ['dependencies'],
              createdAt: now - DAY,
              checks: 'SUCCESS',
              reviewDecision: 'REVIEW_REQUIRED',
            },
            {
              number: DEMO_FIX_PR,
              title: `${DEMO_HOTFIX}: re-establish the status watch after an API restart`,
              headRefName: 'fix/status-watch-restart',
              baseRefName: 'main',
              labels: ['bug', 'hotfix'],
              state: 'MERGED',
              author: 'hf-developer',
              createdAt: now - 10 * HOUR,
              mergedAt: now - 3 * HOUR,
              changedFiles: 3,
              reviewDecision: 'APPROVED',
              checks: 'SUCCESS',
            },
          ]
        : [],
  }));
  const supportRepos: FakeRepo[] = [...new Set([config.github.releaseRepo, ...config.supportRepos])].map((repo) => ({
    name: repo,
    branches: {
      main: { oid: fakeSha(`${repo}-main`), date: now - DAY, checks: [] },
      [releaseBranch]: { oid: fakeSha(`${repo}-rel`), date: now - 2 * DAY, checks: [] },
    },
    tags: [{ name: 'release-0.3', oid: fakeSha(`${repo}-r03`) }],
    releases: [],
    pullRequests: [],
  }));
  const job = (layer: string): string | undefined => {
    const source = config.layers.find((l) => l.id === layer)?.source;
    return source?.kind === 'prow-job' ? source.job : undefined;
  };
  const runs = (layer: string, state: string, finishedAgo: number, build: number, description?: string): FakeProwRun[] => {
    const name = job(layer);
    if (!name) return [];
    const previous = {
      job: name,
      state: 'success',
      buildId: String(build - 1),
      startedAt: now - finishedAgo - DAY - HOUR,
      finishedAt: now - finishedAgo - DAY,
    };
    const latest = { job: name, state, buildId: String(build), startedAt: now - finishedAgo - HOUR, finishedAt: now - finishedAgo };
    return [previous, description ? { ...latest, description } : latest];
  };
  // The release candidate's images and charts are built; GA (v0.4.0) ones are not yet.
  const rc = fillTemplate(config.naming.imageTag, version).replace(/$/, '-rc1');
  const manifests = config.components.flatMap((c) => [
    // Konflux labels each image with its git tag without the `v`.
    {
      repository: c.image.split('/').slice(1).join('/'),
      tag: rc,
      labelVersion: fillTemplate(config.naming.rcTag, version, 1).replace(/^v/, ''),
    },
    { repository: c.chart.split('/').slice(1).join('/'), tag: rc },
  ]);
  return {
    org: config.github.org,
    viewer,
    manifests,
    repos: [...componentRepos, ...supportRepos],
    prowRuns: [
      ...runs('e2e-tier0', 'success', 6 * HOUR, 1_862_001),
      ...runs('e2e-tier1', 'failure', 6 * HOUR, 1_862_002, '2 of 48 tests failed: adapter status sync'),
      ...runs('e2e-tier2', 'success', 7 * HOUR, 1_862_003),
      ...runs('rosa', 'success', 9 * HOUR, 1_862_004),
    ],
  };
}
