import { Worker } from 'node:worker_threads';
import { findUp } from '../find-up.js';
import type { AppConfig } from '../domain/config.js';
import type { FakeWorld } from '../fakes/world.js';
import type { DemoStory } from './scenario.js';
import type { FakeUrls } from './serve-fakes.js';

export interface RunningFakes {
  readonly githubUrl: PromiseLike<string>;
  readonly prowUrl: PromiseLike<string>;
  readonly registryUrl: PromiseLike<string>;
  readonly slackUrl: PromiseLike<string>;
  /** Applies a demo event's change to the world the fakes answer from. */
  advance(now: number, story: DemoStory, index: number): Promise<void>;
  stop(): Promise<void>;
}

/** The fakes' worker thread, started before the world it will serve is known. */
export interface FakesWorker {
  /** Gives the worker its world: the servers listen, and the URLs resolve, once it has it. */
  serve(world: FakeWorld, config: AppConfig): RunningFakes;
}

const urlsOf = (ready: Promise<FakeUrls>): Omit<RunningFakes, 'advance' | 'stop'> => ({
  githubUrl: ready.then((r) => r.githubUrl),
  prowUrl: ready.then((r) => r.prowUrl),
  registryUrl: ready.then((r) => r.registryUrl),
  slackUrl: ready.then((r) => r.slackUrl),
});

/**
 * The fakes in this thread: for a command that draws no frames, a worker's start-up (its own Node
 * environment, and every module loaded twice) would cost more than answering here. Loaded on
 * demand, so graphql and the fakes load only for the demo.
 */
export function fakesInThisThread(world: FakeWorld, config: AppConfig): RunningFakes {
  const served = import('./serve-fakes.js').then(({ serveFakes }) => serveFakes(world, config));
  served.catch(() => {}); // a failure surfaces through the sources that await the URLs
  return {
    ...urlsOf(served.then((s) => s.urls)),
    advance: async (now, story, index) => (await served).advance(now, story, index),
    stop: async () => (await served).stop(),
  };
}

/**
 * Starts the worker (the built dist/fakes-worker.js) that will run the fake GitHub, Prow, registry
 * and Slack servers, for the interactive app. It starts first thing: a worker's Node environment,
 * graphql and GitHub's schema load meanwhile the app reads its configuration and builds the demo
 * world.
 */
export function startFakesWorker(): FakesWorker {
  const script = findUp('dist/fakes-worker.js');
  if (!script) throw new Error('dist/fakes-worker.js is missing: run `npm run build`');
  const worker = new Worker(script);
  const ready = new Promise<FakeUrls>((resolve, reject) => {
    worker.once('message', (message: FakeUrls) => resolve(message));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the demo's fake servers stopped (exit ${code})`)));
  });
  ready.catch(() => {}); // a failure surfaces through the sources that await the URLs
  // Not waited for until it serves: a command that fails before (a bad configuration) exits.
  // (After the listeners: a 'message' listener holds the process again.)
  worker.unref();
  return {
    serve: (world, config) => {
      worker.ref();
      ready.then(
        () => worker.unref(),
        () => {},
      );
      worker.postMessage({ type: 'serve', world, config });
      return {
        ...urlsOf(ready),
        advance: async (now, story, index) => {
          await ready;
          const answer = new Promise<void>((resolve) => worker.once('message', () => resolve()));
          worker.postMessage({ type: 'advance', now, story, index });
          return answer;
        },
        stop: async () => {
          await worker.terminate();
        },
      };
    },
  };
}
