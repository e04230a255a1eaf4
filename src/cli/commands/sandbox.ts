import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { bundledConfigPath } from '../../app/paths.js';
import type { Sandbox } from '../../app/sandbox.js';
import { EXIT, UsageError } from '../../errors.js';
import { parseCommandArgs, type CliCommand, type SessionOptions } from './command.js';

/** A value as one shell word: bare when it is safe so, else single-quoted. */
export const shellWord = (value: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

/**
 * The app as this run was started (`bin/hyperfleet-tui` in a clone, the installed command
 * otherwise), so the printed lines run as pasted: a clone's app is not on PATH.
 */
function launchedAs(): string {
  const script = process.argv[1];
  return script && !script.endsWith('.js') ? shellWord(script) : 'hyperfleet-tui';
}

/**
 * What the sandbox prints: the `export` lines every terminal needs, then, as comments (so the
 * whole of it can be sourced), who each terminal can be and how to stop it.
 */
export function sandboxText(sandbox: Sandbox, command = launchedAs()): string {
  const exports = sandbox.environment.map(([name, value]) => `export ${name}=${shellWord(value)}`);
  const person = (p: Sandbox['people'][number]) =>
    `export GITHUB_TOKEN=${shellWord(p.token)} HYPERFLEET_STATE_DIR=${shellWord(p.stateDir)} && ${command}   # @${p.login}, ${p.roles.join(', ')}`;
  const [first, second, ...others] = sandbox.people;
  return [
    `# hyperfleet-tui sandbox: release ${sandbox.release} of the demo on 127.0.0.1, its history on the shared ledger. Ctrl-C stops it.`,
    ...exports,
    '# Paste the lines above into each terminal; then be one person in each, e.g.',
    ...(first ? [`#   ${person(first)}`] : []),
    ...(second ? [`#   ${person(second)}`] : []),
    ...(others.length
      ? [`# Others: ${others.map((p) => `${p.token} (${p.roles.join(', ')})`).join(', ')}; each in a state directory of their own.`]
      : []),
    '',
  ].join('\n');
}

/** Resolves on the first of Ctrl-C, `kill` or a closed terminal; a second one meanwhile is ignored until the sandbox has stopped. */
function stopRequested(): { readonly requested: Promise<string>; release(): void } {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  let done: (signal: string) => void = () => {};
  const requested = new Promise<string>((resolve) => (done = resolve));
  const handler = (signal: string) => done(signal);
  for (const signal of signals) process.on(signal, handler);
  return { requested, release: () => signals.forEach((signal) => process.off(signal, handler)) };
}

/**
 * `--story`: each line typed here plays the next event of a story in the world (`r` the
 * release's, `h` the hotfix's), said as a comment line.
 */
function playStories(sandbox: Sandbox): { close(): void } {
  const lines = createInterface({ input: process.stdin, terminal: false });
  let queue = Promise.resolve();
  lines.on('line', (line) => {
    const story = ({ r: 'release', h: 'hotfix' } as const)[line.trim() as 'r' | 'h'];
    queue = queue.then(async () => {
      if (!story) return void process.stdout.write("# type r and Enter for the release's next event, h for the hotfix's\n");
      const step = await sandbox.advance(story).catch((error: Error) => ({ title: `not played: ${error.message}` }));
      const said = !step
        ? 'the story is over'
        : 'leftTo' in step && step.leftTo
          ? `${step.title}: left to ${step.leftTo}, in their terminal`
          : step.title;
      process.stdout.write(`# ${story}: ${said}\n`);
    });
  });
  return { close: () => lines.close() };
}

interface SandboxOptions extends SessionOptions {
  readonly story: boolean;
}

export const sandboxCommand: CliCommand<SandboxOptions> = {
  name: 'sandbox',
  usage: ['sandbox [--story]'],
  summary:
    "a release day to rehearse as a team: starts the demo's world (GitHub with the shared ledger, Prow, the registry, Slack) on 127.0.0.1 and prints the `export` lines each terminal needs; a token `demo-<login>` signs in as that login, so two terminals are two people on one release. By default the world stays as the demo starts it and no scripted colleague acts, so whatever changes on a screen one of you did (the demo's `>` story with its scripted colleagues is --demo's, for one person alone). With --story, lines typed in its terminal play the demo's stories in the world, r the release's next event (the nightly re-run, GA tags, images), h the hotfix's; a colleague's action in them (a sign-off) is left to whoever plays that role. Ctrl-C stops it and removes its files (exit 0); nothing leaves the machine",
  flags: ['story'],
  parse(argv) {
    const { positionals, session, values } = parseCommandArgs('sandbox', argv, { story: { type: 'boolean' } });
    if (positionals[0]) throw new UsageError(`unexpected argument "${positionals[0]}" (see sandbox --help)`);
    for (const [flag, given] of [
      ['--demo', session.demo],
      ['--release', session.release],
      ['--read-only', session.readOnly],
    ] as const)
      if (given) throw new UsageError(`sandbox takes no ${flag}: it serves the demo's release for every terminal (see sandbox --help)`);
    return { ...session, story: values.story === true };
  },
  async runAlone(options) {
    const stop = stopRequested();
    try {
      const configPath = resolve(options.config ?? process.env.HYPERFLEET_CONFIG ?? bundledConfigPath());
      const [{ loadConfig }, { startSandbox }] = await Promise.all([import('../../config/load.js'), import('../../app/sandbox.js')]);
      const sandbox = await startSandbox(loadConfig(configPath), configPath, Date.now());
      const stories = options.story ? playStories(sandbox) : null;
      try {
        process.stdout.write(sandboxText(sandbox));
        if (stories)
          process.stdout.write("# --story: type r and Enter here for the release's next event in the world, h for the hotfix's\n");
        await stop.requested;
      } finally {
        stories?.close();
        await sandbox.stop();
      }
    } finally {
      stop.release();
    }
    process.stderr.write('hyperfleet-tui: sandbox stopped; its files are removed\n');
    return EXIT.ok;
  },
};
