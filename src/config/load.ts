import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { AppConfig, Playbook } from '../domain/config.js';
import { hyperfleetSchema, playbookSchema, type HyperfleetFile } from './schema.js';
import { checkHyperfleet, checkPlaybook } from './semantics.js';
import { parseWith, throwFirst } from './validate.js';
import { errorAt, readYamlFile, type YamlFile } from './yaml-file.js';

export { ConfigError } from './errors.js';

/** A path as the user should see it: relative to where they stand when that is shorter. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function loadPlaybook(main: YamlFile, mainPath: string, config: HyperfleetFile, kind: 'release' | 'hotfix'): Playbook {
  const path = resolve(dirname(mainPath), config.playbooks[kind]);
  let file: YamlFile;
  try {
    file = readYamlFile(path, displayPath(path), `playbooks.${kind} in ${main.display} names it`);
  } catch (error) {
    // A missing playbook is a mistake in the main file: point there.
    const missing = error instanceof Error && /file not found/.test(error.message);
    if (missing) throw errorAt(main, ['playbooks', kind], `file not found: ${displayPath(path)}`);
    throw error;
  }
  const playbook = parseWith(file, playbookSchema);
  throwFirst(checkPlaybook(file, playbook, config, kind));
  return playbook;
}

/**
 * Loads and validates hyperfleet.yaml and the playbooks it names. Throws ConfigError (one line:
 * file, line, key, what to do) on the first problem; returns values the domain can trust.
 */
export function loadConfig(path: string): AppConfig {
  const absolute = resolve(path);
  const main = readYamlFile(absolute, displayPath(absolute), 'pass --config PATH or set HYPERFLEET_CONFIG');
  const config = parseWith(main, hyperfleetSchema);
  throwFirst(checkHyperfleet(main, config));
  const playbooks = { release: loadPlaybook(main, absolute, config, 'release'), hotfix: loadPlaybook(main, absolute, config, 'hotfix') };
  return { ...config, playbooks };
}
