import { createHash } from 'node:crypto';
import type { AppConfig } from '../domain/config.js';
import type { AcceptedCheck, EventBody, JournalEvent } from '../domain/events.js';
import { hotfixStream, releaseStream } from '../domain/events.js';
import { NOTICE_EVENT_TYPE, noticeKey } from '../domain/notices.js';
import { DAY, HOUR, MINUTE, WEEK, type EpochMs } from '../domain/time.js';
import { defaultSlackWorld } from '../fakes/slack/server.js';
import { onTagPipelineRun } from '../domain/builds.js';
import { STEP_LEASE_MS } from '../domain/step-claims.js';
import { fillTemplate, parseVersion, type Version } from '../domain/version.js';
import type { FakeCheck, FakeProwRun, FakeRepo, FakeWorld } from '../fakes/world.js';
import { rcE2eRun, releaseJobOf } from './rc-e2e-runs.js';

/**
 * The built-in demo: release v0.4.0 in its stabilisation week (one layer red, one advisory with
 * no source) and a Blocker hotfix open against v0.3.1 whose fix is merged on main but not yet
 * cherry-picked. Times are relative to when the demo starts, so its clocks are live. The journal
 * is seeded from `streams`; live status comes from loopback fakes of GitHub and Prow that answer
 * from `fakes`, through the real clients.
 */
export const DEMO_RELEASE = 'v0.4.0';

/**
 * What each component ships in the demo's release 0.4, as its manifest names it: every
 * component at its own version (the API's minor, a sentinel patch that stays on its 0.3 line,
 * an adapter minor ahead of the API). hyperfleet-applier is not part of 0.4: its first version
 * is on main's manifest, for 0.5.
 */
export const DEMO_VERSIONS: Readonly<Record<string, Version>> = {
  'hyperfleet-api': { major: 0, minor: 4, patch: 0, rc: null },
  'hyperfleet-sentinel': { major: 0, minor: 3, patch: 2, rc: null },
  'hyperfleet-adapter': { major: 0, minor: 5, patch: 0, rc: null },
};
/** Main's manifest already names the next release, 0.5, at its -dev versions. */
const NEXT_VERSIONS: Readonly<Record<string, string>> = {
  'hyperfleet-api': 'v0.5.0-dev',
  'hyperfleet-sentinel': 'v0.4.0-dev',
  'hyperfleet-adapter': 'v0.6.0-dev',
  'hyperfleet-applier': 'v0.1.0-dev',
};

/** The release the demo hotfix patches, as its release tag recorded it: each component at v0.3.1 (the applier came later). */
export const PATCHED_RELEASE = 'v0.3.1';
const PATCHED_VERSIONS: Readonly<Record<string, string>> = {
  'hyperfleet-api': 'v0.3.1',
  'hyperfleet-sentinel': 'v0.3.1',
  'hyperfleet-adapter': 'v0.3.1',
};

/** The manifest of release 0.3 on its branch: as tagged at v0.3.1, with `bumped` components changed. */
export function patchedManifest(config: AppConfig, bumped: Readonly<Record<string, string>> = {}): string {
  const release = parseVersion(PATCHED_RELEASE)!;
  return manifestYaml(`${release.major}.${release.minor}`, fillTemplate(config.naming.releaseBranch, release), {
    ...PATCHED_VERSIONS,
    ...bumped,
  });
}

/** RELEASE_MANIFEST.yaml as the runbook writes it: the release quoted, e2e_ref, a version per component. */
export function manifestYaml(release: string, e2eRef: string, components: Readonly<Record<string, string>>): string {
  const lines = Object.entries(components).map(([name, version]) => `  ${name}: ${version}`);
  return [`release: "${release}"`, `e2e_ref: ${e2eRef}`, 'components:', ...lines, ''].join('\n');
}

/** The demo release's manifest at its first RCs (`rc`) or at its GA versions (`ga`). */
export function demoManifest(config: AppConfig, stage: 'rc' | 'ga'): string {
  const version = parseVersion(DEMO_RELEASE)!;
  const branch = fillTemplate(config.naming.releaseBranch, version);
  return manifestYaml(`${version.major}.${version.minor}`, branch, demoTags(config, stage === 'rc' ? 'rcTag' : 'componentTag'));
}

