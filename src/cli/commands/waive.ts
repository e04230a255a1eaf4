import { runGateCommand } from '../gate-command.js';
import type { CliCommand } from './command.js';
import { parseShared } from './parsed-by-args.js';
import type { CliOptions } from '../args.js';

export const waiveCommand: CliCommand<CliOptions> = {
  name: 'waive',
  usage: ['waive STEP --layer ID --tracking KEY --reason TEXT --mitigation TEXT [--for HOTFIX]'],
  summary: 'waive a failing mandatory layer of a gate, with its tracking issue',
  flags: ['layer', 'tracking', 'reason', 'mitigation', 'for'],
  positionals: ['steps'],
  parse: parseShared,
  run: runGateCommand,
};
