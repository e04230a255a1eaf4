import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Session } from '../../app/session.js';
import { UsageError } from '../../errors.js';
import { checkFlagLengths } from '../input-limits.js';
import { tzFlag } from '../display-zone.js';
import type { DisplayZone } from '../../domain/display-time.js';

/** What every command reads to open its session. */
export interface SessionOptions {
  readonly demo: boolean;
  /** `--read-only`: an observer; every recording command and key is refused with why. */
  readonly readOnly?: boolean;
  readonly config?: string;
  readonly release?: string;
  /** `--tz`: the zone this person reads times in, before the config's and TZ. */
  readonly tz?: DisplayZone;
  /** Hotfix work needs no planned release: the affected release (a version), else the newest hotfix's (true). */
  readonly hotfixRelease?: string | true;
}

/**
 * One command of the command line. `--help` and completion are generated from these; adding a
 * command is one file here and one line in the registry (commands/index.ts).
 */
export interface CliCommand<O extends SessionOptions = SessionOptions> {
  readonly name: string;
  /** The synopsis after `hyperfleet-tui`, e.g. `tick STEP [--note TEXT] [--for HOTFIX]`; one per line. */
  readonly usage: readonly string[];
  /** What it does and its exit codes, in a sentence or two. */
  readonly summary: string;
  /** Its own flags (without the leading --), for completion. */
  readonly flags: readonly string[];
  /** What its positional arguments are, in order, for completion. */
  readonly positionals?: readonly Completable[];
  /** Left out of --help and completion (the completion script's callback). */
  readonly hidden?: boolean;
  /** Throws UsageError (exit 2) with one line. */
  parse(argv: readonly string[]): O;
  /** With a session: the journal is read, and the sources were asked once. Returns the exit code. */
  run?(session: Session, options: O): Promise<number>;
  /** Without a session (completion): returns the exit code. */
  runAlone?(options: O): Promise<number>;
}

/** What completion offers for a positional: fixed words, the playbooks' step ids, or the journal's hotfix keys. */
export type Completable = { readonly words: readonly string[] } | 'steps' | 'hotfixes';

/** The flags every command takes. */
export const COMMON_FLAGS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  demo: { type: 'boolean' },
  'read-only': { type: 'boolean' },
  config: { type: 'string' },
  release: { type: 'string' },
  tz: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** Every flag any command takes with a value: the word after one is never the command's name. */
export const VALUE_FLAGS: readonly string[] = [
  'config',
  'release',
  'tz',
  'comment',
  'role',
  'format',
  'ga',
  'layer',
  'tracking',
  'reason',
  'mitigation',
  'for',
  'set',
  'key',
  'severity',
  'component',
  'affects',
  'summary',
  'reported',
  'note',
  'out',
];

type Flags = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's argv (its name included) with the common flags and its own, strictly:
 * an unknown flag or a missing value is one line naming it. Returns the flag values and the
 * positionals after the command's name.
 */
export function parseCommandArgs<F extends Flags>(name: string, argv: readonly string[], own: F) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { ...COMMON_FLAGS, ...own } });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
    throw new UsageError(`${message} (see ${name} --help)`);
  }
  checkFlagLengths(parsed.values);
  const [, ...positionals] = parsed.positionals;
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const release = values.release as string | undefined;
  if (release !== undefined && !/^v\d+\.\d+\.\d+$/.test(release))
    throw new UsageError(`--release expects a version like v0.4.0, got "${release}"`);
  const tz = tzFlag(values.tz as string | undefined);
  const session: SessionOptions = {
    demo: values.demo === true,
    ...(values['read-only'] === true ? { readOnly: true } : {}),
    ...(typeof values.config === 'string' ? { config: values.config } : {}),
    ...(release ? { release } : {}),
    ...(tz ? { tz } : {}),
  };
  return { values, positionals, session };
}

/**
 * A command whose one positional is a word of `words` (`ledger status`, `completion bash`):
 * the word, or one line saying which words there are (`what` names them: "one of", "a shell").
 */
export function parseWord<W extends string>(name: string, argv: readonly string[], words: readonly W[], what = 'one of') {
  const { positionals, session } = parseCommandArgs(name, argv, {});
  const [word, extra] = positionals;
  if (!word || !(words as readonly string[]).includes(word)) throw new UsageError(`${name} needs ${what}: ${words.join(', ')}`);
  if (extra) throw new UsageError(`unexpected argument "${extra}" (see ${name} --help)`);
  return { session, word: word as W };
}
