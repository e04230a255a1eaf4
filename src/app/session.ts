import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../domain/config.js';
import { parseVersion } from '../domain/version.js';
import { FileJournalStore } from '../journal/file-store.js';
import { defaultStateDir } from '../journal/state-dir.js';
import type { JournalStore } from '../journal/store.js';
import { DemoStatusSource } from '../sources/demo/demo-source.js';
import { demoWorld } from '../sources/demo/world.js';
import type { StatusSource } from '../sources/source.js';
import { createAppStore, type AppStore } from '../store/app-store.js';
import { UsageError } from '../cli/errors.js';
import { Controller } from './controller.js';

export interface Session {
  readonly store: AppStore;
  readonly controller: Controller;
  readonly journal: JournalStore;
  dispose(): void;
}

export interface SessionOptions {
  readonly config: AppConfig;
  readonly demo: boolean;
  readonly release?: string;
  readonly clock?: () => number;
  readonly env?: NodeJS.ProcessEnv;
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

/**
 * Wires journal, sources, store and controller, and reads the journal. It does not ask the
 * sources: the interactive app draws its first frame first; headless callers call refresh(). The demo is the same wiring with a journal in
 * a fresh temporary directory, seeded from the demo world, and the demo world as its source.
 */
export async function openSession(options: SessionOptions): Promise<Session> {
  const clock = options.clock ?? Date.now;
  const startedAt = clock();
  let journal: FileJournalStore;
  let sources: StatusSource[] = [];
  let release = options.release;
  let cleanup = (): void => {};

  if (options.demo) {
    const dir = mkdtempSync(join(tmpdir(), 'hyperfleet-tui-demo-'));
    cleanup = () => rmSync(dir, { recursive: true, force: true });
    journal = new FileJournalStore(dir);
    const world = demoWorld(options.config, startedAt);
    for (const { stream, events } of world.streams) await journal.append(stream, ...events);
    sources = [new DemoStatusSource(world)];
    release ??= world.release;
  } else {
    journal = new FileJournalStore(defaultStateDir(options.env));
    release ??= await newestRelease(journal);
    if (!release) {
      throw new UsageError(`no release journal in ${journal.describe()}; name one with --release vX.Y.Z, or try --demo`);
    }
  }

  const store = createAppStore({
    config: options.config,
    release,
    journalPlace: journal.describe(),
    now: startedAt,
    sourceNames: sources.map((s) => s.name),
  });
  const controller = new Controller({ store, journal, sources, clock, newId: randomUUID });
  await controller.loadJournal();
  return { store, controller, journal, dispose: cleanup };
}
