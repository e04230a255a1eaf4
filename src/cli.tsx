import { recordsSomething } from './cli/read-only.js';
import { READ_ONLY_REFUSAL } from './app/read-only.js';
import { ConfigError } from './config/errors.js';
import { defaultCacheDir, loadConfigCached } from './config/cache.js';
import { JournalError } from './journal/file-store.js';
import { configPathOf } from './cli/config-path.js';
import { openSession } from './app/session.js';
import { startFakesWorker } from './demo/launch-fakes.js';
import { redactSecrets } from './app/redact.js';
import { EXIT, UsageError } from './errors.js';
import { oneLine } from './domain/sanitize.js';
import { commandHelp, commandName, findCommand, usageText } from './cli/commands/index.js';
import { supportsHyperlinks } from './cli/terminal.js';
import { chooseDisplayZone } from './domain/display-time.js';

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
  const name = commandName(argv);
  const command = findCommand(name);
  if (!command || (command.hidden && command.name !== 'tui' && !command.runAlone))
    throw new UsageError(`unknown command "${name}" (see --help)`);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${command.name === 'tui' ? usageText() : commandHelp(command)}\n`);
    return EXIT.ok;
  }
  if (argv.includes('--version') || argv.includes('-V')) {
    process.stdout.write(`hyperfleet-tui ${version}\n`);
    return EXIT.ok;
  }
  const options = command.parse(argv);
  if (command.runAlone) return await command.runAlone(options);
  if (options.readOnly && recordsSomething(command.name, options)) {
    process.stderr.write(`hyperfleet-tui: ${command.name} not run: ${READ_ONLY_REFUSAL}\n`);
    return EXIT.checkFailed;
  }
  // Raw mode needs a terminal on both ends; anything else gets the plain-text summary.
  const interactive = command.name === 'tui' && process.stdout.isTTY === true && process.stdin.isTTY === true;
  // Start loading the interactive app (and the demo's fakes, in their worker) now: they load while
  // the config and journal are read.
  const tui = interactive ? loadInteractiveApp() : null;
  const fakesWorker = interactive && options.demo ? startFakesWorker() : undefined;
  const configPath = configPathOf(options);
  const config = configCache ? await loadConfigCached(configPath, configCache) : (await import('./config/load.js')).loadConfig(configPath);
  const chosen = chooseDisplayZone({ flag: options.tz, configured: config.display?.timeZone, tz: process.env.TZ });
  const session = await openSession({
    config,
    displayZone: chosen.zone,
    demo: options.demo,
    ...(options.readOnly ? { readOnly: true } : {}),
    ...(fakesWorker ? { fakesWorker } : {}),
    ...(tui ? { fetchReady: tui.catch(() => {}) } : {}),
    ...(options.release ? { release: options.release } : {}),
    ...(options.hotfixRelease ? { hotfixRelease: options.hotfixRelease } : {}),
  });
  try {
    if (!tui) {
      // Every headless command reads the journal here: the lines it could not use are said once, on
      // stderr, whatever the command prints (the interactive app shows them on its Log screen).
      for (const warning of session.store.getState().journalWarnings) {
        process.stderr.write(`hyperfleet-tui: warning: ${oneLine(warning.message)}\n`);
      }
      if (chosen.ignoredTz !== undefined)
        process.stderr.write(
          `hyperfleet-tui: warning: TZ=${oneLine(chosen.ignoredTz)} names no IANA zone; times are in UTC (set TZ or pass --tz, e.g. Europe/Berlin)\n`,
        );
      await session.controller.refresh();
      return await command.run!(session, options);
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
