import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../domain/config.js';
import { parseVersion } from '../domain/version.js';
import { FileJournalStore } from '../journal/file-store.js';
import { defaultStateDir } from '../journal/state-dir.js';
import type { JournalStore } from '../domain/journal-store.js';
import { fillTemplate } from '../domain/version.js';
import { fakesInThisThread, type FakesWorker } from '../demo/launch-fakes.js';
import { SlackApi } from '../notify/slack-api.js';
import { GitHubSource, type GitHubSourceOptions } from '../sources/github/github-source.js';
import { findGitHubToken } from '../sources/github/token.js';
import { ProwSource } from '../sources/prow/prow-source.js';
import { RegistrySource } from '../sources/registry/registry-source.js';
import type { StatusSource } from '../sources/source.js';
import { createAppStore, type AppStore } from '../store/app-store.js';
import { UsageError } from '../errors.js';
import { patchTargets, type ArtifactTarget, type ReleaseMakeup } from '../domain/facts.js';
import { patchManifestReads, patchManifestRefs } from '../domain/patch-manifest.js';
import { releaseFreeze, releaseMakeupOf } from '../store/view.js';
import type { EpochMs } from '../domain/time.js';
import { Controller, type ControllerDeps } from './controller.js';
import { LedgerSource, ObservedLedgerHead } from './ledger-source.js';
import { ReadOnlyJournal } from './read-only.js';
import { LedgerJournalStore, type LedgerStoreOptions } from '../journal/ledger-store.js';
import { GitHubLedgerClient } from '../sources/github/ledger-client.js';
import { rulebookHash } from '../config/rulebook.js';
import { demoTeam, demoToken, type LedgerSpec } from './demo-team.js';
import { ledgerOf } from './ledger-setting.js';
import { UTC_ZONE, type DisplayZone } from '../domain/display-time.js';

export interface Session {
  readonly store: AppStore;
  readonly controller: Controller;
  readonly journal: JournalStore;
  /** Where this machine writes first: the journal itself, or the shared ledger's outbox. */
  readonly local: FileJournalStore;
  /** The shared ledger, when there is one (always in the demo). */
  readonly ledger: LedgerJournalStore | null;
  dispose(): Promise<void>;
}

export interface SessionOptions {
  readonly config: AppConfig;
  readonly demo: boolean;
  readonly release?: string;
  readonly clock?: () => number;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Hotfix commands need no release journal: without one, the release whose branch and images
   * the sources read is this one (the affected release), else that of the newest hotfix.
   */
  readonly hotfixRelease?: string | true;
  /** An observer: the journal takes no event (every recording key and command is refused), the ledger is only read. */
  readonly readOnly?: boolean;
  /**
   * Where the demo's fakes run: this worker (the interactive app's, so that answering never holds
   * up a frame), else this thread.
   */
  readonly fakesWorker?: FakesWorker;
  /**
   * What a read before the first frame (a first start, the release on the ledger only) waits
   * for: the interactive app hides `fetch` while Ink loads (cli.tsx).
   */
  readonly fetchReady?: PromiseLike<unknown>;
  /** The zone this person reads times in, chosen at the command line (--tz, the config, TZ); UTC without one. */
  readonly displayZone?: DisplayZone;
}

/** The newest release that has a journal, by version. */
async function newestRelease(journal: JournalStore): Promise<string | undefined> {
  const releases = (await journal.list('release-')).map((s) => s.slice('release-'.length)).filter((r) => parseVersion(r));
  const key = (r: string) => {
    const v = parseVersion(r)!;
    return v.major * 1e8 + v.minor * 1e4 + v.patch;
  };
  return releases.sort((a, b) => key(b) - key(a))[0];
}

