import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoTeam } from '../../src/app/demo-team.js';
import { openSession, type Session } from '../../src/app/session.js';
import { releaseStream } from '../../src/domain/events.js';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import { FileJournalStore } from '../../src/journal/file-store.js';
import { LedgerJournalStore } from '../../src/journal/ledger-store.js';
import { GitHubLedgerClient, LEDGER_COMMIT_MUTATION, LEDGER_READ_QUERY } from '../../src/sources/github/ledger-client.js';
import { CLOSED_PORT_ENV } from '../helpers/run-cli.js';
import { bundledConfig, DEMO_NOW } from '../helpers/demo-session.js';

/**
 * The ledger read rides on GitHub's status request: with the ledger on, the session's refresh
 * asks the branch's head beside the status (the sources run at once; the ledger's sync waits for
 * that answer), and reads the branch's history only when the head moved.
 */
const config = bundledConfig();
const LEDGER = { repo: 'hyperfleet-release', branch: 'hyperfleet-tui/ledger' };
let github: FakeGitHub;
let url: string;
let dir: string;
let session: Session | undefined;
beforeEach(async () => {
  github = new FakeGitHub((await demoTeam(config, DEMO_NOW)).fakes, () => DEMO_NOW);
  url = await github.start();
  dir = mkdtempSync(join(tmpdir(), 'hf-ledger-refresh-'));
});
afterEach(async () => {
  await session?.dispose();
  session = undefined;
  await github.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function ciaransSession(): Promise<Session> {
  const env = {
    ...CLOSED_PORT_ENV,
    HYPERFLEET_GITHUB_API: url,
    GITHUB_TOKEN: 'demo-ciaranroche',
    HYPERFLEET_STATE_DIR: join(dir, 'ciaran'),
    HYPERFLEET_LEDGER: `${LEDGER.repo}@${LEDGER.branch}`,
  };
  return openSession({ config, demo: false, env, clock: () => DEMO_NOW });
}

/** @rh-amarin, on their own machine: their own outbox and token, the same branch. */
function amarinsLedger(): LedgerJournalStore {
  const remote = new GitHubLedgerClient({
    baseUrl: url,
    token: 'demo-rh-amarin',
    repository: `${config.github.org}/${LEDGER.repo}`,
    branch: LEDGER.branch,
  });
  return new LedgerJournalStore({
    remote,
    local: new FileJournalStore(join(dir, 'amarin')),
    cacheDir: join(dir, 'amarin-cache'),
    clock: () => DEMO_NOW,
  });
}

/** The documents one refresh sent, by operation name. */
async function refreshSent(s: Session): Promise<string[]> {
  const before = github.received.length;
  await s.controller.refresh();
  return github.received.slice(before).map((q) => /^(query|mutation) (\w+)/.exec(q.query)?.[2] ?? '?');
}

describe('the ledger on GitHub, read beside the status', () => {
  it('nothing changed: a refresh is exactly one request to GitHub, the status with the head, again and again', async () => {
    session = await ciaransSession();
    for (let i = 0; i < 3; i += 1) expect(await refreshSent(session)).toEqual(['HyperfleetStatus']);
    expect(github.invalidQueries).toEqual([]);
    expect(github.received.at(-1)!.variables).toMatchObject({ ledgerRepo: LEDGER.repo, ledgerRef: `refs/heads/${LEDGER.branch}` });
    // Read as of the status request: the header's "read" is fresh.
    expect((await session.ledger!.summary()).readAt).toBe(DEMO_NOW);
  });

  it('r during a refresh: the ledger asks again after GitHub asks again, so the second round is one request too', async () => {
    session = await ciaransSession();
    await session.controller.refresh();
    const before = github.received.length;
    await Promise.all([session.controller.refresh(), session.controller.refresh()]);
    expect(github.received.slice(before).map((q) => /^query (\w+)/.exec(q.query)?.[1])).toEqual(['HyperfleetStatus', 'HyperfleetStatus']);
  });

  it('another machine wrote: the next refresh reads one page after the known head, with only the new commit, and folds it', async () => {
    session = await ciaransSession();
    await session.controller.refresh();
    const shared = (await session.ledger!.summary()).shared;
    const amarin = amarinsLedger();
    const tick = {
      id: 'e-amarin-1',
      at: DEMO_NOW - 1000,
      actor: 'rh-amarin',
      type: 'step-completed',
      step: 'code-freeze',
      note: 'by hand',
    } as const;
    await amarin.append(releaseStream('v0.4.0'), tick);

    const before = github.received.length;
    expect(await refreshSent(session)).toEqual(['HyperfleetStatus', 'HyperfleetLedger']);
    const read = github.received[before + 1]!;
    expect(read.query).toBe(LEDGER_READ_QUERY);
    // A page from the head down, stopping at the head it knew: not the whole ledger (a first read asks 100).
    expect(read.variables).toMatchObject({ first: 20, after: null });
    expect((await session.ledger!.summary()).shared).toBe(shared + 1);
    const step = session.store.getState().releaseState.steps['code-freeze'];
    expect(step).toMatchObject({ by: 'rh-amarin' });
    // And quiet again.
    expect(await refreshSent(session)).toEqual(['HyperfleetStatus']);
  });

  it('an event not yet shared: the refresh pushes it on the head the status request saw, without reading the history', async () => {
    session = await ciaransSession();
    await session.controller.refresh();
    // The push of the tick fails (GitHub down a moment): it stays pending, shared at the next refresh.
    github.fail('500', 1);
    const outcome = await session.controller.toggleTask({ kind: 'release' }, 'code-freeze', 'by hand');
    expect(outcome).toMatchObject({ kind: 'done' });
    expect(await session.ledger!.summary()).toMatchObject({ pending: 1 });
    expect(await refreshSent(session)).toEqual(['HyperfleetStatus', 'HyperfleetLedgerAppend']);
    expect(github.received.at(-1)!.query).toBe(LEDGER_COMMIT_MUTATION);
    expect(await session.ledger!.summary()).toMatchObject({ pending: 0 });
  });
});
