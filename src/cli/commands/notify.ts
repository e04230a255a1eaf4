import { runNotifyCommand } from '../notify-command.js';
import type { CliCommand } from './command.js';
import { parseShared } from './parsed-by-args.js';
import type { CliOptions } from '../args.js';

export const notifyCommand: CliCommand<CliOptions> = {
  name: 'notify',
  usage: ['notify --list [--json]', 'notify KIND [--for HOTFIX] [--set FIELD=TEXT]... [--edit] [--dry-run]'],
  summary:
    'list every notice of the release and open hotfixes (key, due time, state), or post one to Slack exactly once; once sent, it is edited in place only with --edit (else exit 1, saying when it was sent); without SLACK_BOT_TOKEN, or with --dry-run, prints the exact payload and sends nothing',
  flags: ['list', 'json', 'for', 'set', 'edit', 'dry-run'],
  parse: parseShared,
  run: runNotifyCommand,
};
