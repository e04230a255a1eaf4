import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AppConfig } from '../domain/config.js';

/**
 * Where validated configurations are kept, and which build wrote them: a cache entry is only
 * used by the build that wrote it, since another build may read the files differently.
 */
export interface ConfigCache {
  readonly dir: string;
  readonly buildId: string;
}

interface Entry {
  readonly buildId: string;
  readonly files: ReadonlyArray<{ readonly path: string; readonly sha256: string }>;
  readonly config: AppConfig;
}

/** Of a file's bytes, or of the text it was loaded as (a loaded file is strict UTF-8: the same bytes). */
const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** $XDG_CACHE_HOME/hyperfleet-tui, else ~/.cache/hyperfleet-tui. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'hyperfleet-tui');
}

/** The entry, when this build wrote it and every file it was read from still has the same text. */
function readEntry(file: string, buildId: string): AppConfig | null {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as Partial<Entry>;
    if (entry.buildId !== buildId || !Array.isArray(entry.files) || entry.files.length === 0 || !entry.config) return null;
    // The bytes, not their lenient decoding: a byte that stopped being UTF-8 is a change.
    const unchanged = entry.files.every((f) => sha256(readFileSync(f.path)) === f.sha256);
    return unchanged ? entry.config : null;
  } catch {
    return null; // no entry yet, a file gone, or an entry we cannot read: load the files
  }
}

/**
 * How many configurations are remembered: one per configuration path, and tests, demos and
 * checkouts each have their own; the newest few are the ones a next start asks for.
 */
export const REMEMBERED_CONFIGS = 8;

/** Removes all but the newest `keep` entries (by when each was written), never `written`. */
function pruneEntries(dir: string, written: string, keep: number): void {
  try {
    const entries = readdirSync(dir)
      .filter((name) => /^config-[0-9a-f]{16}\.json$/.test(name))
      .map((name) => join(dir, name))
      .map((path) => ({ path, at: path === written ? Infinity : statSync(path).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const old of entries.slice(keep)) rmSync(old.path, { force: true });
  } catch {
    // Another start pruning at the same time, or a file gone: the next write prunes again.
  }
}

function writeEntry(file: string, dir: string, entry: Entry): void {
  // Written aside and renamed into place, so a reader never sees half an entry.
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, JSON.stringify(entry), { mode: 0o600 });
    renameSync(temporary, file);
    pruneEntries(dir, file, REMEMBERED_CONFIGS);
  } catch {
    // A cache that cannot be written only costs the next start its time; leave no half-written file.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nowhere it could have been written
    }
  }
}

/**
 * The configuration at `path`, validated once and then remembered: loading the YAML parser and
 * schemas, parsing and checking cost a cold start ~130 ms, a JSON read a few. Any change to any of
 * its files (or a new build) loads and validates the files again; a configuration with an error
 * is never remembered.
 */
export async function loadConfigCached(path: string, cache: ConfigCache): Promise<AppConfig> {
  const absolute = resolve(path);
  const file = join(cache.dir, `config-${sha256(absolute).slice(0, 16)}.json`);
  const remembered = readEntry(file, cache.buildId);
  if (remembered) return remembered;
  // Only now: the loader and the YAML parser are code a start with a remembered config never runs.
  const { loadConfigFiles } = await import('./load.js');
  const { config, files } = loadConfigFiles(absolute);
  writeEntry(file, cache.dir, { buildId: cache.buildId, files: files.map((f) => ({ path: f.path, sha256: sha256(f.text) })), config });
  return config;
}
