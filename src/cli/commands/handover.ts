import { writeFileSync } from 'node:fs';
import { EXIT, UsageError } from '../../errors.js';
import { oneLine, safeJson } from '../../domain/sanitize.js';
import { isoOrNull } from '../../domain/time.js';
import type { HandoverRecord } from '../../domain/fold.js';
import type { Session } from '../../app/session.js';
import type { HandoverText } from '../../app/handover-actions.js';
import { printOutcome } from '../print-outcome.js';
import { parseCommandArgs, type CliCommand, type SessionOptions } from './command.js';

export interface HandoverOptions extends SessionOptions {
  /** Print what a hand-over now would say; record nothing. */
  readonly preview: boolean;
  /** The last hand-over recorded, instead of a new one. */
  readonly last: boolean;
  /** Post it to the team's channel (once). */
  readonly post: boolean;
  readonly json: boolean;
  /** Write the Markdown here instead of stdout. */
  readonly out?: string;
}

const FLAGS = {
  preview: { type: 'boolean' },
  last: { type: 'boolean' },
  post: { type: 'boolean' },
  json: { type: 'boolean' },
  out: { type: 'string' },
} as const;

function asJson(text: HandoverText, handover: HandoverRecord | null): string {
  const sent = handover?.notice?.sent;
  const record = handover
    ? {
        id: handover.id,
        at: isoOrNull(handover.at),
        by: handover.by,
        since: isoOrNull(handover.since),
      }
    : null;
  const posted = sent ? { at: isoOrNull(sent.at), by: sent.by, permalink: sent.permalink ?? null } : null;
  // As every --json: outside text (titles, reasons) with C1 and bidi controls escaped.
  return `${safeJson({ headline: text.headline, recorded: record, posted, sections: text.sections })}\n`;
}

/** Prints (or writes) a hand-over; the exit code of that alone. */
function emit(session: Session, options: HandoverOptions, text: HandoverText, handover: HandoverRecord | null): number {
  const body = options.json ? asJson(text, handover) : session.controller.handovers.markdown(text);
  if (!options.out) {
    process.stdout.write(body);
    return EXIT.ok;
  }
  try {
    writeFileSync(options.out, body);
  } catch (error) {
    process.stderr.write(`hyperfleet-tui: could not write ${oneLine(options.out)}: ${oneLine((error as Error).message)}\n`);
    return EXIT.backendUnreachable;
  }
  process.stderr.write(`hyperfleet-tui: wrote the hand-over to ${oneLine(options.out)}\n`);
  return EXIT.ok;
}

export const handoverCommand: CliCommand<HandoverOptions> = {
  name: 'handover',
  usage: ['handover [--preview | --last] [--post] [--out FILE] [--json]'],
  summary:
    "hand the release over: records a summary of everything since the last hand-over (failing, due in the next 8h, claimed, open, done) and prints it as Markdown; --preview records nothing, --last shows the last one, --post also posts it to the team's channel, once for the whole team (exit 1 when it was posted already, 3 when Slack or the journal failed)",
  flags: Object.keys(FLAGS),
  parse(argv) {
    const { values, positionals, session } = parseCommandArgs('handover', argv, FLAGS);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (see handover --help)`);
    if (values.preview && values.last) throw new UsageError('--preview and --last: choose one (see handover --help)');
    if (values.preview && values.post) throw new UsageError('--preview records nothing, so there is nothing to --post yet');
    return {
      ...session,
      preview: values.preview === true,
      last: values.last === true,
      post: values.post === true,
      json: values.json === true,
      ...(typeof values.out === 'string' ? { out: values.out } : {}),
    };
  },
  async run(session, options) {
    const handovers = session.controller.handovers;
    if (options.preview) {
      const viewer = session.store.getState().viewer ?? 'you';
      return emit(session, options, handovers.draft(viewer), null);
    }
    let handover: HandoverRecord | undefined;
    if (options.last) {
      handover = handovers.last();
      if (!handover) {
        process.stderr.write('hyperfleet-tui: no hand-over has been recorded for this release yet (run `handover`)\n');
        return EXIT.checkFailed;
      }
    } else {
      const written = await handovers.write();
      if (!written.handover) return printOutcome(written);
      handover = written.handover;
    }
    const printed = emit(session, options, handovers.textOf(handover), handover);
    if (!options.post || printed !== EXIT.ok) return printed;
    const result = await handovers.post(handover.id, { onWait: (holder) => process.stderr.write(`hyperfleet-tui: ${oneLine(holder)}\n`) });
    if (result.kind !== 'done') return printOutcome(result);
    process.stderr.write(`hyperfleet-tui: ${oneLine(result.message)}\n`);
    return EXIT.ok;
  },
};
