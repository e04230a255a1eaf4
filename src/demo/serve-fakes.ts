import { FakeGitHub } from '../fakes/github/server.js';
import { FakeProw } from '../fakes/prow/server.js';
import { FakeRegistry } from '../fakes/registry/server.js';
import { defaultSlackWorld, FakeSlack } from '../fakes/slack/server.js';
import type { AppConfig } from '../domain/config.js';
import type { FakeWorld } from '../fakes/world.js';
import { DEMO_STORIES, type DemoStory } from './scenario.js';

export interface FakeUrls {
  readonly githubUrl: string;
  readonly prowUrl: string;
  readonly registryUrl: string;
  readonly slackUrl: string;
}

export interface ServedFakes {
  readonly urls: FakeUrls;
  /** Applies a demo event's change: every fake answers from the changed world from now on. */
  advance(now: number, story: DemoStory, index: number): void;
  stop(): Promise<void>;
}

/**
 * The demo's fake GitHub, Prow, registry and Slack servers on 127.0.0.1, in the thread that calls
 * it: the worker's (launch-fakes.ts) or, for a command that draws no frames, the app's.
 */
export async function serveFakes(world: FakeWorld, config: AppConfig): Promise<ServedFakes> {
  const github = new FakeGitHub(world);
  const prow = new FakeProw(world);
  const registry = new FakeRegistry(world);
  const slack = new FakeSlack(world.slack ?? defaultSlackWorld());
  const [githubUrl, prowUrl, registryUrl, slackUrl] = await Promise.all([github.start(), prow.start(), registry.start(), slack.start()]);
  return {
    urls: { githubUrl, prowUrl, registryUrl, slackUrl },
    advance: (now, story, index) => {
      const event = DEMO_STORIES[story]?.[index];
      if (!event?.apply) return;
      const next = event.apply(github.world, config, now);
      github.world = next;
      prow.world = next;
      registry.world = next;
    },
    stop: async () => {
      await Promise.all([github.stop(), prow.stop(), registry.stop(), slack.stop()]);
    },
  };
}
