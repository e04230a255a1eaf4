import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';
import { TmuxSession } from '../helpers/tmux.js';

let session: TmuxSession | null = null;
afterEach(() => {
  session?.kill();
  session = null;
});

/** Runs the demo after a marker line, and prints the exit code after it, then waits. */
// The shell traps SIGINT as an interactive shell ignores it: a Ctrl-C in the app's first moments, before
// raw mode is on, is a SIGINT to the whole foreground group, and an untrapped `sh -c` would die with it.
const demo = (extra = '') => `trap : INT; printf 'before-app\\n'; ${process.execPath} ${BIN} --demo ${extra}; echo "exit=$?"; sleep 60`;

describe('the built binary in a real terminal', () => {
  it('shows the dashboard at 80×24, reaches every screen by key, and quits cleanly with q', async () => {
    session = new TmuxSession(demo(), { columns: 80, rows: 24 });
    const first = await session.waitFor('1 Dashboard');
    expect(first).toContain('HyperFleet Release 0.4 · v0.4.0');
    expect(first).toContain('Next up');
    expect(first).not.toContain('before-app'); // the app owns the alternate screen
    for (const line of first.split('\n')) expect(line.length).toBeLessThanOrEqual(80);

    const screens: Array<[string, string]> = [
      ['2', 'Preflight'],
      ['3', 'Cherry-pick merged on release-0.3'],
      ['4', 'release-wide'],
      ['5', 'To ROSA and GCP in #hyperfleet-releases'],
      ['6', 'times in UTC'],
      ['1', 'Next up'],
    ];
    // The footer keeps to one line at the bottom, help and quit always shown: waited for, since a
    // capture can fall between the top and the bottom of a frame being written.
    const footerLast = (screen: string): boolean => /\? help  q quit$/.test(screen.replace(/\n+$/, '').split('\n').at(-1) ?? '');
    for (const [key, text] of screens) {
      session.send(key);
      const screen = await session.waitFor((s) => s.includes(text) && footerLast(s));
      for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    }
    session.send('?');
    await session.waitFor('Keys — Esc or ? closes');
    session.send('Escape');
    await session.waitFor(/^(?![\s\S]*Keys — Esc)[\s\S]*Next up/);

    session.send('q');
    const after = await session.waitFor('exit=0');
    expect(after).toContain('before-app'); // the shell's screen is back as it was
    expect(after).not.toContain('Dashboard');
  });

  it('draws in a terminal even when CI is set, and Ctrl-C quits with exit code 0', async () => {
    session = new TmuxSession(demo(), { env: { CI: 'true' } });
    await session.waitFor('1 Dashboard');
    session.send('C-c');
    const after = await session.waitFor('exit=0');
    expect(after).not.toContain('Next up');
  });

  it('moves through the checklist with j and the arrow keys', async () => {
    session = new TmuxSession(demo(), { columns: 100, rows: 30 });
    await session.waitFor('1 Dashboard');
    session.send('2');
    await session.waitFor('Check the milestone in every component repository');
    session.send('j', 'Down');
    await session.waitFor('Query the HYPERFLEET project for open bugs');
  });

  it('after a resize nothing of the old frame is left: the screen is what a start at that size draws; Ctrl-C then leaves it clean', async () => {
    // The header's freshness ("updated 3s ago", or not yet: "1 Dashboard" alone) differs between two runs.
    const withoutFreshness = (screen: string): string =>
      screen.replace(/ +(updated (just now|\S+ ago)|refreshing…)( · GitHub \d+\/\d+)?$/m, '').replace(/ +$/gm, '');
    const started = new Map<string, TmuxSession>();
    const startedAt = (columns: number, rows: number): TmuxSession => {
      const fresh = new TmuxSession(demo(), { columns, rows });
      started.set(`${columns}×${rows}`, fresh);
      return fresh;
    };
    try {
      session = new TmuxSession(demo(), { columns: 100, rows: 30 });
      await session.waitFor('@rh-amarin');
      for (const [columns, rows] of [
        [160, 45],
        [20, 6],
        [80, 24],
      ] as const) {
        session.resize(columns, rows);
        const fresh = started.get(`${columns}×${rows}`) ?? startedAt(columns, rows);
        await fresh.waitFor('@rh-amarin');
        // Both screens keep ticking: wait until they agree; a fragment never goes away.
        await session.waitFor((screen) => withoutFreshness(screen) === withoutFreshness(fresh.screen()));
        // Each header line on its own row (the tabs, wrapped, were drawn over the hotfix clocks at 20×6), the last row free.
        const lines = session.screen().replace(/\n+$/, '').split('\n');
        expect(lines.slice(0, 3), `${columns}×${rows}`).toEqual([
          expect.stringMatching(/^HyperFleet Release/),
          expect.stringMatching(/^HOTFIX H/),
          expect.stringMatching(/^ 1 Dashboard /),
        ]);
        expect(lines.length, `${columns}×${rows}`).toBeLessThan(rows);
      }
    } finally {
      for (const fresh of started.values()) fresh.kill();
    }
    // Grown taller than at the start, then a tick of the clock: the last rows written are near the
    // top, where tmux, giving back the shorter shell screen, keeps the rows above the cursor unless
    // the app's screen is blank by then. Ctrl-C quits from there and leaves only the shell's lines.
    session.resize(160, 45);
    const freshness = (screen: string): string | undefined => /updated (just now|\S+ ago)/.exec(screen)?.[0];
    const grown = await session.waitFor((s) => s.split('\n')[1]?.length === 160 && /\? help  q quit/.test(s) && freshness(s) !== undefined);
    await session.waitFor((s) => freshness(s) !== undefined && freshness(s) !== freshness(grown));
    session.send('C-c');
    expect(await session.waitFor('exit=0')).toMatch(/^before-app\nexit=0\n*$/);
  }, 90_000);

  it('a cursor move writes only the rows that changed, each at its place, and no screen clear', async () => {
    const recording = join(mkdtempSync(join(tmpdir(), 'hf-e2e-')), 'terminal.bytes');
    session = new TmuxSession(demo(), { columns: 100, rows: 30 });
    await session.waitFor('@rh-amarin');
    session.send('2');
    await session.waitFor(/All PRs for the release merged to main\n✓ done · task/);
    session.record(recording);
    session.send('j');
    await session.waitFor(/Nightly E2E green on main for 24 hours\n✓ done · check/);
    // What reached the screen reaches the file through a pipe and `cat`, a moment later.
    let written = '';
    for (let tries = 0; tries < 100 && !written.includes('owner: QE Owner'); tries += 1) {
      await new Promise((r) => setTimeout(r, 50));
      written = existsSync(recording) ? readFileSync(recording, 'latin1') : '';
    }
    session.record();
    const rows = new Set([...written.matchAll(/\u001b\[(\d+);1H/g)].map((m) => m[1]));
    // The two list rows the cursor left and reached, and the step's detail below the list.
    expect(rows.size).toBeGreaterThanOrEqual(2);
    expect(rows.size).toBeLessThan(15);
    expect(written).not.toContain('\u001b[2J');
  });

  it('honours NO_COLOR: no colour codes, state still in glyphs and words', async () => {
    session = new TmuxSession(demo(), { env: { NO_COLOR: '1' } });
    session.send('4');
    await session.waitFor('✗ fail');
    const screen = session.screen(true);
    expect(screen).not.toMatch(/\u001b\[(3[0-7]|9[0-7]|38;)/);
    expect(screen).toContain('✗ fail');
    session.kill();

    session = new TmuxSession(demo());
    session.send('4');
    await session.waitFor('✗ fail');
    expect(session.screen(true)).toMatch(/\u001b\[(3[0-7]|9[0-7]|38;)/); // the same screen has colour without NO_COLOR
  });

  it('draws the compatibility matrix with ink-table in the bundle, within 80×24, and without colour under NO_COLOR', async () => {
    session = new TmuxSession(demo(), { env: { NO_COLOR: '1' } });
    session.send('4');
    await session.waitFor('m matrix · HyperFleet v0.4.0');
    session.send('m');
    // Once Prow has answered: ROSA's nightly integration passed.
    const screen = await session.waitFor(
      (s) => s.includes('│ ROSA integration │ ROSA, OpenShift 4.17             │ ✓ passed   │ ✓ yes  │') && s.includes('m or Esc: back'),
    );
    for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(session.screen(true)).not.toMatch(/\u001b\[(3[0-7]|9[0-7]|38;)/);
    session.kill();

    session = new TmuxSession(demo());
    session.send('4', 'm');
    await session.waitFor('│ Partner ');
    expect(session.screen(true)).toMatch(/\u001b\[(3[0-7]|9[0-7]|38;)/); // the same table has colour without NO_COLOR
  });

  it('prints the plain summary instead of the app when stdout is a pipe', async () => {
    session = new TmuxSession(`${process.execPath} ${BIN} --demo | cat; echo "exit=$?"; sleep 60`);
    const screen = await session.waitFor('exit=0');
    expect(screen).toContain('Test layers:');
    expect(screen).not.toContain('1 Dashboard');
  });

  it('sends a notice from the notices screen: preview, explicit y, then sent with its permalink', async () => {
    session = new TmuxSession(demo(), { columns: 100, rows: 30 });
    await session.waitFor('1 Dashboard');
    session.send('5');
    await session.waitFor('Preview · v0.4.0/breaking-change');
    session.send('j', 'j', 'j', 'j', 'j');
    await session.waitFor('Preview · v0.4.0/code-freeze · not sent');
    session.send('s');
    await session.waitFor("Post 'Code freeze (Blocker and Critical fixes only)' to #hyperfleet-releases, for ROSA and GCP?");
    session.send('y');
    const sent = await session.waitFor(/Preview · v0\.4\.0\/code-freeze · sent .* by @rh-amarin/);
    expect(sent).toMatch(/Code freeze \(Blocker and Critical fixes only\) +v0\.4\.0 .*✓ sent/);
    session.send('q');
    await session.waitFor('exit=0');
  });

  it('hotfix at 80×24: n opens one, > plays the cherry-pick, H shows and saves the QE handoff, t the timeline', async () => {
    session = new TmuxSession(demo(), { columns: 80, rows: 24 });
    await session.waitFor('1 Dashboard');
    session.send('3');
    await session.waitFor('Fix: main ✓ #212 · release-0.3: no PR yet');
    session.send('n');
    await session.waitFor('Open a hotfix');
    session.send('-l', 'HYPERFLEET-960');
    session.send('Tab', 'Tab', 'Tab');
    session.send('-l', 'v0.3.1');
    session.send('Tab');
    session.send('-l', 'Slow cluster list');
    session.send('Tab', 'Enter');
    const opened = await session.waitFor(/Opened HYPERFLEET-960 \(Blocker\): patch due/);
    expect(opened).toMatch(/2 HOTFIXES HYPERFLEET-901 [\dhmd ]+ left · HYPERFLEET-960 [\dhmd ]+ left +@rh-amarin/);

    session.send('g', '>');
    await session.waitFor('release-0.3: #215 open: CI running, review required', 20_000);
    session.send('H');
    const handoff = await session.waitFor('# QE handoff: HYPERFLEET-901 (Blocker)');
    for (const line of handoff.replace(/\n+$/, '').split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(handoff).toContain('w save to a file');
    session.send('w');
    await session.waitFor(/Saved the QE handoff to\s+\S*exports\/handoff-HYPERFLEET-901\.md/);
    // Esc and the next key go separately: sent together they read as Alt+key, as in any terminal.
    session.send('Escape');
    await session.waitFor(/^(?![\s\S]*QE handoff \()/);
    session.send('t');
    await session.waitFor('HYPERFLEET-901: timeline');
    session.send('Escape');
    await session.waitFor('Fix: main ✓ #212');
    session.send('q');
    await session.waitFor('exit=0');
  });
});
