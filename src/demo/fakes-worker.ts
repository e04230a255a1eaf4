// The demo's loopback fakes in a worker thread, for the interactive app: answering requests
// (parsing, validating and executing GraphQL) there never holds up a frame. It is the demo's, not
// the fakes': it plays the demo's stories onto the fakes' world, and a story's change is a
// function, which cannot be sent to a worker.
import { once } from 'node:events';
import { parentPort } from 'node:worker_threads';
import { publishedSchema } from '../fakes/github/schema.js';
import type { AppConfig } from '../domain/config.js';
import type { FakeWorld } from '../fakes/world.js';
import type { DemoStory } from './scenario.js';
import { serveFakes } from './serve-fakes.js';

type Message = { type: 'serve'; world: FakeWorld; config: AppConfig } | { type: 'advance'; now: number; story: DemoStory; index: number };

const port = parentPort!;
// Started before the app has built the world (launch-fakes.ts): read GitHub's schema meanwhile.
publishedSchema();
const [{ world, config }] = (await once(port, 'message')) as [Extract<Message, { type: 'serve' }>];
const fakes = await serveFakes(world, config);
port.postMessage(fakes.urls);

port.on('message', (message: Message) => {
  if (message.type !== 'advance') return;
  fakes.advance(message.now, message.story, message.index);
  port.postMessage({ type: 'advanced' });
});
