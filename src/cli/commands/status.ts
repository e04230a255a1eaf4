import { statusExitCode, statusJson, statusText } from '../status-report.js';
import type { CliCommand } from './command.js';
import { parseShared } from './parsed-by-args.js';
import type { CliOptions } from '../args.js';

export const statusCommand: CliCommand<CliOptions> = {
  name: 'status',
  usage: ['status [--json]'],
  summary:
    "print every test layer's live status (exit 0 all mandatory layers pass, 1 one does not, 3 no source reachable); --json for machines",
  flags: ['json'],
  parse: parseShared,
  async run(session, options) {
    const state = session.store.getState();
    const { text, evaluations } = options.json ? statusJson(state) : statusText(state);
    process.stdout.write(text);
    return statusExitCode(state, evaluations);
  },
};
