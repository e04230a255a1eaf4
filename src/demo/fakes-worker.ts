// The demo's loopback fakes, in a worker thread so that answering requests (parsing, validating
// and executing GraphQL) never holds up a frame of the app. It is the demo's, not the fakes': it
// plays the demo's stories onto the fakes' world, and a story's change is a function, which
// cannot be sent to a worker.
import { once } from 'node:events';
import { parentPort } from 'node:worker_threads';
import { FakeGitHub } from '../fakes/github/server.js';
import { publishedSchema } from '../fakes/github/schema.js';
import { FakeProw } from '../fakes/prow/server.js';
import { FakeRegistry } from '../fakes/registry/server.js';
import { defaultSlackWorld, FakeSlack } from '../fakes/slack/server.js';
import type { AppConfig } from '../domain/config.js';
import { DEMO_STORIES, type DemoStory } from './scenario.js';
import type { FakeWorld } from '../fakes/world.js';

type Message = { type: 'serve'; world: FakeWorld; config: AppConfig } | { type: 'advance'; now: number; story: DemoStory; index: number };

const port = parentPort!;
// Started before the app knows the world (launch-fakes.ts): read GitHub's schema while it builds it.
publishedSchema();
const [serve] = (await once(port, 'message')) as [Extract<Message, { type: 'serve' }>];
const { world, config } = serve;
const github = new FakeGitHub(world);
const prow = new FakeProw(world);
const registry = new FakeRegistry(world);
const slack = new FakeSlack(world.slack ?? defaultSlackWorld());
const [githubUrl, prowUrl, registryUrl, slackUrl] = await Promise.all([github.start(), prow.start(), registry.start(), slack.start()]);
port.postMessage({ githubUrl, prowUrl, registryUrl, slackUrl });

// A demo event, chosen by the app: every fake answers from the changed world from now on.
port.on('message', (message: Message) => {
  if (message.type !== 'advance') return;
  const event = DEMO_STORIES[message.story]?.[message.index];
  if (event?.apply) {
    const next = event.apply(github.world, config, message.now);
    github.world = next;
    prow.world = next;
    registry.world = next;
  }
  port.postMessage({ type: 'advanced' });
});
