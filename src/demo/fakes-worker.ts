// The demo's loopback fakes, in a worker thread so that building GitHub's schema (about half a
// second) and answering requests never holds up a frame of the app. It is the demo's, not the
// fakes': it plays the demo's stories onto the fakes' world, and a story's change is a function,
// which cannot be sent to a worker.
import { parentPort, workerData } from 'node:worker_threads';
import { FakeGitHub } from '../fakes/github/server.js';
import { FakeProw } from '../fakes/prow/server.js';
import { FakeRegistry } from '../fakes/registry/server.js';
import { defaultSlackWorld, FakeSlack } from '../fakes/slack/server.js';
import type { AppConfig } from '../domain/config.js';
import { DEMO_STORIES, type DemoStory } from './scenario.js';
import type { FakeWorld } from '../fakes/world.js';

const { world, config } = workerData as { world: FakeWorld; config: AppConfig };
const github = new FakeGitHub(world);
const prow = new FakeProw(world);
const registry = new FakeRegistry(world);
const slack = new FakeSlack(world.slack ?? defaultSlackWorld());
// Listen at once; the schema is built on the first request (start() would wait for it).
const [githubUrl, prowUrl, registryUrl, slackUrl] = await Promise.all([github.listen(), prow.start(), registry.start(), slack.start()]);
parentPort?.postMessage({ githubUrl, prowUrl, registryUrl, slackUrl });

// A demo event, chosen by the app: every fake answers from the changed world from now on.
parentPort?.on('message', (message: { type: string; now: number; story: DemoStory; index: number }) => {
  if (message.type !== 'advance') return;
  const event = DEMO_STORIES[message.story]?.[message.index];
  if (event?.apply) {
    const next = event.apply(github.world, config, message.now);
    github.world = next;
    prow.world = next;
    registry.world = next;
  }
  parentPort?.postMessage({ type: 'advanced' });
});
