import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN } from './run-cli.js';

/** What `hyperfleet-tui sandbox` printed: its exports, and each person line's token and state directory, in order. */
export interface SandboxPrinted {
  readonly exports: Record<string, string>;
  readonly people: ReadonlyArray<{ readonly GITHUB_TOKEN: string; readonly HYPERFLEET_STATE_DIR: string }>;
  /** What each person's line runs after its exports. */
  readonly commands: readonly string[];
}

export interface RunningSandbox extends SandboxPrinted {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with the first line it prints from now on that matches. */
  printed(line: RegExp): Promise<string>;
  /** Resolves when it exits, with its code and everything it wrote on stderr. */
  readonly exited: Promise<{ readonly code: number | null; readonly stderr: string }>;
}

const assignments = (text: string): Record<string, string> =>
  Object.fromEntries([...text.matchAll(/([A-Z_]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!] as const));

/** Parses the sandbox's text: `export NAME=value` lines, then `#   export GITHUB_TOKEN=… HYPERFLEET_STATE_DIR=… && …` per person. */
export function parseSandboxText(text: string): SandboxPrinted {
  const lines = text.split('\n');
  const exports = Object.fromEntries(
    lines.flatMap((l) => {
      const m = /^export ([A-Z_]+)=(\S+)$/.exec(l);
      return m ? [[m[1]!, m[2]!] as const] : [];
    }),
  );
  const people = lines
    .filter((l) => l.startsWith('#   export GITHUB_TOKEN='))
    .map((l) => assignments(l.split('&&')[0]!) as SandboxPrinted['people'][number]);
  const commands = lines.filter((l) => l.startsWith('#   export GITHUB_TOKEN=')).map((l) => l.split('&&')[1]!.split('#')[0]!.trim());
  return { exports, people, commands };
}

/** Starts `hyperfleet-tui sandbox` as a real process, in a clean environment, and reads what it prints up to its last line. */
export function startSandbox(args: readonly string[] = []): Promise<RunningSandbox> {
  const child = spawn(process.execPath, [BIN, 'sandbox', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  const printed = (line: RegExp) =>
    new Promise<string>((resolve) => {
      let rest = '';
      const onData = (chunk: string) => {
        rest += chunk;
        const found = rest.split('\n').find((l) => line.test(l));
        if (found === undefined) return;
        child.stdout.off('data', onData);
        resolve(found);
      };
      child.stdout.on('data', onData);
    });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      if (/^# Others: .*\n/m.test(text)) resolve({ ...parseSandboxText(text), child, exited, printed });
    });
    void exited.then(({ code }) => reject(new Error(`sandbox exited (${code}) before it was ready: ${text}${stderr}`)));
  });
}
