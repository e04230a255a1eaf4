import { homedir } from 'node:os';
import { join } from 'node:path';

/** HYPERFLEET_STATE_DIR, else $XDG_STATE_HOME/hyperfleet-tui, else ~/.local/state/hyperfleet-tui. */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HYPERFLEET_STATE_DIR) return env.HYPERFLEET_STATE_DIR;
  const base = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(base, 'hyperfleet-tui');
}
