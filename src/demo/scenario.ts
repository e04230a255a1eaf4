import type { AppConfig } from '../domain/config.js';
import type { EventBody } from '../domain/events.js';
import { hotfixStream, releaseStream } from '../domain/events.js';
import type { HotfixState } from '../domain/fold.js';
import { HOUR, MINUTE } from '../domain/time.js';
import { fillTemplate, parseVersion } from '../domain/version.js';
import type { FakePullRequest, FakeWorld } from '../fakes/world.js';
import { rcE2eRun, releaseJobOf } from './rc-e2e-runs.js';
import {
  DEMO_HOTFIX,
  DEMO_RELEASE,
  DEMO_FIX_PR,
  DEMO_VERSIONS,
  demoManifest,
  demoRcCombination,
  konfluxChecks,
  patchedManifest,
} from './world.js';

/**
 * What happens next in the demo's world, one event per keypress (`>`), in two stories: the
 * release walks to GA (the red nightly is fixed, the GA tags are pushed, the images are built);
 * the hotfix walks to its patch (the cherry-pick is merged, QE signs off, the patch is tagged and
 * built). Most events change only what the loopback fakes answer, and the app learns of them the
 * way it learns of the real world, on its next refresh. A colleague's action (QE's sign-off) is a
 * journal event in their name; it waits, with a hint, until what it follows has been done.
 */
export interface DemoEvent {
  readonly title: string;
  /** The change in the world, applied in the fakes' worker. */
  apply?(world: FakeWorld, config: AppConfig, now: number): FakeWorld;
  /** What a colleague records in the journal. */
  readonly colleague?: (config: AppConfig) => { readonly actor: string; readonly stream: string; readonly body: EventBody };
  /** Why this cannot happen yet (what the user must do first), or null. */
  readonly waitsFor?: (hotfixes: readonly HotfixState[]) => string | null;
}

export type DemoStory = 'release' | 'hotfix';

/** Konflux's builds of `tag` in one component's repository reach `state` (running once tagged, passed once pushed). */
function withBuilds(world: FakeWorld, config: AppConfig, component: string, tag: string, state: 'SUCCESS' | 'PENDING', at: number) {
  const repo = repoOf(config, component);
  return {
    ...world,
    repos: world.repos.map((r) =>
      r.name === repo
        ? { ...r, tags: r.tags.map((t) => (t.name === tag ? { ...t, checks: konfluxChecks(component, tag, state, at) } : t)) }
        : r,
    ),
  };
}

const version = parseVersion(DEMO_RELEASE)!;

/** The final sign-off's roles, and what each confirms. */
const FINAL_SIGNOFF = [
  ['qe-owner', 'QE Owner confirmed the final test results and signed off'],
  ['ci-owner', 'CI Owner confirmed the Prow pipeline health and signed off'],
  ['tech-lead', 'Tech Lead approved GA readiness and signed off'],
] as const;

