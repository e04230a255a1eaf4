import { completionScript, SHELLS, type Shell } from '../completion.js';
import { EXIT, UsageError } from '../../errors.js';
import { parseCommandArgs, type CliCommand, type SessionOptions } from './command.js';

interface CompletionOptions extends SessionOptions {
  readonly shell: Shell;
}

/** The completion script lists every command: the registry hands itself in, so this file need not import it. */
export const completionCommand = (registry: () => readonly CliCommand<SessionOptions>[]): CliCommand<CompletionOptions> => ({
  name: 'completion',
  usage: ['completion bash|zsh|fish'],
  summary: 'print a shell completion script (commands, flags, step ids, hotfix keys), e.g. `source <(hyperfleet-tui completion bash)`',
  flags: [],
  positionals: [{ words: SHELLS }],
  parse(argv) {
    const { positionals, session } = parseCommandArgs('completion', argv, {});
    const [shell, extra] = positionals;
    if (!shell || !(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`completion needs a shell: ${SHELLS.join(', ')}`);
    if (extra) throw new UsageError(`unexpected argument "${extra}" (see completion --help)`);
    return { ...session, shell: shell as Shell };
  },
  async runAlone(options) {
    process.stdout.write(completionScript(options.shell, registry()));
    return EXIT.ok;
  },
});
