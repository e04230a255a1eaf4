import { HELP_AFTER_COMMANDS } from '../args.js';
import { VALUE_FLAGS, type CliCommand, type SessionOptions } from './command.js';
import { tuiCommand } from './tui.js';
import { planCommand } from './plan.js';
import { summaryCommand } from './summary.js';
import { statusCommand } from './status.js';
import { gateCommand } from './gate.js';
import { approveCommand } from './approve.js';
import { waiveCommand } from './waive.js';
import { reportCommand } from './report.js';
import { notifyCommand } from './notify.js';
import { hotfixCommand } from './hotfix.js';
import { checklistCommand } from './checklist.js';
import { tickCommand } from './tick.js';
import { untickCommand } from './untick.js';
import { undoCommand } from './undo.js';
import { completionCommand } from './completion.js';
import { ledgerCommand } from './ledger.js';
import { handoverCommand } from './handover.js';
import { rulebookCommand } from './rulebook.js';
import { sandboxCommand } from './sandbox.js';
import { completeCommand } from './complete.js';

/** Every command, in the order --help lists them. A new command is a file in this folder and a line here. */
export const COMMAND_REGISTRY: readonly CliCommand<SessionOptions>[] = [
  tuiCommand,
  planCommand,
  summaryCommand,
  statusCommand,
  gateCommand,
  approveCommand,
  waiveCommand,
  reportCommand,
  notifyCommand,
  hotfixCommand,
  checklistCommand,
  tickCommand,
  untickCommand,
  undoCommand,
  handoverCommand,
  ledgerCommand,
  rulebookCommand,
  sandboxCommand,
  completionCommand(() => COMMAND_REGISTRY),
  completeCommand,
];

export const findCommand = (name: string): CliCommand<SessionOptions> | undefined => COMMAND_REGISTRY.find((c) => c.name === name);

const TAKES_VALUE: ReadonlySet<string> = new Set(VALUE_FLAGS);

/** The command an argv names (its first positional), or `tui` when none does. */
export function commandName(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') return argv[i + 1] ?? 'tui';
    if (arg.startsWith('--')) {
      if (!arg.includes('=') && TAKES_VALUE.has(arg.slice(2))) i += 1;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) continue;
    return arg;
  }
  return 'tui';
}

const wrap = (text: string, indent: string, width = 96): string => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => `${indent}${l}`).join('\n');
};

/** The Commands section of --help: each command's synopsis, and what it does below it. */
export function commandsHelp(): string {
  return COMMAND_REGISTRY.filter((c) => !c.hidden || c === tuiCommand)
    .map((c) => `${c.usage.map((u) => `  ${u}`).join('\n')}\n${wrap(c.summary, '              ')}`)
    .join('\n');
}

/** `hyperfleet-tui COMMAND --help`. */
export function commandHelp(command: CliCommand<SessionOptions>): string {
  const flags = command.flags.map((f) => `--${f}`).join(' ');
  return [
    'Usage',
    ...command.usage.map((u) => `  hyperfleet-tui ${u}`),
    '',
    wrap(command.summary, '  '),
    '',
    `Flags: ${flags ? `${flags} ` : ''}--demo --config PATH --release VER --tz ZONE`,
    'Exit codes: 0 ok · 1 a check or gate failed, or refused · 2 usage or config error · 3 a backend unreachable · 4 internal error',
  ].join('\n');
}

/** `hyperfleet-tui --help`: generated from the registry, then the options, environment and exit codes. */
export function usageText(): string {
  return `hyperfleet-tui — release-day companion for HyperFleet releases and hotfixes

Usage
  hyperfleet-tui [command] [options]
  hyperfleet-tui COMMAND --help     that command's usage

Commands
${commandsHelp()}

${HELP_AFTER_COMMANDS}`;
}
