import { bundledConfigPath } from '../app/paths.js';
import type { SessionOptions } from './commands/command.js';

/** The configuration a command runs by: `--config`, else HYPERFLEET_CONFIG, else the bundled one. */
export const configPathOf = (options: Pick<SessionOptions, 'config'>, env: NodeJS.ProcessEnv = process.env): string =>
  options.config ?? env.HYPERFLEET_CONFIG ?? bundledConfigPath();
