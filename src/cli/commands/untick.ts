import { UsageError } from '../../errors.js';
import { printOutcome } from '../print-outcome.js';
import { parseCommandArgs, type CliCommand, type SessionOptions } from './command.js';
import { stepOwner } from './step-owner.js';

interface UntickOptions extends SessionOptions {
  readonly step: string;
  readonly reason: string;
  readonly forKey?: string;
}

export const untickCommand: CliCommand<UntickOptions> = {
  name: 'untick',
  usage: ['untick STEP --reason TEXT [--for HOTFIX]'],
  summary: 'reopen a task done by hand, with the reason; refused (exit 1) without one, or for a step done by live status or an approval',
  flags: ['reason', 'for'],
  positionals: ['steps'],
  parse(argv) {
    const { values, positionals, session } = parseCommandArgs('untick', argv, { reason: { type: 'string' }, for: { type: 'string' } });
    const [step, extra] = positionals;
    if (!step) throw new UsageError('untick needs the step, e.g. `untick prs-merged --reason "reverted"`');
    if (extra) throw new UsageError(`unexpected argument "${extra}" (see untick --help)`);
    const forKey = values.for as string | undefined;
    return { ...session, step, reason: (values.reason as string | undefined) ?? '', ...(forKey ? { forKey, hotfixRelease: true } : {}) };
  },
  async run(session, options) {
    const owner = stepOwner(session, options.step, options.forKey);
    const record = owner.kind === 'release' ? session.store.getState().releaseState.steps : owner.hotfix.steps;
    if (!record[options.step]) return printOutcome({ kind: 'refused', reason: `"${options.step}" is not done; nothing to reopen` });
    return printOutcome(await session.controller.toggleTask(owner, options.step, options.reason));
  },
};
