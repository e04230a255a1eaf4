import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

let built: string | null = null;

/** Bundles the append worker once per test file, so child processes run the real journal code. */
export async function appendWorker(): Promise<string> {
  if (built) return built;
  const outfile = join(mkdtempSync(join(tmpdir(), 'hf-worker-')), 'append-worker.mjs');
  await build({
    entryPoints: [resolve(import.meta.dirname, 'append-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
  });
  built = outfile;
  return outfile;
}
