import type { AppConfig } from '../../domain/config.js';
import type { EventBody, JournalEvent } from '../../domain/events.js';
import { hotfixStream, releaseStream } from '../../domain/events.js';
import type { LayerResult, LayerState } from '../../domain/status.js';
import { DAY, HOUR, MINUTE, type EpochMs } from '../../domain/time.js';

/**
 * The built-in demo: release v0.4.0 in its stabilisation week (one layer red, one advisory with
 * no source) and a Blocker hotfix open against v0.3.1 whose fix is merged on main but not yet
 * cherry-picked. Times are relative to when the demo starts, so its clocks are live.
 */
export const DEMO_RELEASE = 'v0.4.0';
export const DEMO_HOTFIX = 'HYPERFLEET-901';

export interface DemoWorld {
  readonly release: string;
  readonly viewer: string;
  readonly streams: ReadonlyArray<{ readonly stream: string; readonly events: readonly JournalEvent[] }>;
  results(now: EpochMs): LayerResult[];
}

/** A stable, fake 40-hex commit id per name, so demo evidence looks like the real thing. */
const fakeSha = (seed: string): string =>
  Array.from({ length: 40 }, (_, i) => ((seed.charCodeAt(i % seed.length) * (i + 7)) % 16).toString(16)).join('');

const login = (config: AppConfig, role: string, fallback: string): string => config.roles[role]?.approvers[0] ?? fallback;

export function demoWorld(config: AppConfig, startedAt: EpochMs): DemoWorld {
  const owner = login(config, 'release-owner', 'release-owner');
  const lead = login(config, 'tech-lead', 'tech-lead');
  const qe = login(config, 'qe-owner', 'qe-owner');
  const developer = 'hf-developer';
  let serial = 0;
  const event = (ago: number, actor: string, body: EventBody): JournalEvent =>
    ({ id: `demo-${(serial += 1)}`, at: startedAt - ago, actor, ...body }) as JournalEvent;

  const featureFreeze = startedAt - 2 * DAY - 3 * HOUR;
  const release: JournalEvent[] = [
    event(16 * DAY, owner, {
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
    event(3 * DAY, lead, { type: 'gate-approved', step: 'readiness-review', comment: 'Go for feature freeze' }),
    event(2 * DAY + 3 * HOUR, owner, { type: 'step-completed', step: 'cut-branches' }),
    event(2 * DAY + 2 * HOUR, owner, { type: 'notice-sent', step: 'notice-feature-freeze' }),
    event(2 * DAY + HOUR, owner, { type: 'step-completed', step: 'tag-rc', note: 'api, sentinel, adapter at v0.4.0-rc1' }),
    event(2 * DAY, owner, { type: 'step-completed', step: 'rc-images' }),
    event(2 * DAY - 10 * MINUTE, owner, { type: 'notice-sent', step: 'notice-rc' }),
    event(DAY + 20 * HOUR, owner, { type: 'step-completed', step: 'set-manifest' }),
  ];

  const hotfix: JournalEvent[] = [
    event(20 * HOUR, owner, {
      type: 'hotfix-opened',
      key: DEMO_HOTFIX,
      severity: 'Blocker',
      component: 'hyperfleet-adapter',
      affects: 'v0.3.1',
      summary: 'Adapter stops reporting cluster status after an API restart',
      reportedAt: startedAt - 21 * HOUR,
    }),
    event(19 * HOUR + 30 * MINUTE, owner, { type: 'step-completed', step: 'confirm-severity' }),
    event(19 * HOUR, owner, { type: 'notice-sent', step: 'alert-notice' }),
    event(14 * HOUR, developer, { type: 'step-completed', step: 'rca', note: 'Watch is not re-established after the API pod restarts' }),
    event(3 * HOUR, developer, { type: 'step-completed', step: 'fix-on-main', note: 'openshift-hyperfleet/hyperfleet-adapter#212' }),
  ];

  const results = (now: EpochMs): LayerResult[] => {
    const cell = (layer: string, component: string | null, state: LayerState, finishedAgo: number, detail?: string): LayerResult => ({
      layer,
      component,
      state,
      commit: fakeSha(component ?? `${DEMO_RELEASE}-${layer}`),
      url: `https://prow.example/view/${layer}/${component ?? 'release'}`,
      finishedAt: now - finishedAgo,
      fetchedAt: now,
      source: 'demo',
      ...(detail ? { detail } : {}),
    });
    const perComponent = config.components.flatMap((c, i) => [
      cell('unit', c.name, 'passed', (5 + i) * HOUR),
      cell('integration', c.name, 'passed', (5 + i) * HOUR + 20 * MINUTE),
    ]);
    return [
      ...perComponent,
      cell('e2e-tier0', null, 'passed', 6 * HOUR),
      cell('e2e-tier1', null, 'failed', 6 * HOUR, '2 of 48 tests failed: adapter status sync'),
      cell('e2e-tier2', null, 'passed', 7 * HOUR),
      cell('rosa', null, 'passed', 9 * HOUR),
    ].filter((r) => config.layers.some((l) => l.id === r.layer));
  };

  return {
    release: DEMO_RELEASE,
    viewer: owner,
    streams: [
      { stream: releaseStream(DEMO_RELEASE), events: release },
      { stream: hotfixStream(DEMO_HOTFIX), events: hotfix },
    ],
    results,
  };
}
