import { EXIT } from '../../errors.js';
import { oneLine } from '../../domain/sanitize.js';
import { formatUtc } from '../../domain/time.js';
import type { RulebookStatus } from '../../app/rulebook-actions.js';
import { rulebookFilesOf } from '../config-path.js';
import { printOutcome } from '../print-outcome.js';
import { parseWord, type CliCommand, type SessionOptions } from './command.js';

const ACTIONS = ['status', 'share', 'use'] as const;
type RulebookAction = (typeof ACTIONS)[number];

interface RulebookOptions extends SessionOptions {
  readonly action: RulebookAction;
}

function describe(status: RulebookStatus): string {
  const local = `this machine's rulebook: ${status.local ?? 'unknown'}`;
  if (status.kind === 'unrecorded')
    return `${local}\nthe release has none recorded yet: \`hyperfleet-tui rulebook share\` records this one\n`;
  const release = `the release's: ${status.release.hash}, recorded by @${oneLine(status.release.by)} at ${formatUtc(status.release.at)} (${status.release.files.map((f) => oneLine(f.path)).join(', ')})`;
  const verdict =
    status.kind === 'same'
      ? 'the same: this machine folds the release by its rules'
      : "they differ: this machine may show another checklist than the team; `hyperfleet-tui rulebook use` saves the release's, or `rulebook share` makes yours the release's";
  return `${local}\n${release}\n${verdict}\n`;
}

export const rulebookCommand: CliCommand<RulebookOptions> = {
  name: 'rulebook',
  usage: ['rulebook status', 'rulebook share', 'rulebook use'],
  summary:
    "one release, one rulebook: whether this machine's configuration (hyperfleet.yaml, its notices and playbooks) is the one recorded for the release (status: exit 0 the same, 1 not or none recorded); share records yours as the release's; use saves the release's beside the journal and says how to start with it",
  flags: [],
  positionals: [{ words: ACTIONS }],
  parse(argv) {
    const { session, word } = parseWord('rulebook', argv, ACTIONS);
    return { ...session, action: word };
  },
  async run(session, options) {
    const rulebook = session.controller.rulebook;
    if (options.action === 'share') return printOutcome(await rulebook.share(await rulebookFilesOf(options)));
    if (options.action === 'use') return printOutcome(await rulebook.use());
    const status = rulebook.status();
    process.stdout.write(describe(status));
    return status.kind === 'same' ? EXIT.ok : EXIT.checkFailed;
  },
};
