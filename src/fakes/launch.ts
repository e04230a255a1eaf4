import { Worker } from 'node:worker_threads';
import { findUp } from '../app/paths.js';
import type { FakeWorld } from './world.js';

export interface RunningFakes {
  readonly githubUrl: Promise<string>;
  readonly prowUrl: Promise<string>;
  readonly registryUrl: Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts the fake GitHub, Prow and registry servers on 127.0.0.1 in a worker thread (the built
 * dist/fakes-worker.js). Returns at once; the URLs resolve when the servers listen.
 */
export function launchFakes(world: FakeWorld): RunningFakes {
  const script = findUp('dist/fakes-worker.js');
  if (!script) throw new Error('dist/fakes-worker.js is missing: run `npm run build`');
  const worker = new Worker(script, { workerData: { world } });
  worker.unref();
  const ready = new Promise<{ githubUrl: string; prowUrl: string; registryUrl: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the demo's fake servers stopped (exit ${code})`)));
  });
  ready.catch(() => {}); // a failure surfaces through the sources that await the URLs
  return {
    githubUrl: ready.then((r) => r.githubUrl),
    prowUrl: ready.then((r) => r.prowUrl),
    registryUrl: ready.then((r) => r.registryUrl),
    stop: async () => {
      await worker.terminate();
    },
  };
}