const RELEASE_EVENTS: readonly DemoEvent[] = [
  {
    title: 'the E2E tier1 nightly and the RC E2E were re-run with the fix, and passed',
    apply: (world, config, now) => {
      const source = config.layers.find((l) => l.id === 'e2e-tier1')?.source;
      if (source?.kind !== 'prow-job') return world;
      const jobs = [source.job, releaseJobOf(config, 'e2e-tier1', version)].filter((job): job is string => job !== undefined);
      const nightlies = jobs.map((job, i) => ({
        job,
        state: 'success',
        buildId: `186201${i}`,
        startedAt: now - HOUR,
        finishedAt: now - 60_000,
      }));
      const { versions, e2eRef } = demoRcCombination(config);
      const rcE2e = rcE2eRun(config, versions, e2eRef, { state: 'success', buildId: '1862020', finishedAt: now - 60_000 });
      return { ...world, prowRuns: [...world.prowRuns, ...nightlies, rcE2e] };
    },
  },
  // hyperfleet-release-process.md §1.5 "Final Stakeholder Sign-Off": each role signs, each a different person.
  ...FINAL_SIGNOFF.map(([role, why]): DemoEvent => ({
    title: `the ${why}`,
    colleague: (config) => ({
      actor: config.roles[role]?.approvers[0] ?? role,
      stream: releaseStream(DEMO_RELEASE),
      body: { type: 'gate-approved', step: 'final-signoff', role, comment: why },
    }),
  })),
  {
    title: `the GA tags (${Object.values(DEMO_VERSIONS)
      .map((v) => fillTemplate('v{version}', v))
      .join(', ')}) were pushed, each in its component; Konflux is building them`,
    apply: (world, config, now) => {
      const tagOf = new Map(
        shipped(config).map(({ component, version }) => [component.repo, fillTemplate(config.naming.componentTag, version)]),
      );
      const tagged = {
        ...world,
        repos: world.repos.map((r) => {
          const tag = tagOf.get(r.name);
          return tag ? { ...r, tags: [{ name: tag, oid: `${r.name}-ga`.padEnd(40, '0'), at: now - 60_000 }, ...r.tags] } : r;
        }),
      };
      return builtEach(tagged, config, 'PENDING', now - 30_000);
    },
  },
  {
    title: 'the GA images and charts were built and pushed to the registry',
    apply: (world, config, now) => {
      const path = (location: string) => location.split('/').slice(1).join('/');
      const built = shipped(config).flatMap(({ component: c, version }) => [
        {
          repository: path(c.image),
          tag: fillTemplate(config.naming.imageTag, version),
          labelVersion: fillTemplate(config.naming.componentTag, version).replace(/^v/, ''),
        },
        { repository: path(c.chart), tag: fillTemplate('{version}', version) },
      ]);
      return { ...builtEach(world, config, 'SUCCESS', now - 60_000), manifests: [...(world.manifests ?? []), ...built] };
    },
  },
  {
    title: `RELEASE_MANIFEST.yaml on ${fillTemplate('release-{major}.{minor}', version)} was set to the GA versions`,
    apply: (world, config) => withManifest(world, config, fillTemplate(config.naming.releaseBranch, version), demoManifest(config, 'ga')),
  },
];

/** The demo release's components, each with the version it ships. */
const shipped = (config: AppConfig) =>
  config.components.flatMap((component) => (DEMO_VERSIONS[component.name] ? [{ component, version: DEMO_VERSIONS[component.name]! }] : []));

/** Konflux's builds of each component's own GA tag reach `state`. */
const builtEach = (world: FakeWorld, config: AppConfig, state: 'SUCCESS' | 'PENDING', at: number): FakeWorld =>
  shipped(config).reduce(
    (w, { component, version }) => withBuilds(w, config, component.name, fillTemplate(config.naming.componentTag, version), state, at),
    world,
  );

/** The demo hotfix's component, affected release and patch. */
const ADAPTER = 'hyperfleet-adapter';
const PATCH = { major: 0, minor: 3, patch: 2, rc: null };

const demoHotfix = (hotfixes: readonly HotfixState[]) => hotfixes.find((h) => h.key === DEMO_HOTFIX);
const stepDone = (hotfixes: readonly HotfixState[], step: string): boolean => demoHotfix(hotfixes)?.steps[step] !== undefined;

function withPullRequest(world: FakeWorld, repo: string, change: (prs: readonly FakePullRequest[]) => FakePullRequest[]): FakeWorld {
  return { ...world, repos: world.repos.map((r) => (r.name === repo ? { ...r, pullRequests: change(r.pullRequests) } : r)) };
}

const CHERRY_PICK = DEMO_FIX_PR + 3;

