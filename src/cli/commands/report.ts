import { safeJson } from '../../domain/sanitize.js';
import { buildReport, reportMarkdown } from '../report.js';
import { shownZone } from '../../store/selectors.js';
import { EXIT } from '../../errors.js';
import type { CliCommand } from './command.js';
import { parseShared } from './parsed-by-args.js';
import type { CliOptions } from '../args.js';

export const reportCommand: CliCommand<CliOptions> = {
  name: 'report',
  usage: ['report [--format md|json]'],
  summary: 'the release notes skeleton with the compatibility matrix, gate results, approvals and waivers; --format md (default) or json',
  flags: ['format'],
  parse: parseShared,
  async run(session, options) {
    const report = buildReport(session.store.getState());
    process.stdout.write(options.format === 'json' ? `${safeJson(report)}\n` : reportMarkdown(report, shownZone(session.store.getState())));
    return EXIT.ok;
  },
};
