import { Worker } from 'node:worker_threads';
import { findUp } from '../find-up.js';
import type { AppConfig } from '../domain/config.js';
import type { FakeWorld } from '../fakes/world.js';
import type { DemoStory } from './scenario.js';

export interface RunningFakes {
  readonly githubUrl: PromiseLike<string>;
  readonly prowUrl: PromiseLike<string>;
  readonly registryUrl: PromiseLike<string>;
  readonly slackUrl: PromiseLike<string>;
  /** Applies a demo event's change to the world the fakes answer from. */
  advance(now: number, story: DemoStory, index: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The same, started only when a URL is first awaited: the worker and its servers cost nothing
 * until the first refresh, which the app makes after its first frame.
 */
export function launchFakesOnDemand(world: FakeWorld, config: AppConfig): RunningFakes {
  let running: RunningFakes | null = null;
  const start = (): RunningFakes => (running ??= launchFakes(world, config));
  const later = (pick: (r: RunningFakes) => PromiseLike<string>): PromiseLike<string> => ({
    then: (onFulfilled, onRejected) => pick(start()).then(onFulfilled, onRejected),
  });
  return {
    githubUrl: later((r) => r.githubUrl),
    prowUrl: later((r) => r.prowUrl),
    registryUrl: later((r) => r.registryUrl),
    slackUrl: later((r) => r.slackUrl),
    advance: (now, story, index) => start().advance(now, story, index),
    stop: async () => running?.stop(),
  };
}

/**
 * Starts the fake GitHub, Prow, registry and Slack servers on 127.0.0.1 in a worker thread (the built
 * dist/fakes-worker.js). Returns at once; the URLs resolve when the servers listen.
 */
export function launchFakes(world: FakeWorld, config: AppConfig): RunningFakes {
  const script = findUp('dist/fakes-worker.js');
  if (!script) throw new Error('dist/fakes-worker.js is missing: run `npm run build`');
  const worker = new Worker(script, { workerData: { world, config } });
  worker.unref();
  type Urls = { githubUrl: string; prowUrl: string; registryUrl: string; slackUrl: string };
  const ready = new Promise<Urls>((resolve, reject) => {
    worker.once('message', (message: Urls) => resolve(message));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the demo's fake servers stopped (exit ${code})`)));
  });
  ready.catch(() => {}); // a failure surfaces through the sources that await the URLs
  return {
    githubUrl: ready.then((r) => r.githubUrl),
    prowUrl: ready.then((r) => r.prowUrl),
    registryUrl: ready.then((r) => r.registryUrl),
    slackUrl: ready.then((r) => r.slackUrl),
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
}
