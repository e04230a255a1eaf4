import { validate } from '@octokit/graphql-schema';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventBody, JournalEvent } from '../../src/domain/events.js';
import { JournalRefusal } from '../../src/domain/journal-store.js';
import type { LedgerRemote } from '../../src/domain/ledger.js';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import { FileJournalStore } from '../../src/journal/file-store.js';
import { LedgerJournalStore } from '../../src/journal/ledger-store.js';
import { encodeEvent } from '../../src/journal/codec.js';
import {
  GitHubLedgerClient,
  LEDGER_BRANCH_MUTATION,
  LEDGER_COMMIT_MUTATION,
  LEDGER_READ_QUERY,
} from '../../src/sources/github/ledger-client.js';
import { configWithComponents, greenWorld, T0 } from '../helpers/fake-world.js';
import { claimAt, foldStepClaims, STEP_LEASE_MS } from '../../src/domain/step-claims.js';

/** Two people, each on their own machine (state directory), one fake GitHub; the ledger is a branch of c0. */
const config = configWithComponents(1);
const STREAM = 'release-v0.4.0';
let fake: FakeGitHub;
let url: string;
let dirs: string[] = [];
let clock = T0;

beforeEach(async () => {
  clock = T0;
  fake = new FakeGitHub({ ...greenWorld(config), logins: { 'token-amarin': 'rh-amarin', 'token-ciaran': 'ciaranroche' } }, () => clock);
  url = await fake.start();
});
afterEach(async () => {
  await fake.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

interface Person {
  readonly store: LedgerJournalStore;
  readonly local: FileJournalStore;
  readonly client: GitHubLedgerClient;
  readonly dir: string;
}

/** `beforeWrite`: awaited before each commit is sent, so a test can let the other person write first. */
function person(token: string, dir = mkdtempSync(join(tmpdir(), 'hf-ledger-')), beforeWrite?: () => Promise<unknown>): Person {
  if (!dirs.includes(dir)) dirs.push(dir);
  const client = new GitHubLedgerClient({
    baseUrl: url,
    token,
    repository: `${greenWorld(config).org}/c0`,
    branch: 'hyperfleet-tui/ledger',
  });
  const remote: LedgerRemote = {
    describe: () => client.describe(),
    read: (since) => client.read(since),
    write: async (head, commit) => {
      await beforeWrite?.();
      return client.write(head, commit);
    },
  };
  const local = new FileJournalStore(join(dir, 'journal'));
  const store = new LedgerJournalStore({ remote, local, cacheDir: join(dir, 'ledger'), clock: () => clock, sleep: async () => {} });
  return { store, local, client, dir };
}

let n = 0;
const event = (actor: string, body: EventBody, at = clock): JournalEvent =>
  ({ id: `e${(n += 1)}-${actor}`, at, actor, ...body }) as JournalEvent;
const approve = (actor: string) => event(actor, { type: 'gate-approved', step: 'release-gate', comment: 'green' });
const tick = (actor: string, step: string) => event(actor, { type: 'step-completed', step });
const idsOn = async (who: Person) => (await who.store.read(STREAM, clock)).events.map((e) => e.id);

/** @rh-amarin has read the branch and is about to write; @ciaranroche's `first` lands before that write. */
async function race(first: JournalEvent, second: JournalEvent) {
  const ciaran = person('token-ciaran');
  let ciaranWrote: Promise<unknown> = Promise.resolve();
  let armed = false;
  const amarin = person('token-amarin', undefined, () => {
    if (armed) ciaranWrote = ciaran.store.append(STREAM, first);
    armed = false;
    return ciaranWrote;
  });
  await amarin.store.append(STREAM, tick('rh-amarin', 'cut-branch'));
  armed = true;
  const outcome = await amarin.store.append(STREAM, second).then(
    () => 'recorded',
    (error: Error) => error,
  );
  await Promise.all([amarin.store.sync(), ciaran.store.sync()]);
  return { amarin, ciaran, outcome };
}

describe('the shared ledger on a GitHub branch', () => {
  it.each([
    ['read', LEDGER_READ_QUERY],
    ['commit', LEDGER_COMMIT_MUTATION],
    ['branch', LEDGER_BRANCH_MUTATION],
  ])("its %s document validates against GitHub's schema", (_, document) => {
    expect(validate(document).map((e) => e.message)).toEqual([]);
  });

  it("makes the branch on the first write, and the other person's next read brings the event, attributed to its author", async () => {
    const amarin = person('token-amarin');
    const ciaran = person('token-ciaran');
    const ticked = tick('rh-amarin', 'cut-branch');
    await amarin.store.append(STREAM, ticked);
    expect(fake.invalidQueries).toEqual([]);
    expect(fake.git.history('c0', 'hyperfleet-tui/ledger').map((c) => [c.author, c.files[`${STREAM}/${ticked.id}.json`]])).toEqual([
      ['rh-amarin', `${encodeEvent(ticked)}\n`],
    ]);
    expect(await ciaran.store.sync()).toBe(true);
    expect(await idsOn(ciaran)).toEqual([ticked.id]);
    expect(await ciaran.store.summary()).toMatchObject({ shared: 1, pending: 0 });
  });

  it('two people approving the same gate at the same moment: one approval recorded, the other told who was first', async () => {
    const theirs = approve('ciaranroche');
    clock += 4_000;
    const { amarin, ciaran, outcome } = await race(theirs, approve('rh-amarin'));
    expect(outcome).toBeInstanceOf(JournalRefusal);
    expect((outcome as Error).message).toBe('Not recorded: @ciaranroche approved it 4s ago.');
    for (const who of [amarin, ciaran]) {
      const approvals = (await who.store.read(STREAM, clock)).events.filter((e) => e.type === 'gate-approved');
      expect(approvals.map((e) => e.actor)).toEqual(['ciaranroche']);
    }
    expect(fake.git.history('c0', 'hyperfleet-tui/ledger').filter((c) => c.headline.includes('gate-approved'))).toHaveLength(1);
  });

  it('a write that loses the race to an unrelated event is retried and lands after it, in the same order on both machines', async () => {
    const theirs = tick('ciaranroche', 'rc-tag');
    const ours = tick('rh-amarin', 'rc-images');
    const { amarin, ciaran, outcome } = await race(theirs, ours);
    expect(outcome).toBe('recorded');
    expect((await idsOn(amarin)).slice(1)).toEqual([theirs.id, ours.id]);
    expect(await idsOn(ciaran)).toEqual(await idsOn(amarin));
  });

  it('killed between the local write and the push: the next start shares the event exactly once', async () => {
    const first = person('token-amarin');
    const ticked = tick('rh-amarin', 'cut-branch');
    // What the outbox holds when the process died after the fsync, before the commit.
    await first.local.append(STREAM, ticked);
    const restarted = person('token-amarin', first.dir);
    expect(await restarted.store.summary()).toMatchObject({ pending: 1 });
    await restarted.store.sync();
    await restarted.store.sync();
    const again = person('token-amarin', first.dir);
    await again.store.sync();
    expect(fake.git.history('c0', 'hyperfleet-tui/ledger').map((c) => c.headline)).toEqual([
      `hyperfleet-tui event: ${STREAM} step-completed ${ticked.id}`,
    ]);
    expect(await again.store.summary()).toMatchObject({ shared: 1, pending: 0 });
  });

  it('offline for several refreshes, then back: every pending event is shared, in order, nothing twice; a decision is refused offline', async () => {
    const amarin = person('token-amarin');
    await amarin.store.sync();
    fake.fail('502', 20);
    const ticks = [tick('rh-amarin', 'a'), tick('rh-amarin', 'b'), tick('rh-amarin', 'c')];
    for (const t of ticks) await amarin.store.append(STREAM, t);
    await expect(amarin.store.sync()).rejects.toThrow();
    expect(await amarin.store.summary()).toMatchObject({ pending: 3 });
    const refusal = await amarin.store.append(STREAM, approve('rh-amarin')).catch((e: Error) => e);
    expect(refusal).toBeInstanceOf(JournalRefusal);
    expect((refusal as Error).message).toMatch(/cannot be reached .*a decision for the team is recorded only once it is shared/);
    expect(await idsOn(amarin)).toEqual(ticks.map((t) => t.id));
    fake.clearFaults();
    await amarin.store.sync();
    await amarin.store.sync();
    const shared = [...fake.git.history('c0', 'hyperfleet-tui/ledger')].reverse();
    expect(shared.map((c) => c.headline.split(' ').at(-1))).toEqual(ticks.map((t) => t.id));
    expect(await amarin.store.summary()).toMatchObject({ shared: 3, pending: 0 });
  });

  it('a tick made offline and replayed after a restart is judged against what arrived since it was made, whatever the clocks say', async () => {
    const amarin = person('token-amarin');
    await amarin.store.append(STREAM, tick('rh-amarin', 'rc-tag'));
    fake.fail('502', 20);
    clock += 10_000;
    const ours = tick('rh-amarin', 'cut-branch');
    await amarin.store.append(STREAM, ours);
    fake.clearFaults();
    // The colleague's clock is 10 s behind: the same tick, shared after ours was made, dated before it.
    const ciaran = person('token-ciaran');
    await ciaran.store.append(STREAM, event('ciaranroche', { type: 'step-completed', step: 'cut-branch' }, clock - 5_000));
    const restarted = person('token-amarin', amarin.dir);
    await restarted.store.sync();
    const ticks = fake.git.history('c0', 'hyperfleet-tui/ledger').filter((c) => c.body.includes('"cut-branch"'));
    expect(ticks.map((c) => c.author)).toEqual(['ciaranroche']);
    const { warnings } = await restarted.store.read(STREAM, clock);
    expect(warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/^step-completed by @rh-amarin was not shared: @ciaranroche ticked it/),
    );
  });

  it("an event pushed by one login in another's name is shown invalid and never counted, on every machine", async () => {
    const amarin = person('token-amarin');
    const ciaran = person('token-ciaran');
    await amarin.store.append(STREAM, tick('rh-amarin', 'cut-branch'));
    const forged = approve('ciaranroche');
    const line = encodeEvent(forged);
    const headline = `hyperfleet-tui event: ${STREAM} gate-approved ${forged.id}`;
    fake.git.push('c0', 'hyperfleet-tui/ledger', { headline, body: line, additions: [] }, 'rh-amarin', clock, true);
    fake.git.push('c0', 'hyperfleet-tui/ledger', { headline, body: encodeEvent(approve('rh-amarin')), additions: [] }, 'rh-amarin', clock);
    for (const who of [amarin, ciaran]) {
      await who.store.sync();
      const read = await who.store.read(STREAM, clock);
      expect(read.events.filter((e) => e.type === 'gate-approved')).toEqual([]);
      expect(read.warnings.map((w) => w.message)).toEqual([
        expect.stringMatching(/gate-approved by @ciaranroche is in commit \w{7} authored by @rh-amarin; not counted$/),
        expect.stringMatching(/commit \w{7} is not signed by GitHub \(pushed by hand, not made through the API\); not counted$/),
      ]);
    }
  });

  it('a refresh while nothing changed is one small request and reads no history page', async () => {
    const amarin = person('token-amarin');
    await amarin.store.append(STREAM, tick('rh-amarin', 'cut-branch'));
    const before = amarin.client.requestCount;
    expect(await amarin.store.sync()).toBe(false);
    expect(amarin.client.requestCount - before).toBe(1);
  });
});

describe('claims of a step on the shared ledger', () => {
  const claimStep = (actor: string, reason?: string) =>
    event(actor, { type: 'step-claimed', step: 'cut-branch', until: clock + STEP_LEASE_MS, ...(reason ? { reason } : {}) });
  const holderOn = async (who: Person) => claimAt(foldStepClaims((await who.store.read(STREAM, clock)).events), 'cut-branch', clock);

  it('two people claiming the same step at once: one claim recorded, the other told who was first', async () => {
    const theirs = claimStep('ciaranroche');
    clock += 4_000;
    const { amarin, ciaran, outcome } = await race(theirs, claimStep('rh-amarin'));
    expect(outcome).toBeInstanceOf(JournalRefusal);
    expect((outcome as Error).message).toBe('Not recorded: @ciaranroche claimed it 4s ago.');
    for (const who of [amarin, ciaran]) expect((await holderOn(who))?.by).toBe('ciaranroche');
    expect(fake.git.history('c0', 'hyperfleet-tui/ledger').filter((c) => c.headline.includes('step-claimed'))).toHaveLength(1);
  });

  it('a takeover with a reason is not moot: it lands after the claim it takes over, on both machines', async () => {
    const { amarin, ciaran, outcome } = await race(claimStep('ciaranroche'), claimStep('rh-amarin', 'ciaran is on leave'));
    expect(outcome).toBe('recorded');
    for (const who of [amarin, ciaran])
      expect(await holderOn(who)).toMatchObject({ by: 'rh-amarin', takenOver: { from: 'ciaranroche', reason: 'ciaran is on leave' } });
  });

  it("a claim pushed by one login in another's name is shown invalid and holds nothing", async () => {
    const amarin = person('token-amarin');
    await amarin.store.append(STREAM, tick('rh-amarin', 'rc-tag'));
    const forged = claimStep('ciaranroche');
    const headline = `hyperfleet-tui event: ${STREAM} step-claimed ${forged.id}`;
    fake.git.push('c0', 'hyperfleet-tui/ledger', { headline, body: encodeEvent(forged), additions: [] }, 'rh-amarin', clock, true);
    await amarin.store.sync();
    expect(await holderOn(amarin)).toBeNull();
    expect((await amarin.store.read(STREAM, clock)).warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/step-claimed by @ciaranroche is in commit \w{7} authored by @rh-amarin; not counted$/),
    ]);
  });

  it('a claim is refused while the ledger cannot be reached: the others could not see it', async () => {
    const amarin = person('token-amarin');
    await amarin.store.sync();
    fake.fail('502', 20);
    const refusal = await amarin.store.append(STREAM, claimStep('rh-amarin')).catch((e: Error) => e);
    expect(refusal).toBeInstanceOf(JournalRefusal);
    fake.clearFaults();
    await amarin.store.sync();
    expect(await holderOn(amarin)).toBeNull();
  });
});
