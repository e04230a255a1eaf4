import { runGateCommand } from '../gate-command.js';
import type { CliCommand } from './command.js';
import { parseShared } from './parsed-by-args.js';
import type { CliOptions } from '../args.js';

export const approveCommand: CliCommand<CliOptions> = {
  name: 'approve',
  usage: ['approve STEP [--comment TEXT] [--role ROLE] [--for HOTFIX]'],
  summary:
    "approve a gate as your GitHub login (refused, exit 1, unless you may); --role names the role you sign a sign-off gate as when you hold several; --for a hotfix's gate, e.g. `approve qe-signoff --for HYPERFLEET-901`",
  flags: ['comment', 'role', 'for'],
  positionals: ['steps'],
  parse: parseShared,
  run: runGateCommand,
};