/** Each component of the demo release at its first RC (`rcTag`) or its GA version, as its tag names it. */
function demoTags(config: AppConfig, kind: 'rcTag' | 'componentTag'): Record<string, string> {
  return Object.fromEntries(
    config.components.flatMap((c) => {
      const shipped = DEMO_VERSIONS[c.name];
      return shipped ? [[c.name, fillTemplate(config.naming[kind], shipped, 1)]] : [];
    }),
  );
}
export const DEMO_HOTFIX = 'HYPERFLEET-901';
/** The demo hotfix's fix PR, merged on main; its cherry-pick is what comes next. */
export const DEMO_FIX_PR = 212;
/** Merged into release-0.4 after code freeze with one approval of the two the release process asks: a flagged exception. */
export const DEMO_EXCEPTION_PR = 216;
const DEMO_BUG_QUERY =
  'https://jira.example/issues/?jql=project%3DHYPERFLEET%20AND%20type%3DBug%20AND%20priority%20in%20(Blocker%2CCritical%2CMajor)%20AND%20resolution%3DUnresolved';

export interface DemoWorld {
  readonly release: string;
  readonly viewer: string;
  readonly streams: ReadonlyArray<{ readonly stream: string; readonly events: readonly JournalEvent[] }>;
  /** What the loopback GitHub and Prow fakes answer in the demo. */
  readonly fakes: FakeWorld;
}

/**
 * The combination the demo's RC E2E ran for: each component's version as the release's manifest
 * names it (its first RC), and the e2e ref. The runs of the RC E2E job are made from these.
 */