/** The release the newest hotfix affects: what hotfix commands read when no release is planned. */
async function newestHotfixRelease(journal: JournalStore, now: number): Promise<string | undefined> {
  const reads = await Promise.all((await journal.list('hotfix-')).map((stream) => journal.read(stream, now)));
  const opened = reads.flatMap((r) => r.events).filter((e) => e.type === 'hotfix-opened');
  const newest = opened.sort((a, b) => b.at - a.at)[0];
  return newest?.type === 'hotfix-opened' && parseVersion(newest.affects) ? newest.affects : undefined;
}

/** Exports (the QE handoff) go beside the journal, readable by their owner only. */
/** Saves exports beside the journal; `note` follows the path where it is said (the demo's is removed on exit). */
function exportWriter(dir: string, note = ''): (name: string, text: string) => Promise<string> {
  return async (name, text) => {
    const folder = join(dir, 'exports');
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const path = join(folder, name.replace(/[^A-Za-z0-9._-]/g, '_'));
    await writeFile(path, text, { mode: 0o600 });
    return `${path}${note}`;
  };
}

/** Where the backends answer: the live ones (from the environment), or the demo's loopback fakes. */
interface Endpoints {
  readonly githubUrl: string | PromiseLike<string>;
  readonly githubToken: string | null | Promise<string | null>;
  readonly prowUrl: string | PromiseLike<string>;
  /** One registry (a mirror) to ask for every image and chart. */
  readonly registryMirror?: string | PromiseLike<string>;
}

/** What the sources ask the store for at each refresh: it changes as the journal does. */
interface LiveTargets {
  /** Each open hotfix's patch image, beside the release's images. */
  readonly patchImages: () => readonly ArtifactTarget[];
  readonly makeup: () => ReleaseMakeup;
  /** Each open hotfix's release branch and release tag, for their RELEASE_MANIFEST.yaml. */
  readonly manifestRefs: () => readonly string[];
  /** Each open hotfix's component repository, for its fix PRs; when code freeze began, for its exceptions. */
  readonly hotfixRepos: () => readonly string[];
  readonly freezeSince: () => EpochMs | null;
}

/**
 * The one list of status sources: GitHub, Prow and the image registry. A new source is one more
 * entry here (and its module under sources/).
 */
function statusSources(
  config: AppConfig,
  release: string,
  endpoints: Endpoints,
  live: LiveTargets,
  ledger?: GitHubSourceOptions['ledger'],
): StatusSource[] {
  const releaseBranch = fillTemplate(config.naming.releaseBranch, parseVersion(release)!);
  const { makeup, manifestRefs, hotfixRepos, freezeSince } = live;
  return [
    new GitHubSource({
      config,
      baseUrl: endpoints.githubUrl,
      token: endpoints.githubToken,
      releaseBranch,
      manifestRefs,
      hotfixRepos,
      freezeSince,
      ...(ledger ? { ledger } : {}),
    }),
    new ProwSource({ config, release, baseUrl: endpoints.prowUrl }),
    new RegistrySource({
      config,
      makeup,
      extraTargets: live.patchImages,
      ...(endpoints.registryMirror ? { mirror: endpoints.registryMirror } : {}),
    }),
  ];
}

/**
 * Wires journal, sources, store and controller, and reads the journal. It does not ask the
 * sources: the interactive app draws its first frame first; headless callers call refresh().
 * The demo is the same wiring: a journal in a fresh temporary directory seeded from the demo
 * world, and the real GitHub, Prow, registry and Slack clients pointed at loopback fakes of all four.
 */
