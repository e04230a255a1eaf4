import { renderSummary } from '../summary.js';
import { EXIT } from '../../errors.js';
import type { CliCommand } from './command.js';
import { parseShared } from './parsed-by-args.js';
import type { CliOptions } from '../args.js';

/** No command: the interactive app on a terminal (started by cli.tsx), else the summary. */
export const tuiCommand: CliCommand<CliOptions> = {
  name: 'tui',
  usage: ['(none)'],
  summary: 'open the interactive app (prints the summary when not on a terminal)',
  flags: [],
  hidden: true,
  parse: parseShared,
  async run(session) {
    process.stdout.write(renderSummary(session.store.getState()));
    return EXIT.ok;
  },
};
