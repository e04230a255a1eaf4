import type { AppConfig } from '../domain/config.js';
import { HOUR } from '../domain/time.js';
import { fillTemplate, parseVersion } from '../domain/version.js';
import type { FakeWorld } from '../fakes/world.js';
import { DEMO_RELEASE } from './world.js';

/**
 * What happens next in the demo's world, one event per keypress (`>`), so a newcomer can walk the
 * release to GA: the red nightly is fixed, then the GA tags are pushed, then the images and
 * charts are built. Each event changes only what the loopback fakes answer; the app learns of it
 * the way it learns of the real world, on its next refresh.
 */
export interface DemoEvent {
  readonly title: string;
  apply(world: FakeWorld, config: AppConfig, now: number): FakeWorld;
}

const version = parseVersion(DEMO_RELEASE)!;

export const DEMO_EVENTS: readonly DemoEvent[] = [
  {
    title: 'the E2E tier1 nightly was re-run with the fix, and passed',
    apply: (world, config, now) => {
      const source = config.layers.find((l) => l.id === 'e2e-tier1')?.source;
      if (source?.kind !== 'prow-job') return world;
      const run = { job: source.job, state: 'success', buildId: '1862010', startedAt: now - HOUR, finishedAt: now - 60_000 };
      return { ...world, prowRuns: [...world.prowRuns, run] };
    },
  },
  {
    title: `the GA tags (${fillTemplate('v{version}', version)}) were pushed in every component`,
    apply: (world, config, now) => {
      const tag = fillTemplate(config.naming.componentTag, version);
      const repos = new Set(config.components.map((c) => c.repo));
      return {
        ...world,
        repos: world.repos.map((r) =>
          repos.has(r.name) ? { ...r, tags: [{ name: tag, oid: `${r.name}-ga`.padEnd(40, '0'), at: now - 60_000 }, ...r.tags] } : r,
        ),
      };
    },
  },
  {
    title: 'the GA images and charts were built and pushed to the registry',
    apply: (world, config) => {
      const tag = fillTemplate(config.naming.imageTag, version);
      const chartVersion = fillTemplate('{version}', version);
      const path = (location: string) => location.split('/').slice(1).join('/');
      const built = config.components.flatMap((c) => [
        { repository: path(c.image), tag },
        { repository: path(c.chart), tag: chartVersion },
      ]);
      return { ...world, manifests: [...(world.manifests ?? []), ...built] };
    },
  },
];
