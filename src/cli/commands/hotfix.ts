import { parseAffectedRelease } from '../../domain/hotfix.js';
import { HOTFIX_ACTIONS, type CliOptions } from '../args.js';
import { runHotfixCommand } from '../hotfix-command.js';
import type { CliCommand, SessionOptions } from './command.js';
import { parseShared } from './parsed-by-args.js';

export const hotfixCommand: CliCommand<CliOptions & SessionOptions> = {
  name: 'hotfix',
  usage: [
    'hotfix list [--json]',
    'hotfix open --key KEY --severity S --component C --affects vX.Y.Z --summary TEXT [--reported now|"2h ago"|"YYYY-MM-DD HH:MM"]',
    'hotfix severity KEY SEVERITY [--reason TEXT]',
    'hotfix reported KEY TIME [--reason TEXT]',
    'hotfix close KEY [--note TEXT]',
    'hotfix timeline KEY [--format md|json]',
    'hotfix handoff KEY [--out FILE]',
  ],
  summary:
    'open hotfixes, most urgent first; open one (UTC; the SLA clock starts at --reported), re-grade it (re-bases the deadline), correct its report time, close it (a note is needed while steps are open); its timeline (every event, elapsed time, SLAs kept or missed) and QE handoff package',
  flags: ['json', 'key', 'severity', 'component', 'affects', 'summary', 'reported', 'reason', 'note', 'format', 'out'],
  positionals: [{ words: HOTFIX_ACTIONS }, 'hotfixes'],
  parse(argv) {
    const options = parseShared(argv);
    // Hotfix commands work without a planned release: the affected release's branch is read.
    return { ...options, hotfixRelease: (options.hotfix?.open && parseAffectedRelease(options.hotfix.open.affects)) || true };
  },
  run: runHotfixCommand,
};
