// Bundled by scripts/bench.mjs: in this process, the journal read and fold at 100k and 1M events,
// and GitHub refreshes against the loopback fake (requests and GitHub's cost estimate).
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldRelease } from '../src/domain/fold.js';
import { evaluateLayer } from '../src/domain/layers.js';
import { resultsFromCommits, type CommitObservation } from '../src/domain/observations.js';
import { loadConfig } from '../src/config/load.js';
import { FakeGitHub } from '../src/fakes/github/server.js';
import type { FakeRepo } from '../src/fakes/world.js';
import { GitHubSource, type GitHubSourceOptions } from '../src/sources/github/github-source.js';
import { encodeEvent } from '../src/journal/codec.js';
import { FileJournalStore } from '../src/journal/file-store.js';
import { LedgerJournalStore } from '../src/journal/ledger-store.js';
import { GitHubLedgerClient } from '../src/sources/github/ledger-client.js';
import { LedgerSource, ObservedLedgerHead } from '../src/app/ledger-source.js';
import { allSteps } from '../src/domain/config.js';
import { releaseJournal } from './bench-journal.js';

const dir = mkdtempSync(join(tmpdir(), 'hf-bench-'));
const base = loadConfig(process.argv[2]!);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = async (fn: () => unknown | Promise<unknown>, runs = 9): Promise<number> => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
};
/** The median of what `fn` says it took (it times only its own part). */
const timedBy = async (fn: () => Promise<number>, runs: number): Promise<number> => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await fn());
  return median(samples);
};

/**
 * A release journal of `count` events in the mix the app writes (scripts/bench-journal), read
 * from its file, validated, sorted and folded as the app does on every load, next to a bare
 * JSON.parse of the same lines.
 */
async function foldOf(count: number, label: string, runs: number) {
  const text = `${releaseJournal(base, count, Date.now()).map(encodeEvent).join('\n')}\n`;
  const stream = `release-v9.9.${label}`;
  writeFileSync(join(dir, `${stream}.jsonl`), text);
  const steps = new Set(allSteps(base.playbooks.release).map((s) => s.id));
  const baselineMs = await time(
    () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    runs,
  );
  let folded = 0;
  // A store of its own for each run: a store reads again only what was appended since its last read.
  const foldMs = await time(async () => {
    const { events, warnings } = await new FileJournalStore(dir).read(stream, Date.now());
    if (warnings.length > 0) throw new Error(`the bench journal has a bad line: ${warnings[0]!.message}`);
    folded = events.length;
    return foldRelease(events, steps);
  }, runs);
  if (folded !== count) throw new Error(`read ${folded} of ${count} events`);
  // What the app does after an action: one event appended, the journal read again and folded.
  const store = new FileJournalStore(dir);
  await store.read(stream, Date.now());
  const [last] = releaseJournal(base, 1, Date.now());
  let appended = 0;
  const append = () => store.append(stream, { ...last!, id: `after-action-${(appended += 1)}`, at: Date.now() });
  const actionReadMs = await timedBy(async () => {
    await append();
    const started = performance.now();
    const { events } = await store.read(stream, Date.now());
    if (events.length !== count + appended) throw new Error(`read ${events.length} of ${count + appended} events after an action`);
    return performance.now() - started;
  }, runs);
  const actionFoldMs = await timedBy(async () => {
    await append();
    const started = performance.now();
    foldRelease((await store.read(stream, Date.now())).events, steps);
    return performance.now() - started;
  }, runs);
  return { label, count, baselineMs, foldMs, actionReadMs, actionFoldMs };
}
const folds = [await foldOf(100_000, '100k', 5), await foldOf(1_000_000, '1m', 3)];
rmSync(dir, { recursive: true, force: true });

// Requests and GitHub cost per refresh, for 30 and 100 repositories, against the loopback fake.
const configFor = (n: number) => ({
  ...base,
  supportRepos: [],
  github: { ...base.github, releaseRepo: 'r0' },
  components: Array.from({ length: n }, (_, i) => ({ name: `r${i}`, repo: `r${i}`, image: `i/r${i}`, chart: `c/r${i}` })),
});
const repoWith = (name: string, checks: number): FakeRepo => ({
  name,
  branches: {
    main: {
      oid: name.padEnd(40, '0'),
      date: 0,
      checks: Array.from({ length: checks }, (_, i) => ({
        kind: 'status' as const,
        name: i === 0 ? 'ci/prow/unit' : `ci/prow/check-${i}`,
        state: 'SUCCESS',
        at: 1_700_000_000_000,
      })),
    },
  },
  tags: [],
  releases: [],
  pullRequests: [],
});
/**
 * Refreshes of `n` repositories whose branch heads have `checks` checks each: requests, GitHub's
 * cost, time. As on a release day: a hotfix open in one repository (its pull requests are read)
 * and code freeze on (the search for release-branch merges), the dearest a refresh gets.
 */
