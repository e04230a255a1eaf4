import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const BIN = resolve(import.meta.dirname, '../../bin/hyperfleet-tui');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Nothing listens on port 2 (and fetch allows it): live sources in tests fail fast on loopback instead of reaching out.
 * (Tests only ever talk to 127.0.0.1.)
 */
export const CLOSED_PORT_ENV = {
  HYPERFLEET_GITHUB_API: 'http://127.0.0.1:2',
  HYPERFLEET_PROW_URL: 'http://127.0.0.1:2',
  HYPERFLEET_REGISTRY_URL: 'http://127.0.0.1:2',
  HYPERFLEET_SLACK_API: 'http://127.0.0.1:2',
};

/** Runs the built binary with pipes (not a terminal), in a clean environment. */
export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...CLOSED_PORT_ENV, ...env },
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking this process: for tests whose fake servers live in it. */
export function runCliAsync(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...CLOSED_PORT_ENV, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
