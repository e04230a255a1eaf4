import { ConfigError } from './config/errors.js';
import { defaultCacheDir, loadConfigCached } from './config/cache.js';
import { JournalError } from './journal/file-store.js';
import { bundledConfigPath } from './app/paths.js';
import { openSession } from './app/session.js';
import { redactSecrets } from './app/redact.js';
import { parseCli, USAGE } from './cli/args.js';
import { EXIT, UsageError } from './cli/errors.js';
import { statusExitCode, statusJson, statusText } from './cli/status-report.js';
import { runGateCommand } from './cli/gate-command.js';
import { runNotifyCommand } from './cli/notify-command.js';
import { runHotfixCommand } from './cli/hotfix-command.js';
import { buildReport, reportMarkdown } from './cli/report.js';
import { renderSummary } from './cli/summary.js';
import { pastGaProblem } from './domain/cadence.js';
import { parseAffectedRelease } from './domain/hotfix.js';
import { oneLine, safeJson } from './domain/sanitize.js';
import { supportsHyperlinks } from './cli/terminal.js';
import { printOutcome } from './cli/print-outcome.js';

declare const HYPERFLEET_VERSION: string | undefined;
declare const HYPERFLEET_BUILD: string | undefined;
const version = typeof HYPERFLEET_VERSION === 'string' ? HYPERFLEET_VERSION : 'dev';

/** A built bundle remembers validated configurations (see config/cache.ts); code run from src/ never does. */
const configCache = typeof HYPERFLEET_BUILD === 'string' ? { dir: defaultCacheDir(), buildId: HYPERFLEET_BUILD } : null;

/** NO_COLOR (any non-empty value) turns colour off, as https://no-color.org asks. */
const colourWanted = (env: NodeJS.ProcessEnv): boolean => !env.NO_COLOR;

/**
 * Loads the interactive app (Ink, React, yoga) around two quirks of Ink's dependencies:
 * - yoga loads its inline WebAssembly through fetch() whenever fetch exists, and in Node 20 the
 *   first touch of fetch loads undici: ~60 ms before the first frame. Hidden while Ink loads,
 *   yoga decodes the inline module directly.
 * - Ink reads CI/CONTINUOUS_INTEGRATION once, at load, and then draws nothing until exit. We
 *   only get here with a terminal on both ends, which is interactive wherever it runs.
 * Both are put back before any of our code runs.
 */
async function loadInteractiveApp(): Promise<typeof import('./cli/tui.js')> {
  const fetchDescriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  const ciVariables = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  try {
    return await import('./cli/tui.js');
  } finally {
    if (fetchDescriptor) Object.defineProperty(globalThis, 'fetch', fetchDescriptor);
    for (const [name, value] of Object.entries(ciVariables)) if (value !== undefined) process.env[name] = value;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseCli(argv);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (options.version) {
    process.stdout.write(`hyperfleet-tui ${version}\n`);
    return EXIT.ok;
  }
  // A GA day already past is a mistake in the command, refused before anything is asked or written.
  const pastGa = options.command === 'plan' ? pastGaProblem(options.ga!, Date.now()) : null;
  if (pastGa) throw new UsageError(pastGa);
  // Raw mode needs a terminal on both ends; anything else gets the plain-text summary.
  const interactive = options.command === 'tui' && process.stdout.isTTY === true && process.stdin.isTTY === true;
  // Start loading the interactive app now: it loads while the config and journal are read.
  const tui = interactive ? loadInteractiveApp() : null;
  const configPath = options.config ?? process.env.HYPERFLEET_CONFIG ?? bundledConfigPath();
  const config = configCache ? await loadConfigCached(configPath, configCache) : (await import('./config/load.js')).loadConfig(configPath);
  const session = await openSession({
    config,
    demo: options.demo,
    ...(options.release ? { release: options.release } : {}),
    // Hotfix commands work without a planned release: the affected release's branch is read.
    ...(options.hotfix ? { hotfixRelease: (options.hotfix.open && parseAffectedRelease(options.hotfix.open.affects)) ?? true } : {}),
  });
  try {
    if (!tui) {
      // Every headless command reads the journal here: the lines it could not use are said once, on
      // stderr, whatever the command prints (the interactive app shows them on its Log screen).
      for (const warning of session.store.getState().journalWarnings) {
        process.stderr.write(`hyperfleet-tui: warning: ${oneLine(warning.message)}\n`);
      }
      await session.controller.refresh();
      const state = session.store.getState();
      if (options.command === 'gate' || options.command === 'approve' || options.command === 'waive') {
        return await runGateCommand(session, options);
      }
      if (options.command === 'notify') return await runNotifyCommand(session, options);
      if (options.command === 'hotfix') return await runHotfixCommand(session, options);
      if (options.command === 'plan') {
        const outcome = await session.controller.plan(options.ga!);
        if (outcome.kind !== 'done') return printOutcome(outcome);
        process.stdout.write(renderSummary(session.store.getState()));
        return EXIT.ok;
      }
      if (options.command === 'report') {
        const report = buildReport(state);
        process.stdout.write(options.format === 'json' ? `${safeJson(report)}\n` : reportMarkdown(report));
        return EXIT.ok;
      }
      if (options.command === 'status') {
        const { text, evaluations } = options.json ? statusJson(state) : statusText(state);
        process.stdout.write(text);
        return statusExitCode(state, evaluations);
      }
      process.stdout.write(renderSummary(state));
      return EXIT.ok;
    }
    const { runTui } = await tui;
    await runTui(session, { colour: colourWanted(process.env), hyperlinks: supportsHyperlinks(process.env) });
    return EXIT.ok;
  } finally {
    await session.dispose();
  }
}

function report(error: unknown): number {
  if (error instanceof ConfigError || error instanceof UsageError || error instanceof JournalError) {
    // A config error quotes the file's own text: outside text, like any other.
    process.stderr.write(`hyperfleet-tui: ${oneLine(redactSecrets(error.message))}\n`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`hyperfleet-tui: internal error: ${oneLine(redactSecrets(message))}\n`);
  if (process.env.HYPERFLEET_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${redactSecrets(error.stack)}\n`);
  else process.stderr.write('Run again with HYPERFLEET_DEBUG=1 for details, and report it.\n');
  return EXIT.internal;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = report(error);
  },
);
