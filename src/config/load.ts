import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { AppConfig, Playbook } from '../domain/config.js';
import { hyperfleetSchema, noticesSchema, playbookSchema, type HyperfleetFile, type NoticesFile } from './schema.js';
import { checkHyperfleet, checkNotices, checkPlaybook } from './semantics.js';
import { parseWith, throwFirst } from './validate.js';
import { errorAt, readYamlFile, type YamlFile } from './yaml-file.js';

export { ConfigError } from './errors.js';

/** A path as the user should see it: relative to where they stand when that is shorter. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Reads a file that the main file names at `key`; a missing one is a mistake in the main file. */
function readNamed(main: YamlFile, mainPath: string, relativePath: string, key: PropertyKey[]): YamlFile {
  const path = resolve(dirname(mainPath), relativePath);
  try {
    return readYamlFile(path, displayPath(path), `${key.join('.')} in ${main.display} names it`);
  } catch (error) {
    const missing = error instanceof Error && /file not found/.test(error.message);
    if (missing) throw errorAt(main, key, `file not found: ${displayPath(path)}`);
    throw error;
  }
}

function loadNotices(main: YamlFile, mainPath: string, config: HyperfleetFile): NoticesFile {
  const file = readNamed(main, mainPath, config.slack.notices, ['slack', 'notices']);
  const notices = parseWith(file, noticesSchema);
  throwFirst(checkNotices(file, notices));
  return notices;
}

function loadPlaybook(
  main: YamlFile,
  mainPath: string,
  config: HyperfleetFile,
  kind: 'release' | 'hotfix',
  notices: NoticesFile,
): Playbook {
  const file = readNamed(main, mainPath, config.playbooks[kind], ['playbooks', kind]);
  const playbook = parseWith(file, playbookSchema);
  throwFirst(checkPlaybook(file, playbook, config, kind, notices));
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
  const notices = loadNotices(main, absolute, config);
  const playbooks = {
    release: loadPlaybook(main, absolute, config, 'release', notices),
    hotfix: loadPlaybook(main, absolute, config, 'hotfix', notices),
  };
  return { ...config, slack: { channel: config.slack.channel, notices: notices.notices }, playbooks };
}
