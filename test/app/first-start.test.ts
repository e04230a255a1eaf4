import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoTeam } from '../../src/app/demo-team.js';
import { openSession } from '../../src/app/session.js';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import { CLOSED_PORT_ENV } from '../helpers/run-cli.js';
import { bundledConfig, DEMO_NOW } from '../helpers/demo-session.js';

/**
 * A first start on a machine whose release is on the ledger only (a sandbox's person, a new
 * colleague): the ledger is named by HYPERFLEET_LEDGER, and its first read waits for what the
 * interactive app says fetch is ready (it hides fetch while Ink loads).
 */
let github: FakeGitHub;
let stateDir: string;
beforeEach(async () => {
  github = new FakeGitHub((await demoTeam(bundledConfig(), DEMO_NOW)).fakes, () => DEMO_NOW);
  stateDir = mkdtempSync(join(tmpdir(), 'hf-first-start-'));
});
afterEach(async () => {
  await github.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('a first start with the release on the ledger only', () => {
  it('reads the release off the ledger HYPERFLEET_LEDGER names, once fetchReady has resolved, and not before', async () => {
    const env = {
      ...CLOSED_PORT_ENV,
      HYPERFLEET_GITHUB_API: await github.start(),
      GITHUB_TOKEN: 'demo-ciaranroche',
      HYPERFLEET_STATE_DIR: stateDir,
      HYPERFLEET_LEDGER: 'hyperfleet-release@hyperfleet-tui/ledger',
    };
    let ready: () => void = () => {};
    const fetchReady = new Promise<void>((resolve) => (ready = resolve));
    const opening = openSession({ config: bundledConfig(), demo: false, env, clock: () => DEMO_NOW, fetchReady });
    await new Promise((r) => setTimeout(r, 200));
    expect(github.requestCount).toBe(0);
    ready();
    const session = await opening;
    expect(session.store.getState().release).toBe('v0.4.0');
    expect(session.journal.describe()).toMatch(/^shared on openshift-hyperfleet\/hyperfleet-release@hyperfleet-tui\/ledger, outbox /);
    expect(github.requestCount).toBe(1);
    await session.dispose();
  });
});
