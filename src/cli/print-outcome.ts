import { outcomeText, type Outcome } from '../domain/outcome.js';
import { oneLine } from '../domain/sanitize.js';
import { EXIT } from '../errors.js';

/**
 * The one way a headless command reports an action: what was done on stdout (exit 0); a refusal
 * on stderr: exit 2 when it is about a value given (a flag, as a form's field would be: a
 * severity that is none, a note that is needed), else exit 1, as a check or gate that failed; a
 * failure on stderr (exit 3: the journal, Slack or GitHub did not do what was asked).
 */
export function printOutcome(outcome: Outcome): number {
  if (outcome.kind === 'done') {
    process.stdout.write(`${oneLine(outcome.message)}\n`);
    return EXIT.ok;
  }
  process.stderr.write(`hyperfleet-tui: ${oneLine(outcomeText(outcome))}\n`);
  if (outcome.kind === 'failed') return EXIT.backendUnreachable;
  return outcome.field ? EXIT.usage : EXIT.checkFailed;
}
