import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The CLI and end-to-end tests run the built bundle: build it from the current source first. */
export default function setup(): void {
  execFileSync(process.execPath, [resolve(import.meta.dirname, '../scripts/build.mjs')], { stdio: 'inherit' });
}
