import { UsageError } from '../../errors.js';
import { printOutcome } from '../print-outcome.js';
import { parseCommandArgs, type CliCommand, type SessionOptions } from './command.js';
import { stepOwner } from './step-owner.js';

interface TickOptions extends SessionOptions {
  readonly step: string;
  readonly note: string;
  readonly forKey?: string;
}

export const tickCommand: CliCommand<TickOptions> = {
  name: 'tick',
  usage: ['tick STEP [--note TEXT] [--for HOTFIX]'],
  summary:
    'mark a task done as your GitHub login, as space does in the app: refused (exit 1) for a check or gate, or without a note when it is done out of order',
  flags: ['note', 'for'],
  positionals: ['steps'],
  parse(argv) {
    const { values, positionals, session } = parseCommandArgs('tick', argv, { note: { type: 'string' }, for: { type: 'string' } });
    const [step, extra] = positionals;
    if (!step) throw new UsageError('tick needs the step, e.g. `tick prs-merged` (`checklist` lists them)');
    if (extra) throw new UsageError(`unexpected argument "${extra}" (see tick --help)`);
    const forKey = values.for as string | undefined;
    return { ...session, step, note: (values.note as string | undefined) ?? '', ...(forKey ? { forKey, hotfixRelease: true } : {}) };
  },
  async run(session, options) {
    const owner = stepOwner(session, options.step, options.forKey);
    const record = owner.kind === 'release' ? session.store.getState().releaseState.steps : owner.hotfix.steps;
    if (record[options.step]) return printOutcome({ kind: 'refused', reason: `"${options.step}" is done already; \`untick\` reopens it` });
    return printOutcome(await session.controller.toggleTask(owner, options.step, options.note));
  },
};
