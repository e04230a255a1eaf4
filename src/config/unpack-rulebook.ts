import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { AppConfig } from '../domain/config.js';
import type { RulebookFile } from '../domain/events.js';
import { ConfigError } from './errors.js';
import { loadConfigFiles } from './load.js';

/**
 * Writes a release's rulebook into `dir` and loads it as any configuration is loaded (so a
 * rulebook that does not validate here is an error, not a surprise); returns the main file's path.
 */
export function unpackRulebook(dir: string, files: readonly RulebookFile[]): { path: string; config: AppConfig } {
  const root = resolve(dir);
  for (const file of files) {
    const target = resolve(root, file.path);
    // A name from the journal is outside text: it may not write outside the folder.
    if (!target.startsWith(`${root}${sep}`))
      throw new ConfigError(file.path, null, null, "the release's rulebook names a file outside its folder; nothing written there");
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    writeFileSync(target, file.text, { mode: 0o600 });
  }
  const path = join(root, files[0]?.path ?? 'hyperfleet.yaml');
  return { path, config: loadConfigFiles(path).config };
}
