import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CONFIG_DIR = resolve(import.meta.dirname, '../../config');
const made: string[] = [];

/** A copy of the bundled config dir, with `edit` applied to one file's text. */
export function configCopy(file = 'hyperfleet.yaml', edit: (text: string) => string = (t) => t): string {
  const dir = mkdtempSync(join(tmpdir(), 'hf-config-'));
  made.push(dir);
  cpSync(CONFIG_DIR, dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`edit of ${file} changed nothing`);
  writeFileSync(path, after);
  return join(dir, 'hyperfleet.yaml');
}

/** Replaces exactly one occurrence, so a test cannot silently edit the wrong place. */
export const replaceOnce =
  (from: string, to: string) =>
  (text: string): string => {
    const count = text.split(from).length - 1;
    if (count !== 1) throw new Error(`expected "${from}" once, found ${count} times`);
    return text.replace(from, to);
  };

/** The 1-based line of the first line containing `needle`. */
export function lineOf(path: string, needle: string): number {
  const index = readFileSync(path, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not in ${path}`);
  return index + 1;
}

export function removeCopies(): void {
  made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
}
