import { VALUE_FLAGS, type CliCommand, type Completable, type SessionOptions } from './commands/command.js';

/**
 * Shell completion scripts, generated from the command registry: command names and flags are
 * written into the script; step ids and hotfix keys are asked for when completing, by calling
 * back `hyperfleet-tui __complete steps|hotfixes` (as gh does), so they follow the config and
 * the journal of the moment.
 */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const COMMON = ['--demo', '--config', '--release', '--tz', '--help'];

const shown = (commands: readonly CliCommand<SessionOptions>[]) => commands.filter((c) => !c.hidden);

function bashWords(what: Completable): string {
  if (what === 'steps') return '$("${COMP_WORDS[0]}" __complete steps $scope 2>/dev/null)';
  if (what === 'hotfixes') return '$("${COMP_WORDS[0]}" __complete hotfixes 2>/dev/null)';
  return what.words.join(' ');
}

function bash(commands: readonly CliCommand<SessionOptions>[]): string {
  const visible = shown(commands);
  const flagCases = visible.map((c) => `      ${c.name}) flags="${c.flags.map((f) => `--${f}`).join(' ')}" ;;`).join('\n');
  const positionalCases = visible
    .flatMap((c) => (c.positionals ?? []).map((p, i) => `      ${c.name}:${i}) words="${bashWords(p)}" ;;`))
    .join('\n');
  return `# hyperfleet-tui completion for bash: \`source <(hyperfleet-tui completion bash)\`
_hyperfleet_tui() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local cmd="" n=0 i scope="" words="" flags=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      --for) scope=hotfix; ((i++)) ;;
      ${VALUE_FLAGS.map((f) => `--${f}`).join('|')}) ((i++)) ;;
      -*) ;;
      *) if [[ -z "$cmd" ]]; then cmd="\${COMP_WORDS[i]}"; else ((n++)); fi ;;
    esac
  done
  if [[ "$prev" == "--for" ]]; then
    words="$("\${COMP_WORDS[0]}" __complete hotfixes 2>/dev/null)"
  elif [[ -z "$cmd" ]]; then
    words="${visible.map((c) => c.name).join(' ')} ${COMMON.join(' ')} --version"
  elif [[ "$cur" == -* ]]; then
    case "$cmd" in
${flagCases}
    esac
    words="$flags ${COMMON.join(' ')}"
  else
    case "$cmd:$n" in
${positionalCases}
    esac
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _hyperfleet_tui hyperfleet-tui
`;
}

/** zsh reads the bash script through bashcompinit: one source of truth for both. */
function zsh(commands: readonly CliCommand<SessionOptions>[]): string {
  return `# hyperfleet-tui completion for zsh: \`source <(hyperfleet-tui completion zsh)\`
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bash(commands).split('\n').slice(1).join('\n')}`;
}

function fish(commands: readonly CliCommand<SessionOptions>[]): string {
  const visible = shown(commands);
  const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const lines = ['# hyperfleet-tui completion for fish: `hyperfleet-tui completion fish | source`', 'complete -c hyperfleet-tui -f'];
  for (const c of visible) {
    lines.push(`complete -c hyperfleet-tui -n __fish_use_subcommand -a ${c.name} -d ${quote(c.summary.split(/[;:(]/)[0]!.trim())}`);
    for (const flag of c.flags) {
      const value = VALUE_FLAGS.includes(flag) ? ' -r' : '';
      const hotfixes = flag === 'for' ? " -a '(hyperfleet-tui __complete hotfixes)'" : '';
      lines.push(`complete -c hyperfleet-tui -n '__fish_seen_subcommand_from ${c.name}' -l ${flag}${value}${hotfixes}`);
    }
    const first = c.positionals?.[0];
    if (first) {
      const args =
        first === 'steps'
          ? '(hyperfleet-tui __complete steps)'
          : first === 'hotfixes'
            ? '(hyperfleet-tui __complete hotfixes)'
            : first.words.join(' ');
      lines.push(`complete -c hyperfleet-tui -n '__fish_seen_subcommand_from ${c.name}' -a ${quote(args)}`);
    }
  }
  for (const flag of COMMON)
    lines.push(`complete -c hyperfleet-tui -l ${flag.slice(2)}${VALUE_FLAGS.includes(flag.slice(2)) ? ' -r' : ''}`);
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: Shell, commands: readonly CliCommand<SessionOptions>[]): string {
  return { bash, zsh, fish }[shell](commands);
}
