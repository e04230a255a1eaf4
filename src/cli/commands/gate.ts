import { runGateCommand } from '../gate-command.js';
import type { CliCommand } from './command.js';
import { parseShared } from './parsed-by-args.js';
import type { CliOptions } from '../args.js';

export const gateCommand: CliCommand<CliOptions> = {
  name: 'gate',
  usage: ['gate [STEP] [--for HOTFIX] [--json]'],
  summary:
    'the release gate (default: the last gate of the checklist): exit 0 when its layers pass or are waived, 1 when not, 3 no source reachable; a gate of sign-offs alone (final-signoff): 0 once every role has signed, 1 until then',
  flags: ['json', 'for'],
  positionals: ['steps'],
  parse: parseShared,
  run: runGateCommand,
};