async function refreshOf(n: number, checks: number, runs: number) {
  const config = configFor(n);
  const fake = new FakeGitHub({
    org: config.github.org,
    viewer: 'bench',
    repos: config.components.map((c) => repoWith(c.repo, checks)),
    prowRuns: [],
  });
  const url = await fake.start();
  const source = new GitHubSource({
    config,
    baseUrl: url,
    token: 'bench',
    releaseBranch: 'release-9.9',
    hotfixRepos: () => ['r1'],
    freezeSince: () => Date.now() - 3600_000,
  });
  let cost = 0;
  const ms = await time(async () => {
    cost = (await source.fetch(Date.now())).rateLimit?.cost ?? 0;
  }, runs);
  await fake.stop();
  // 100 checks a page: the longest head's pages are the fewest requests one head at a time could take.
  return { repos: n, requests: source.lastRequestCount, pages: Math.ceil(checks / 100), cost, ms };
}
const refreshes = [await refreshOf(30, 50, 5), await refreshOf(100, 50, 5)];
// The extra pages of checks: 250 on every branch head.
const manyChecks = await refreshOf(30, 250, 1);

// Folding one refresh's observations (30 repositories × 50 checks) into layer verdicts.
const config30 = configFor(30);
const commits: CommitObservation[] = config30.components.map((c) => ({
  repo: c.repo,
  branch: 'main',
  commit: c.repo.padEnd(40, '0'),
  checks: Array.from({ length: 50 }, (_, i) => ({
    name: i === 0 ? 'ci/prow/unit' : `ci/prow/check-${i}`,
    state: 'passed' as const,
    finishedAt: Date.now(),
  })),
}));
const snapshotBaselineMs = await time(() => JSON.parse(JSON.stringify(commits)), 21);
const snapshotFoldMs = await time(() => {
  const results = resultsFromCommits(config30.layers, config30.components, 'r0', commits, 'github', Date.now());
  const snapshot = { results, sources: [] };
  return config30.layers.map((l) => evaluateLayer(l, snapshot, config30.components, Date.now()));
}, 21);

/**
 * The shared ledger on the fake GitHub, read as the app reads it: a refresh is GitHub's status
 * request (30 repositories, the ledger branch's head among them) and then the ledger's sync,
 * told that head. What an idle refresh costs with the ledger on (requests, and the points GitHub
 * reports by its published formula) beside the same refresh without a ledger, and how long one
 * person's tick takes to reach the other's copy: their append, then the other's next refresh.
 */
async function ledgerOf(runs: number) {
  const config = configFor(30);
  const fake = new FakeGitHub({
    org: config.github.org,
    viewer: 'rh-amarin',
    repos: config.components.map((c) => repoWith(c.repo, 50)),
    prowRuns: [],
    logins: { a: 'rh-amarin', b: 'ciaranroche' },
  });
  const url = await fake.start();
  const branch = 'hyperfleet-tui/ledger';
  const status = (token: string, ledger?: GitHubSourceOptions['ledger']) =>
    new GitHubSource({ config, baseUrl: url, token, releaseBranch: 'release-9.9', ...(ledger ? { ledger } : {}) });
  const person = (token: string, name: string) => {
    const client = new GitHubLedgerClient({ baseUrl: url, token, repository: `${config.github.org}/r0`, branch });
    const store = new LedgerJournalStore({
      remote: client,
      local: new FileJournalStore(join(dir, `ledger-${name}`)),
      cacheDir: join(dir, `ledger-${name}-cache`),
      clock: Date.now,
    });
    const heads = new ObservedLedgerHead();
    const github = status(token, { repo: 'r0', branch, observed: heads.observe });
    const ledger = new LedgerSource(store, async () => {}, heads);
    /** One refresh, in the order the scheduler keeps: the status, then the ledger. Its points. */
    const refresh = async () => {
      const report = await github.fetch(Date.now());
      await ledger.fetch();
      return report.rateLimit?.cost ?? 0;
    };
    return { store, refresh };
  };
  const a = person('a', 'a');
  const b = person('b', 'b');
  let n = 0;
  const tick = () => ({ id: `l${(n += 1)}`, at: Date.now(), actor: 'rh-amarin', type: 'step-completed' as const, step: `s${n}` });
  await a.store.append('release-v9.9.9', tick());
  await b.refresh();
  let before = fake.requestCount;
  const idlePoints = await b.refresh();
  const idleRequests = fake.requestCount - before;
  before = fake.requestCount;
  const plainPoints = (await status('b').fetch(Date.now())).rateLimit?.cost ?? 0;
  const plainRequests = fake.requestCount - before;
  const reachMs = await time(async () => {
    await a.store.append('release-v9.9.9', tick());
    await b.refresh();
  }, runs);
  await fake.stop();
  return { idleRequests, idlePoints, plainRequests, plainPoints, reachMs };
}
const ledger = await ledgerOf(9);

process.stdout.write(JSON.stringify({ folds, refreshes, manyChecks, snapshotBaselineMs, snapshotFoldMs, ledger }));
