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

function loadNotices(file: YamlFile): NoticesFile {
  const notices = parseWith(file, noticesSchema);
  throwFirst(checkNotices(file, notices));
  return notices;
}

function loadPlaybook(file: YamlFile, config: HyperfleetFile, kind: 'release' | 'hotfix', notices: NoticesFile): Playbook {
  const playbook = parseWith(file, playbookSchema);
  throwFirst(checkPlaybook(file, playbook, config, kind, notices));
  return playbook;
}

/** A configuration and every file it was read from, with the text as read. */
export interface LoadedConfig {
  readonly config: AppConfig;
  readonly files: ReadonlyArray<{ readonly path: string; readonly text: string }>;
}

/**
 * Loads and validates hyperfleet.yaml and the files it names. Throws ConfigError (one line:
 * file, line, key, what to do) on the first problem; returns values the domain can trust.
 */
export function loadConfigFiles(path: string): LoadedConfig {
  const absolute = resolve(path);
  const main = readYamlFile(absolute, displayPath(absolute), 'pass --config PATH or set HYPERFLEET_CONFIG');
  const config = parseWith(main, hyperfleetSchema);
  throwFirst(checkHyperfleet(main, config));
  const noticesFile = readNamed(main, absolute, config.slack.notices, ['slack', 'notices']);
  const notices = loadNotices(noticesFile);
  const releaseFile = readNamed(main, absolute, config.playbooks.release, ['playbooks', 'release']);
  const release = loadPlaybook(releaseFile, config, 'release', notices);
  const hotfixFile = readNamed(main, absolute, config.playbooks.hotfix, ['playbooks', 'hotfix']);
  const playbooks = { release, hotfix: loadPlaybook(hotfixFile, config, 'hotfix', notices) };
  return {
    config: {
      ...config,
      slack: { channel: config.slack.channel, notices: notices.notices.map((n) => ({ ...n, channel: n.channel ?? config.slack.channel })) },
      playbooks,
    },
    files: [main, noticesFile, releaseFile, hotfixFile].map(({ path: p, text }) => ({ path: p, text })),
  };
}

export function loadConfig(path: string): AppConfig {
  return loadConfigFiles(path).config;
}
