import { completionScript, SHELLS, type Shell } from '../completion.js';
import { EXIT } from '../../errors.js';
import { parseWord, type CliCommand, type SessionOptions } from './command.js';

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
    const { session, word } = parseWord('completion', argv, SHELLS, 'a shell');
    return { ...session, shell: word };
  },
  async runAlone(options) {
    process.stdout.write(completionScript(options.shell, registry()));
    return EXIT.ok;
  },
});