export function demoRcCombination(config: AppConfig): { versions: Record<string, string>; e2eRef: string } {
  return { versions: demoTags(config, 'rcTag'), e2eRef: fillTemplate(config.naming.releaseBranch, parseVersion(DEMO_RELEASE)!) };
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
  const ci = login(config, 'ci-owner', 'ci-owner');
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
    // Code freeze began early, when its gate was approved (tier1 still green then); the PR merged after it is an exception.
    event(22 * HOUR, owner, { type: 'step-completed', step: 'freeze-no-open-bugs', note: DEMO_BUG_QUERY }),
    event(21 * HOUR, qe, {
      type: 'step-completed',
      step: 'freeze-compatibility',
      note: 'N-1 and cross-component runs of the rc1 combination: https://qe.example/hyperfleet/0.4/compatibility',
    }),
    event(20 * HOUR, owner, {
      type: 'gate-approved',
      step: 'code-freeze-gate',
      comment: 'Stabilisation is quiet: code freeze from now',
      accepted: [{ ...nightlyPass(config, startedAt - 30 * HOUR), step: 'freeze-e2e' }],
    }),
    // The CI Owner is on the red RC E2E run, their app open: it claimed the step and has renewed the
    // lease since (domain/step-claims), so the demo shows someone at work. It lapses as their app would stop.
    ...[12 * MINUTE, 2 * MINUTE].map((ago) =>
      event(ago, ci, { type: 'step-claimed', step: 'rc-e2e-passed', until: startedAt - ago + STEP_LEASE_MS }),
    ),
  ];

  // Reported 11 hours ago: with the 1 working day of a Blocker, about half of it is left.
  const hotfix: JournalEvent[] = [
    event(10 * HOUR + 45 * MINUTE, owner, {
      type: 'hotfix-opened',
      key: DEMO_HOTFIX,
      severity: 'Blocker',
      component: 'hyperfleet-adapter',
      affects: PATCHED_RELEASE,
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

/**
 * Konflux's on-tag builds of a component tag, the image's and the chart's, as Pipelines as Code
 * reports them on the tag's commit; only the tags its CEL expression matches are built.
 */
export function konfluxChecks(component: string, tag: string, state: 'SUCCESS' | 'PENDING' | 'FAILURE', at: EpochMs): FakeCheck[] {
  if (!/^v\d+\.\d+\.\d+(-rc\d+)?$/.test(tag)) return [];
  const description = { SUCCESS: 'This pipelinerun succeeded', PENDING: 'This pipelinerun is running', FAILURE: 'This pipelinerun failed' }[
    state
  ];
  return (['image', 'chart'] as const).map((kind) => {
    const run = onTagPipelineRun(component, kind);
    const url = `https://konflux.example/ns/hyperfleet-tenant/pipelinerun/${run}-${fakeSha(`${run}@${tag}`).slice(0, 5)}`;
    return { kind: 'status', name: `Konflux / ${run}`, state, description, url, at };
  });
}

/**
 * The RC E2E job's runs: the one for the release's combination failed as the tier1 nightly did;
 * an older one, before the adapter's RC was in the manifest, passed and must not count.
 */
function rcE2eRuns(config: AppConfig, now: EpochMs): FakeProwRun[] {
  const { versions, e2eRef } = demoRcCombination(config);
  const older = { ...versions, 'hyperfleet-adapter': 'v0.3.1' };
  return [
    rcE2eRun(config, older, e2eRef, { state: 'success', buildId: '1861950', finishedAt: now - 2 * DAY }),
    rcE2eRun(config, versions, e2eRef, {
      state: 'failure',
      buildId: '1861990',
      finishedAt: now - 8 * HOUR,
      description: '2 of 48 tests failed: adapter status sync',
    }),
  ];
}

const EXCEPTION_BODY = [
  '## Summary',
  '',
  '- HYPERFLEET-915',
  '',
  '## Justification',
  '',
  'Critical: E2E tier1 fails on the adapter status sync after a watch reconnect; ROSA sees stale cluster status. It cannot wait for 0.4.1: it breaks the release gate.',
  '',
  '### Risk assessment',
  '',
  'Only the reconnect path of the status watch changes; a new unit test covers it. Worst case: status resyncs twice.',
  '',
  '## Test Plan',
  '',
  '- [x] Unit tests added/updated',
  '- [x] `make test-all` passes',
].join('\n');

/** `release-X.Y-rc1` in the release repository, with the run of the workflow it triggered (rcE2e.workflow), passed. */
function rcE2eTriggerTag(config: AppConfig, at: EpochMs): FakeRepo['tags'][number] {
  const tag = fillTemplate(config.rcE2e.tag, parseVersion(DEMO_RELEASE)!, 1);
  const check: FakeCheck = {
    kind: 'check-run',
    name: 'trigger-e2e',
    workflow: config.rcE2e.workflow,
    state: 'SUCCESS',
    url: `https://github.example/${config.github.org}/${config.github.releaseRepo}/actions/runs/4711`,
    at: at + 3 * MINUTE,
  };
  return { name: tag, oid: fakeSha(`${config.github.releaseRepo}-${tag}`), at, checks: [check] };
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
      // Each component of the release has its first RC, of its own version.
      ...(DEMO_VERSIONS[c.name]
        ? [
            {
              name: fillTemplate(config.naming.rcTag, DEMO_VERSIONS[c.name]!, 1),
              oid: fakeSha(`${c.repo}-rc1`),
              at: now - 2 * DAY - 2 * HOUR + i * 10 * MINUTE,
            },
          ]
        : []),
      { name: 'v0.3.1', oid: fakeSha(`${c.repo}-031`), at: now - 20 * DAY },
      { name: 'v0.3.0', oid: fakeSha(`${c.repo}-030`), at: now - 6 * WEEK },
      // Every tag was built: Konflux reported on its commit about 18 minutes after it.
    ].map((t) => ({ ...t, checks: konfluxChecks(c.name, t.name, 'SUCCESS', t.at + 18 * MINUTE) })),
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
              number: DEMO_EXCEPTION_PR,
              title: 'HYPERFLEET-915: resync adapter status after a watch reconnect',
              // Into the adapter's own release branch: its version in this release is its own.
              headRefName: 'fix/status-resync',
              baseRefName: fillTemplate(config.naming.releaseBranch, DEMO_VERSIONS[c.name]!),
              labels: ['bug'],
              state: 'MERGED',
              author: 'hf-developer',
              createdAt: now - 6 * HOUR,
              mergedAt: now - 3 * HOUR,
              changedFiles: 2,
              reviewDecision: 'APPROVED',
              checks: 'SUCCESS',
              reviews: [{ author: viewer, state: 'APPROVED' }],
              body: EXCEPTION_BODY,
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
  const patched = parseVersion(PATCHED_RELEASE)!;
  const patchedBranch = fillTemplate(config.naming.releaseBranch, patched);
  const patchedTag = fillTemplate(config.naming.patchReleaseTag, patched);
  const supportRepos: FakeRepo[] = [...new Set([config.github.releaseRepo, ...config.supportRepos])].map((repo) => ({
    name: repo,
    branches: {
      main: { oid: fakeSha(`${repo}-main`), date: now - DAY, checks: [] },
      [releaseBranch]: { oid: fakeSha(`${repo}-rel`), date: now - 2 * DAY, checks: [] },
      ...(repo === config.github.releaseRepo ? { [patchedBranch]: { oid: fakeSha(`${repo}-r03`), date: now - 30 * DAY, checks: [] } } : {}),
    },
    tags: [
      { name: 'release-0.3', oid: fakeSha(`${repo}-r03`) },
      // The release the demo hotfix patches.
      ...(repo === config.github.releaseRepo ? [{ name: patchedTag, oid: fakeSha(`${repo}-r031`) }] : []),
      // The release repository's RC tag ran its RC E2E workflow: images checked, the Prow job started.
      ...(repo === config.github.releaseRepo ? [rcE2eTriggerTag(config, now - 8 * HOUR - HOUR)] : []),
    ],
    releases: [],
    pullRequests: [],
    // The release repository's manifest: main names the next release; the release branch this one, at its RCs;
    // release 0.3's branch and its v0.3.1 tag the combination the hotfix patches.
    ...(repo === config.github.releaseRepo
      ? {
          files: {
            main: { 'RELEASE_MANIFEST.yaml': manifestYaml(`${version.major}.${version.minor + 1}`, 'main', NEXT_VERSIONS) },
            [releaseBranch]: { 'RELEASE_MANIFEST.yaml': demoManifest(config, 'rc') },
            [patchedBranch]: { 'RELEASE_MANIFEST.yaml': patchedManifest(config) },
          },
          tagFiles: { [patchedTag]: { 'RELEASE_MANIFEST.yaml': patchedManifest(config) } },
        }
      : {}),
  }));
  const job = (layer: string): string | undefined => {
    const source = config.layers.find((l) => l.id === layer)?.source;
    return source?.kind === 'prow-job' ? source.job : undefined;
  };
  // After the branch cut the E2E layers read the release branch's jobs: both have runs.
  const runs = (layer: string, state: string, finishedAgo: number, build: number, description?: string): FakeProwRun[] =>
    [job(layer), releaseJobOf(config, layer, version)].flatMap((name, onBranch) =>
      name ? jobRuns(name, state, finishedAgo, build + onBranch * 100, description) : [],
    );
  const jobRuns = (name: string, state: string, finishedAgo: number, build: number, description?: string): FakeProwRun[] => {
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
  // Each component's first release candidate image and chart is built; the GA ones are not yet.
  const manifests = config.components.flatMap((c) => {
    const shipped = DEMO_VERSIONS[c.name];
    if (!shipped) return [];
    const rc = fillTemplate(config.naming.rcImageTag, shipped, 1);
    return [
      // Konflux labels each image with its git tag without the `v`.
      {
        repository: c.image.split('/').slice(1).join('/'),
        tag: rc,
        labelVersion: fillTemplate(config.naming.rcTag, shipped, 1).replace(/^v/, ''),
      },
      { repository: c.chart.split('/').slice(1).join('/'), tag: rc },
    ];
  });
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
      ...rcE2eRuns(config, now),
    ],
  };
}
