import { bundledConfigPath } from '../app/paths.js';
import type { RulebookFile } from '../domain/events.js';
import type { SessionOptions } from './commands/command.js';

/** The configuration a command runs by: `--config`, else HYPERFLEET_CONFIG, else the bundled one. */
export const configPathOf = (options: Pick<SessionOptions, 'config'>, env: NodeJS.ProcessEnv = process.env): string =>
  options.config ?? env.HYPERFLEET_CONFIG ?? bundledConfigPath();

/**
 * The files of the configuration a command runs by, as a release keeps them (config/rulebook):
 * loaded, so validated, again as they are now. The loader is imported only here.
 */
export async function rulebookFilesOf(options: Pick<SessionOptions, 'config'>): Promise<RulebookFile[]> {
  const { loadConfigFiles } = await import('../config/load.js');
  const { rulebookFiles } = await import('../config/rulebook.js');
  return rulebookFiles(loadConfigFiles(configPathOf(options)));
}
