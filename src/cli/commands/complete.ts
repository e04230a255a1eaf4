import { bundledConfigPath } from '../../app/paths.js';
import { hotfixKeysInJournal } from '../../app/session.js';
import { loadConfig } from '../../config/load.js';
import { allSteps } from '../../domain/config.js';
import { oneLine } from '../../domain/sanitize.js';
import { EXIT, UsageError } from '../../errors.js';
import { parseCommandArgs, type CliCommand, type SessionOptions } from './command.js';

interface CompleteOptions extends SessionOptions {
  readonly what: 'steps' | 'hotfixes';
  readonly hotfix: boolean;
}

/**
 * `__complete steps [hotfix]` and `__complete hotfixes`: what the completion scripts ask for while
 * completing, one word a line. A broken config or journal completes nothing rather than print an error into the prompt.
 */
export const completeCommand: CliCommand<CompleteOptions> = {
  name: '__complete',
  usage: ['__complete steps [hotfix] | hotfixes'],
  summary: "the words completion offers: the playbooks' step ids, or the journal's hotfix keys",
  flags: [],
  hidden: true,
  parse(argv) {
    const { positionals, session } = parseCommandArgs('__complete', argv, {});
    const [what, scope] = positionals;
    if (what !== 'steps' && what !== 'hotfixes') throw new UsageError('__complete needs steps or hotfixes');
    return { ...session, what, hotfix: scope === 'hotfix' };
  },
  async runAlone(options) {
    try {
      const words =
        options.what === 'hotfixes'
          ? await hotfixKeysInJournal()
          : allSteps(
              loadConfig(options.config ?? process.env.HYPERFLEET_CONFIG ?? bundledConfigPath()).playbooks[
                options.hotfix ? 'hotfix' : 'release'
              ],
            ).map((s) => s.id);
      process.stdout.write(words.map((w) => `${oneLine(w)}\n`).join(''));
    } catch {
      // Nothing to offer: the prompt stays clean.
    }
    return EXIT.ok;
  },
};
