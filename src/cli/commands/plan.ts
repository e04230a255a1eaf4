import { pastGaProblem } from '../../domain/cadence.js';
import { renderSummary } from '../summary.js';
import { EXIT, UsageError } from '../../errors.js';
import { printOutcome } from '../print-outcome.js';
import { rulebookFilesOf } from '../config-path.js';
import { oneLine } from '../../domain/sanitize.js';
import type { CliCommand } from './command.js';
import { parseShared } from './parsed-by-args.js';
import type { CliOptions } from '../args.js';

export const planCommand: CliCommand<CliOptions> = {
  name: 'plan',
  usage: ['plan --release VER --ga YYYY-MM-DD'],
  summary: "start a release's journal: its milestones from the GA day",
  flags: ['ga'],
  parse(argv) {
    const options = parseShared(argv);
    // A GA day already past is a mistake in the command, refused before anything is asked or written.
    const pastGa = pastGaProblem(options.ga!, Date.now());
    if (pastGa) throw new UsageError(pastGa);
    return options;
  },
  async run(session, options) {
    const outcome = await session.controller.plan(options.ga!);
    if (outcome.kind !== 'done') return printOutcome(outcome);
    // The release is run by the rules it was planned under, recorded with it for the team.
    const rulebook = await session.controller.rulebook.share(await rulebookFilesOf(options));
    if (rulebook.kind === 'failed')
      process.stderr.write(`hyperfleet-tui: warning: the rulebook was not recorded: ${oneLine(rulebook.error)}\n`);
    process.stdout.write(renderSummary(session.store.getState()));
    return EXIT.ok;
  },
};
