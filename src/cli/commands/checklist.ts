import { safeJson } from '../../domain/sanitize.js';
import { buildChecklist, checklistExitCode, checklistMarkdown, checklistText } from '../checklist.js';
import { shownTimes } from '../../store/selectors.js';
import { UsageError } from '../../errors.js';
import { parseCommandArgs, type CliCommand, type SessionOptions } from './command.js';

interface ChecklistOptions extends SessionOptions {
  readonly forKey?: string;
  readonly format: 'text' | 'md' | 'json';
}

export const checklistCommand: CliCommand<ChecklistOptions> = {
  name: 'checklist',
  usage: ['checklist [--release V | --for HOTFIX] [--json | --format md]'],
  summary:
    'every step by phase: state, kind, owner role, due time, who and when, note, and the evidence of checks and gates; exit 0 when nothing is overdue, 1 when a step is overdue or a check fails, 3 when no source is reachable',
  flags: ['for', 'json', 'format'],
  parse(argv) {
    const { values, positionals, session } = parseCommandArgs('checklist', argv, {
      for: { type: 'string' },
      json: { type: 'boolean' },
      format: { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (see checklist --help)`);
    const format = values.json ? 'json' : ((values.format as string | undefined) ?? 'text');
    if (values.json && values.format !== undefined) throw new UsageError('give --json or --format, not both');
    if (!['text', 'md', 'json'].includes(format)) throw new UsageError(`--format expects md or json, got "${format}"`);
    const forKey = values.for as string | undefined;
    if (forKey && session.release) throw new UsageError('give --release or --for, not both');
    return { ...session, format: format as ChecklistOptions['format'], ...(forKey ? { forKey, hotfixRelease: true } : {}) };
  },
  async run(session, options) {
    const state = session.store.getState();
    const checklist = buildChecklist(state, options.forKey);
    const render = {
      json: () => `${safeJson(checklist)}\n`,
      md: () => checklistMarkdown(checklist, shownTimes(state)),
      text: () => checklistText(checklist, shownTimes(state)),
    };
    process.stdout.write(render[options.format]());
    return checklistExitCode(state, checklist);
  },
};
