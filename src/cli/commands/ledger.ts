import { EXIT, UsageError } from '../../errors.js';
import { formatInZone, type ShownTimes } from '../../domain/display-time.js';
import { shownTimes } from '../../store/selectors.js';
import { oneLine } from '../../domain/sanitize.js';
import type { LedgerSummary } from '../../domain/ledger.js';
import { parseWord, type CliCommand, type SessionOptions } from './command.js';

const ACTIONS = ['status', 'publish'] as const;
type LedgerAction = (typeof ACTIONS)[number];

interface LedgerOptions extends SessionOptions {
  readonly action: LedgerAction;
}

/** "12 events shared, 0 pending, read 14:02 CET", then why the last read or write failed. */
function describe(where: string, summary: LedgerSummary, times: ShownTimes): string {
  const read = summary.readAt !== undefined ? `, read ${formatInZone(summary.readAt, times.zone, times.now)}` : ', not read yet';
  const withdrawn = summary.withdrawn > 0 ? `, ${summary.withdrawn} withdrawn (someone else did the same first)` : '';
  const lines = [`${where}: ${summary.shared} events shared, ${summary.pending} pending${withdrawn}${read}`];
  if (summary.problem) lines.push(`last problem: ${oneLine(summary.problem)}`);
  return `${lines.join('\n')}\n`;
}

export const ledgerCommand: CliCommand<LedgerOptions> = {
  name: 'ledger',
  usage: ['ledger status', 'ledger publish'],
  summary:
    "the team's shared ledger (hyperfleet.yaml `ledger:`): what is shared and what this machine has not shared yet; publish shares this machine's journal to the branch once (idempotent; exit 3 when GitHub cannot be reached, 2 without a ledger)",
  flags: [],
  positionals: [{ words: ACTIONS }],
  parse(argv) {
    const { session, word } = parseWord('ledger', argv, ACTIONS);
    return { ...session, action: word };
  },
  async run(session, options) {
    const { ledger } = session;
    if (!ledger)
      throw new UsageError(
        'no shared ledger is configured: add `ledger: { repo: …, branch: … }` to hyperfleet.yaml, or set HYPERFLEET_LEDGER=REPO@BRANCH',
      );
    let problem: string | undefined;
    // The session's refresh has read the branch and shared what was pending; publish says so for certain.
    if (options.action === 'publish') await ledger.sync().catch((error: Error) => (problem = error.message));
    const summary = await ledger.summary();
    process.stdout.write(describe(ledger.describe(), summary, shownTimes(session.store.getState())));
    if (problem ?? summary.problem) return EXIT.backendUnreachable;
    return options.action === 'publish' && summary.pending > 0 ? EXIT.checkFailed : EXIT.ok;
  },
};
