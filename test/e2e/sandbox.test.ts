import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';
import { startSandbox, type RunningSandbox } from '../helpers/sandbox.js';
import { TmuxSession } from '../helpers/tmux.js';

/**
 * Two people rehearsing in the sandbox, each in a real terminal of their own (a tmux server
 * each), each a first start on an empty machine: what one ticks in the app reaches the other's
 * screen at their next refresh, through the ledger branch of the sandbox's fake GitHub.
 */
let sandbox: RunningSandbox | null = null;
const terminals: TmuxSession[] = [];
afterEach(async () => {
  for (const t of terminals.splice(0)) t.kill();
  // Stopped as a person stops it, so it removes its files whatever the test did.
  const running = sandbox;
  sandbox = null;
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGTERM');
    await running.exited;
  }
});

const STEP = 'Code freeze (Blocker and Critical fixes only)';
/** The selected step's title: the first line under the list's rule, in the detail pane. */
const selected = (screen: string): string | undefined => screen.split('\n')[screen.split('\n').findIndex((l) => l.startsWith('────')) + 1];
const row = (screen: string): string => screen.split('\n').find((l) => l.includes(`${STEP} [notice]`)) ?? '';

describe('the sandbox, two people in two terminals', () => {
  it("@rh-amarin ticks a step in the app; @ciaranroche's app shows it, by them, after r", async () => {
    sandbox = await startSandbox();
    const [amarin, ciaran] = sandbox.people;
    const app = (person: typeof amarin) => {
      const terminal = new TmuxSession(`trap : INT; ${process.execPath} ${BIN}; echo "exit=$?"; sleep 60`, {
        columns: 100,
        rows: 50,
        env: { ...sandbox!.exports, ...person },
      });
      terminals.push(terminal);
      return terminal;
    };
    const a = app(amarin);
    const b = app(ciaran);
    await a.waitFor('@rh-amarin', 20_000);
    await b.waitFor('@ciaranroche', 20_000);
    b.send('2');
    expect(row(await b.waitFor(`${STEP} [notice]`))).toMatch(/^ {2}○ /);

    a.send('2');
    await a.waitFor('Preflight');
    for (let moves = 0; selected(a.screen()) !== STEP; moves += 1) {
      expect(moves, `no step "${STEP}" in the checklist`).toBeLessThan(40);
      const before = selected(a.screen());
      a.send('j');
      await a.waitFor((s) => selected(s) !== before);
    }
    a.send('Space');
    await a.waitFor(`tick '${STEP}' — note:`);
    a.send('-l', 'posted by hand in the rehearsal');
    a.send('Enter');
    expect(row(await a.waitFor(`Done: ${STEP}`))).toMatch(/^ {2}✓ .*rh-amarin just now$/);

    b.send('r');
    const seen = await b.waitFor((s) => /^ {2}✓ .*rh-amarin (just now|\d+s ago)$/.test(row(s)), 20_000);
    expect(seen).toContain('@ciaranroche');

    sandbox.child.kill('SIGINT');
    expect(await sandbox.exited).toMatchObject({ code: 0 });
  }, 90_000);
});
