// The demo's loopback fakes, in a worker thread so that building GitHub's schema (about half a
// second) and answering requests never holds up a frame of the app.
import { parentPort, workerData } from 'node:worker_threads';
import { FakeGitHub } from './github/server.js';
import { FakeProw } from './prow/server.js';
import { FakeRegistry } from './registry/server.js';
import type { FakeWorld } from './world.js';

const world = (workerData as { world: FakeWorld }).world;
const github = new FakeGitHub(world);
const prow = new FakeProw(world);
const registry = new FakeRegistry(world);
// Listen at once; the schema is built on the first request (start() would wait for it).
const [githubUrl, prowUrl, registryUrl] = await Promise.all([github.listen(), prow.start(), registry.start()]);
parentPort?.postMessage({ githubUrl, prowUrl, registryUrl });