const HOTFIX_EVENTS: readonly DemoEvent[] = [
  {
    title: `the cherry-pick of #${DEMO_FIX_PR} onto release-0.3 was opened as #${CHERRY_PICK} (CI running, review required)`,
    apply: (world, config, now) =>
      withPullRequest(world, repoOf(config, ADAPTER), (prs) => [
        {
          number: CHERRY_PICK,
          title: `[release-0.3] ${DEMO_HOTFIX}: re-establish the status watch after an API restart`,
          headRefName: `cherry-pick-${DEMO_FIX_PR}-to-release-0.3`,
          baseRefName: 'release-0.3',
          labels: ['cherry-pick'],
          state: 'OPEN',
          createdAt: now - MINUTE,
          changedFiles: 3,
          reviewDecision: 'REVIEW_REQUIRED',
          checks: 'PENDING',
        },
        ...prs,
      ]),
  },
  {
    title: `#${CHERRY_PICK} passed CI, was approved, and merged into release-0.3`,
    apply: (world, config, now) =>
      withPullRequest(world, repoOf(config, ADAPTER), (prs) =>
        prs.map((pr) =>
          pr.number === CHERRY_PICK
            ? { ...pr, state: 'MERGED', mergedAt: now - MINUTE, reviewDecision: 'APPROVED', checks: 'SUCCESS' }
            : pr,
        ),
      ),
  },
  {
    title: `${fillTemplate('v{version}', PATCH)} was tagged on release-0.3 of ${ADAPTER}; Konflux is building it`,
    apply: (world, config, now) => {
      const tag = fillTemplate(config.naming.componentTag, PATCH);
      const tagged = {
        ...world,
        repos: world.repos.map((r) =>
          r.name === repoOf(config, ADAPTER) ? { ...r, tags: [{ name: tag, oid: 'a'.repeat(40), at: now - MINUTE }, ...r.tags] } : r,
        ),
      };
      return withBuilds(tagged, config, ADAPTER, tag, 'PENDING', now - 30_000);
    },
  },
  {
    title: `the ${ADAPTER} ${fillTemplate('{version}', PATCH)} image was built and pushed`,
    apply: (world, config, now) => {
      const image = config.components.find((c) => c.name === ADAPTER)!.image;
      const built = {
        repository: image.split('/').slice(1).join('/'),
        tag: fillTemplate(config.naming.imageTag, PATCH),
        labelVersion: fillTemplate(config.naming.componentTag, PATCH).replace(/^v/, ''),
      };
      const passed = withBuilds(world, config, ADAPTER, fillTemplate(config.naming.componentTag, PATCH), 'SUCCESS', now - MINUTE);
      return { ...passed, manifests: [...(world.manifests ?? []), built] };
    },
  },
  {
    title: `QE validated the ${ADAPTER} ${fillTemplate('{version}', PATCH)} image and signed off`,
    waitsFor: (hotfixes) =>
      stepDone(hotfixes, 'qe-handoff') ? null : 'QE signs off once the handoff is sent (H shows it; send it from the Notices screen, 5)',
    colleague: (config) => ({
      actor: config.roles['qe-owner']?.approvers[0] ?? 'qe-owner',
      stream: hotfixStream(DEMO_HOTFIX),
      body: {
        type: 'gate-approved',
        step: 'qe-signoff',
        comment: `Status sync survives API restarts on the ${fillTemplate('{version}', PATCH)} image`,
      },
    }),
  },
  {
    title: `the manifest on release-0.3 bumped ${ADAPTER} to ${fillTemplate('v{version}', PATCH)}, and nothing else`,
    apply: (world, config) =>
      withManifest(
        world,
        config,
        fillTemplate(config.naming.releaseBranch, PATCH),
        patchedManifest(config, { [ADAPTER]: fillTemplate(config.naming.componentTag, PATCH) }),
      ),
  },
  {
    title: `${fillTemplate('release-{major}.{minor}.{patch}', PATCH)} was tagged in the release repository`,
    apply: (world, config, now) => ({
      ...world,
      repos: world.repos.map((r) =>
        r.name === config.github.releaseRepo
          ? { ...r, tags: [{ name: fillTemplate(config.naming.patchReleaseTag, PATCH), oid: 'b'.repeat(40), at: now - MINUTE }, ...r.tags] }
          : r,
      ),
    }),
  },
];

/** The release repository's RELEASE_MANIFEST.yaml on `branch` is now `text`. */
function withManifest(world: FakeWorld, config: AppConfig, branch: string, text: string): FakeWorld {
  return {
    ...world,
    repos: world.repos.map((r) =>
      r.name === config.github.releaseRepo
        ? { ...r, files: { ...r.files, [branch]: { ...r.files?.[branch], 'RELEASE_MANIFEST.yaml': text } } }
        : r,
    ),
  };
}

function repoOf(config: AppConfig, component: string): string {
  return config.components.find((c) => c.name === component)?.repo ?? component;
}

export const DEMO_STORIES: Readonly<Record<DemoStory, readonly DemoEvent[]>> = { release: RELEASE_EVENTS, hotfix: HOTFIX_EVENTS };
