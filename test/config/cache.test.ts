import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfigCached, REMEMBERED_CONFIGS } from '../../src/config/cache.js';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { configCopy, removeCopies, replaceOnce } from '../helpers/config-copy.js';

const dirs: string[] = [];
afterEach(() => {
  removeCopies();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});
const cacheAt = (buildId = 'build-1') => {
  const dir = mkdtempSync(join(tmpdir(), 'hf-cache-'));
  dirs.push(dir);
  return { dir, buildId };
};
const entryOf = (dir: string) =>
  join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.json'))!,
  );

describe('the remembered configuration', () => {
  it('is the configuration the files give, value for value, and is what the next start reads', async () => {
    const path = configCopy('hyperfleet.yaml', replaceOnce('refreshEvery: 1m', 'refreshEvery: 45s'));
    const cache = cacheAt();
    const first = await loadConfigCached(path, cache);
    expect(first).toStrictEqual(loadConfig(path));
    // The next start reads the entry, not the YAML: a marker put into the entry comes back.
    const entry = JSON.parse(readFileSync(entryOf(cache.dir), 'utf8'));
    writeFileSync(entryOf(cache.dir), JSON.stringify({ ...entry, config: { ...entry.config, marker: true } }));
    expect(await loadConfigCached(path, cache)).toMatchObject({ marker: true });
  });

  it('is read again from the files when any of them changes, or another build asks', async () => {
    const path = configCopy('hyperfleet.yaml', replaceOnce('refreshEvery: 1m', 'refreshEvery: 45s'));
    const cache = cacheAt();
    await loadConfigCached(path, cache);
    const playbook = join(dirname(path), 'playbooks/hotfix.yaml');
    writeFileSync(
      playbook,
      readFileSync(playbook, 'utf8').replace('title: Confirm severity and affected component', 'title: Confirm the severity'),
    );
    const reread = await loadConfigCached(path, cache);
    expect(reread.playbooks.hotfix.phases.flatMap((p) => p.steps).map((s) => s.title)).toContain('Confirm the severity');

    const entry = JSON.parse(readFileSync(entryOf(cache.dir), 'utf8'));
    writeFileSync(entryOf(cache.dir), JSON.stringify({ ...entry, config: { ...entry.config, marker: true } }));
    expect(await loadConfigCached(path, { ...cache, buildId: 'build-2' })).not.toHaveProperty('marker');
  });

  it('a byte that stops being UTF-8 is a change, even where a lenient decoder reads the same text', async () => {
    const path = configCopy('hyperfleet.yaml', (t) => `${t}# replacement character: \ufffd\n`);
    const cache = cacheAt();
    await loadConfigCached(path, cache);
    const bytes = readFileSync(path);
    const at = bytes.indexOf(Buffer.from('\ufffd'));
    writeFileSync(path, Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at + 3)]));
    await expect(loadConfigCached(path, cache)).rejects.toThrow(/not UTF-8 text/);
  });

  it('never remembers a configuration with an error, and an unreadable entry only costs time', async () => {
    const bad = configCopy('hyperfleet.yaml', replaceOnce('refreshEvery: 1m', 'refreshEvery: soon'));
    const cache = cacheAt();
    await expect(loadConfigCached(bad, cache)).rejects.toThrow(ConfigError);
    expect(readdirSync(cache.dir)).toEqual([]);

    const good = configCopy('hyperfleet.yaml', replaceOnce('refreshEvery: 1m', 'refreshEvery: 45s'));
    await loadConfigCached(good, cache);
    writeFileSync(entryOf(cache.dir), '{"buildId": "build-1", "files": [');
    expect(await loadConfigCached(good, cache)).toStrictEqual(loadConfig(good));
    // A cache directory that cannot be made (its parent is a file) is passed over.
    expect(await loadConfigCached(good, { dir: join(good, 'cache'), buildId: 'x' })).toStrictEqual(loadConfig(good));
  });
});

describe('the configuration cache', () => {
  it('keeps only the newest few entries, and always the one just written', async () => {
    const cache = cacheAt();
    const paths = Array.from({ length: REMEMBERED_CONFIGS + 4 }, (_, i) =>
      configCopy('hyperfleet.yaml', replaceOnce('refreshEvery: 1m', `refreshEvery: ${i + 2}m`)),
    );
    for (const path of paths) await loadConfigCached(path, cache);
    const kept = readdirSync(cache.dir).filter((f) => f.endsWith('.json'));
    expect(kept).toHaveLength(REMEMBERED_CONFIGS);
    // Mark every kept entry: what a next start reads from an entry comes back with the marker.
    for (const name of kept) {
      const file = join(cache.dir, name);
      const entry = JSON.parse(readFileSync(file, 'utf8'));
      writeFileSync(file, JSON.stringify({ ...entry, config: { ...entry.config, marker: true } }));
    }
    expect(await loadConfigCached(paths.at(-1)!, cache)).toMatchObject({ marker: true });
    expect(await loadConfigCached(paths[0]!, cache)).not.toHaveProperty('marker');
  });
});
