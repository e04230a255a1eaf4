import { createHash } from 'node:crypto';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import type { AppConfig } from '../domain/config.js';
import type { RulebookFile } from '../domain/events.js';
import { ConfigError } from './errors.js';
import type { LoadedConfig } from './load.js';

/**
 * The rulebook: what two people must share to fold the same events into the same checklist
 * (the playbooks, notices, layers, roles, policies). Its hash is of the validated configuration,
 * so a comment or a reordered key is the same rulebook; what is one person's own (how often
 * they refresh, the zone they read times in, where the shared ledger is) is left out.
 */
function rules(config: AppConfig): unknown {
  const { status: _ownRefresh, ledger: _whereShared, display: _ownZone, ...shared } = config;
  return shared;
}

/** JSON with every object's keys in order: the same configuration is the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Twelve hex digits: short enough for a header, far past any chance of two rulebooks meeting. */
export const rulebookHash = (config: AppConfig): string =>
  createHash('sha256')
    .update(canonical(rules(config)))
    .digest('hex')
    .slice(0, 12);

/**
 * The files a configuration was read from, named relative to hyperfleet.yaml's folder (the main
 * file first), as the release keeps them. A file outside that folder cannot be kept by name.
 */
export function rulebookFiles(loaded: LoadedConfig): RulebookFile[] {
  const [main] = loaded.files;
  if (!main) return [];
  const base = dirname(main.path);
  return loaded.files.map((file) => {
    const path = relative(base, file.path);
    if (path.startsWith('..') || isAbsolute(path)) {
      throw new ConfigError(file.path, null, null, `outside ${base}, so the release cannot keep it by name; move it into that folder`);
    }
    return { path: path.split(sep).join('/'), text: file.text };
  });
}
