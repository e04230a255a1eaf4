import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The config shipped with the package. Found by walking up from this module, because it runs
 * both from src/ (tests) and bundled from dist/.
 */
export function bundledConfigPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    const candidate = join(dir, 'config', 'hyperfleet.yaml');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return join(process.cwd(), 'config', 'hyperfleet.yaml');
}
