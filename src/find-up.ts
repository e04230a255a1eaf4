import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file of the package, found by walking up from this module: the code runs both from src/
 * (tests) and bundled from dist/ (or dist/chunks/), so a fixed relative path would break one.
 * It sits beside cli.tsx, in no layer, because the app (the bundled config) and the demo (the
 * fakes' worker script) both need it.
 */
export function findUp(relativePath: string): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    const candidate = join(dir, relativePath);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return null;
}
