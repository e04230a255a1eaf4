import { renderSummary } from '../summary.js';
import { EXIT } from '../../errors.js';
import type { CliCommand } from './command.js';
import { parseShared } from './parsed-by-args.js';
import type { CliOptions } from '../args.js';

export const summaryCommand: CliCommand<CliOptions> = {
  name: 'summary',
  usage: ['summary'],
  summary: 'print a plain-text summary of the release and open hotfixes',
  flags: [],
  parse: parseShared,
  async run(session) {
    process.stdout.write(renderSummary(session.store.getState()));
    return EXIT.ok;
  },
};
