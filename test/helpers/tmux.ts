import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

/**
 * A real terminal for end-to-end tests: a private tmux server (its own socket, so a developer's
 * tmux is never touched), send-keys to type, capture-pane to read the screen.
 */
export class TmuxSession {
  private readonly socket = `hf-e2e-${randomUUID().slice(0, 8)}`;
  private readonly name = 'app';

  constructor(command: string, { columns = 80, rows = 24, env = {} as Record<string, string> } = {}) {
    // The app shows times in TZ's zone: UTC unless a test says otherwise, whatever the machine's TZ.
    const exports = Object.entries({ TZ: 'UTC', ...env })
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(' ');
    this.tmux(
      'new-session',
      '-d',
      '-s',
      this.name,
      '-x',
      String(columns),
      '-y',
      String(rows),
      `env ${exports} TERM=xterm-256color sh -c ${JSON.stringify(command)}`,
    );
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  /** The screen as text; with `escapes`, including colour and attribute codes. */
  screen(escapes = false): string {
    return this.tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', this.name);
  }

  send(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.name, ...keys);
  }

  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows));
  }

  /**
   * Waits until the screen contains `text` (or matches it, or satisfies it), and returns the
   * screen. A capture can land in the middle of a frame being written, so anything that must hold
   * of a whole frame belongs in the condition, not in an assertion on the first match.
   */
  async waitFor(text: string | RegExp | ((screen: string) => boolean), timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    const matches = (screen: string): boolean =>
      typeof text === 'string' ? screen.includes(text) : text instanceof RegExp ? text.test(screen) : text(screen);
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (matches(last)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${String(text)}; the screen was:\n${last}`);
  }

  /** From now on, appends everything the program writes to its terminal (escape sequences and all) to `file`; without one, stops. */
  record(file?: string): void {
    this.tmux('pipe-pane', '-t', this.name, ...(file ? [`cat >> ${JSON.stringify(file)}`] : []));
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}
