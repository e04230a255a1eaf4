import { join } from 'node:path';
import { findUp } from '../find-up.js';

/** The config shipped with the package. */
export function bundledConfigPath(): string {
  return findUp(join('config', 'hyperfleet.yaml')) ?? join(process.cwd(), 'config', 'hyperfleet.yaml');
}
