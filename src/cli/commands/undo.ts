import { UNDO_WINDOW_MS } from '../../domain/undo.js';
import { MINUTE } from '../../domain/time.js';
import { UsageError } from '../../errors.js';
import { printOutcome } from '../print-outcome.js';
import { parseCommandArgs, type CliCommand, type SessionOptions } from './command.js';

interface UndoOptions extends SessionOptions {
  readonly reason: string;
}

export const undoCommand: CliCommand<UndoOptions> = {
  name: 'undo',
  usage: ['undo [--reason TEXT]'],
  summary: `undo your own last recorded action, within ${UNDO_WINDOW_MS / MINUTE} minutes, as a compensating event (the journal keeps both); refused (exit 1) for a notice posted to Slack`,
  flags: ['reason'],
  parse(argv) {
    const { values, positionals, session } = parseCommandArgs('undo', argv, { reason: { type: 'string' } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (see undo --help)`);
    return { ...session, reason: (values.reason as string | undefined) ?? '', hotfixRelease: true };
  },
  async run(session, options) {
    return printOutcome(await session.controller.undoLast(options.reason));
  },
};
