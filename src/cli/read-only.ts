import type { CliOptions } from './args.js';

const RECORDING_COMMANDS = new Set(['plan', 'approve', 'waive', 'tick', 'untick', 'undo']);
const RECORDING_HOTFIX_ACTIONS = new Set(['open', 'severity', 'reported', 'close']);

/**
 * Whether a command would record something: under `--read-only` it is refused before anything
 * is read, with why, rather than after a check of its own that an observer need not see.
 */
export function recordsSomething(name: string, options: Partial<CliOptions>): boolean {
  if (RECORDING_COMMANDS.has(name)) return true;
  if (name === 'notify') return !options.list && !options.dryRun;
  if (name === 'hotfix') return RECORDING_HOTFIX_ACTIONS.has(options.hotfix?.action ?? '');
  if (name === 'ledger') return (options as { action?: string }).action === 'publish';
  if (name === 'rulebook') return (options as { action?: string }).action === 'share';
  if (name === 'handover') {
    const handover = options as { preview?: boolean; last?: boolean; post?: boolean };
    return handover.post === true || (!handover.preview && !handover.last);
  }
  return false;
}