export async function openSession(options: SessionOptions): Promise<Session> {
  const clock = options.clock ?? Date.now;
  const env = options.env ?? process.env;
  const startedAt = clock();
  let local: FileJournalStore;
  let journal: JournalStore;
  let endpoints: Endpoints;
  let release = options.release;
  let cleanup = async (): Promise<void> => {};
  let advanceDemo: ControllerDeps['advanceDemo'];
  let slack: SlackApi | null;
  // The registry looks for each open hotfix's patch image too; the store exists by the first refresh.
  let store: AppStore | undefined;
  const openHotfixes = () => store?.getState().hotfixes.filter((h) => h.closedAt === null) ?? [];
  const patchImages = () => patchTargets(options.config, openHotfixes());
  // GitHub reads each open hotfix's manifest on its release branch and at the release it patches.
  const manifestRefs = () =>
    openHotfixes().flatMap((h) => {
      const refs = patchManifestRefs(options.config.naming, h.affects);
      return refs ? patchManifestReads(refs) : [];
    });
  let ledger: LedgerJournalStore | null = null;
  let ledgerSpec: LedgerSpec | undefined;
  /** The ledger `spec` as a journal that writes first to `outbox`, its copy of the branch kept under `where`, signed in with `token`. */
  const ledgerThrough = (
    spec: LedgerSpec,
    token: Endpoints['githubToken'],
    outbox: FileJournalStore,
    where: string,
    own: Pick<LedgerStoreOptions, 'readOnly' | 'onSummary'> = {},
  ) =>
    new LedgerJournalStore({
      remote: new GitHubLedgerClient({
        baseUrl: endpoints.githubUrl,
        token,
        repository: `${options.config.github.org}/${spec.repo}`,
        branch: spec.branch,
      }),
      local: outbox,
      cacheDir: join(where, 'ledger', `${spec.repo}@${spec.branch}`.replace(/[^A-Za-z0-9._@-]/g, '_')),
      clock,
      ...own,
    });
  // This person's: an observer shares nothing; the header shows what is pending.
  const mine: Pick<LedgerStoreOptions, 'readOnly' | 'onSummary'> = {
    ...(options.readOnly ? { readOnly: true } : {}),
    onSummary: (summary) => store?.setState({ ledger: summary }),
  };
  // GitHub reads pull requests only where the fix-tracking and code-freeze rules look.
  const hotfixRepos = () => openHotfixes().flatMap((h) => options.config.components.find((c) => c.name === h.component)?.repo ?? []);
  const freezeSince = () => {
    const state = store?.getState();
    return state ? (releaseFreeze(options.config, state.releaseState, state.snapshot, clock()).since?.at ?? null) : null;
  };

  if (options.demo) {
    // Only the demo loads the demo: a live start has no use for its world or its fakes.
    const [team, { demoDirector }, { FAKE_SLACK_TOKEN }] = await Promise.all([
      demoTeam(options.config, startedAt),
      import('../demo/director.js'),
      import('../fakes/slack/server.js'),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'hyperfleet-tui-demo-'));
    local = new FileJournalStore(join(dir, 'journal'));
    // The demo is a team's: its history is already on the ledger branch, each event committed by its author.
    const { spec, history, fakes: fakeWorld } = team;
    const fakes = options.fakesWorker ? options.fakesWorker.serve(fakeWorld, options.config) : fakesInThisThread(fakeWorld, options.config);
    release ??= team.release;
    // Not a secret: the fake only checks that a token is sent, as GitHub does.
    endpoints = { githubUrl: fakes.githubUrl, githubToken: 'demo-token', prowUrl: fakes.prowUrl, registryMirror: fakes.registryUrl };
    ledgerSpec = spec;
    ledger = ledgerThrough(spec, endpoints.githubToken, local, dir, mine);
    // As a machine that has followed this release all along would start: its copy of the branch, read again at the first refresh.
    await ledger.remember(history);
    journal = ledger;
    // A colleague acts from their own machine: their own outbox, their own token, the same branch.
    const colleague = (login: string): JournalStore => {
      const home = join(dir, 'colleagues', login);
      return ledgerThrough(spec, demoToken(login), new FileJournalStore(home), home);
    };
    advanceDemo = demoDirector(fakes, colleague, options.config, () => store?.getState().hotfixes ?? []);
    slack = new SlackApi({ token: FAKE_SLACK_TOKEN, baseUrl: fakes.slackUrl });
    cleanup = async () => {
      await fakes.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const stateDir = defaultStateDir(env);
    local = new FileJournalStore(stateDir);
    endpoints = {
      githubUrl: env.HYPERFLEET_GITHUB_API || 'https://api.github.com',
      githubToken: findGitHubToken(env),
      prowUrl: env.HYPERFLEET_PROW_URL || options.config.prow.url,
      ...(env.HYPERFLEET_REGISTRY_URL ? { registryMirror: env.HYPERFLEET_REGISTRY_URL } : {}),
    };
    journal = local;
    const spec = ledgerOf(options.config, env);
    if (spec) {
      ledgerSpec = spec;
      ledger = ledgerThrough(spec, endpoints.githubToken, local, stateDir, mine);
      journal = ledger;
    }
    release ??= await newestRelease(journal);
    // A first start on this machine: the release may be on the branch only.
    let unread = '';
    if (!release && ledger) {
      await options.fetchReady;
      release = await ledger.sync().then(
        () => newestRelease(journal),
        (error: Error) => ((unread = ` (the shared ledger could not be read: ${error.message})`), undefined),
      );
    }
    if (!release && options.hotfixRelease) {
      release = typeof options.hotfixRelease === 'string' ? options.hotfixRelease : await newestHotfixRelease(journal, clock());
    }
    if (!release) {
      throw new UsageError(
        `no release journal in ${journal.describe()}${unread}; start one with \`plan --release vX.Y.Z --ga YYYY-MM-DD\`, name one with --release, or try --demo`,
      );
    }
    const token = env.SLACK_BOT_TOKEN?.trim();
    slack = token ? new SlackApi({ token, ...(env.HYPERFLEET_SLACK_API ? { baseUrl: env.HYPERFLEET_SLACK_API } : {}) }) : null;
  }

  const releaseName = release;
  const makeup = () => releaseMakeupOf(options.config, releaseName, store?.getState().snapshot ?? null);
  let controller: Controller | undefined;
  // GitHub's status request asks for the ledger branch's head; the ledger's sync is told what it saw.
  const heads = ledger && ledgerSpec ? new ObservedLedgerHead() : undefined;
  const sources = [
    ...statusSources(
      options.config,
      release,
      endpoints,
      { patchImages, makeup, manifestRefs, hotfixRepos, freezeSince },
      heads && ledgerSpec ? { ...ledgerSpec, observed: heads.observe } : undefined,
    ),
    ...(ledger ? [new LedgerSource(ledger, async () => controller?.loadJournal(), heads)] : []),
  ];
  store = createAppStore({
    config: options.config,
    release,
    // The demo's journal is a temporary folder: say so, or someone will look for it after the demo.
    journalPlace: options.demo ? `${journal.describe()} (the demo's, removed on exit)` : journal.describe(),
    now: startedAt,
    sourceNames: sources.map((s) => s.name),
    displayZone: options.displayZone ?? UTC_ZONE,
  });
  store.setState({ readOnly: options.readOnly === true });
  controller = new Controller({
    store,
    journal: options.readOnly ? new ReadOnlyJournal(journal) : journal,
    sources,
    clock,
    newId: randomUUID,
    slack,
    writeExport: exportWriter(local.dir, options.demo ? " (the demo's folder: removed when the demo quits; copy it to keep it)" : ''),
    rulebook: rulebookHash(options.config),
    stateDir: local.dir,
    ...(advanceDemo ? { advanceDemo } : {}),
  });
  await controller.loadJournal();
  return { store, controller, journal, local, ledger, dispose: cleanup };
}

/**
 * The hotfix keys the journal has streams for, read without opening a session (no release is
 * needed, no source is asked): what shell completion offers after `--for`.
 */
export async function hotfixKeysInJournal(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const streams = await new FileJournalStore(defaultStateDir(env)).list('hotfix-');
  return streams.map((s) => s.slice('hotfix-'.length)).sort();
}
