// `npm run bench`: prints numbers, as ratios against a baseline measured in the same run.
// Never part of the tests: this machine is shared and noisy, so nothing here asserts a time.
import { inkFrameWriter, rememberInkText } from './esbuild-plugins.mjs';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'dist/cli.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const node = process.execPath;
const work = mkdtempSync(join(tmpdir(), 'hf-bench-'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

/**
 * Runs `command` in a pseudo-terminal (util-linux `script`), so the app sees a real TTY.
 * Resolves with the time until `marker` first appears, then drives `afterFrame` and waits for exit.
 * `script` started without a terminal gives its pty no size (0×0): with `sized`, 100×30 is set first.
 */
function inPty(command, marker, afterFrame = async (child) => child.stdin.write('q'), timeoutMs = 15_000, { sized = false } = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('script', ['-qfec', sized ? `stty rows 30 cols 100; ${command}` : command, '/dev/null'], {
      env: { ...process.env, COLUMNS: '100', LINES: '30', TERM: 'xterm-256color' },
    });
    let output = '';
    let firstFrame = null;
    const waiters = [];
    child.stdout.on('data', (chunk) => {
      output += chunk.toString('utf8');
      if (firstFrame === null && output.includes(marker)) {
        firstFrame = performance.now() - start;
        afterFrame(child, (text) => new Promise((res) => waiters.push({ text, res, from: output.length })))
          .then((extra) => {
            child.stdin.write('q');
            child.on('exit', () => resolve({ firstFrame, extra }));
          })
          .catch(reject);
      }
      for (const w of [...waiters]) {
        if (output.slice(w.from).includes(w.text)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.res();
        }
      }
    });
    setTimeout(
      () => reject(new Error(`"${marker}" and what follows took over ${timeoutMs / 1000} s; output: ${output.slice(-300)}`)),
      timeoutMs,
    ).unref();
  });
}

/** A bare raw-mode Node program that answers each key with one line: the keypress baseline. */
const ECHO = join(work, 'echo.mjs');
writeFileSync(
  ECHO,
  `process.stdin.setRawMode(true); process.stdout.write('ready\\n');
   process.stdin.on('data', (d) => { const k = d.toString(); if (k === 'q') process.exit(0); process.stdout.write('key:' + k + '\\n'); });`,
);

/**
 * Each key's time to its frame. `pauseMs` before each key: 0 sends the next key as soon as the
 * last frame is seen (Ink then waits out its frame interval); 100 is a person's pace.
 */
async function keyLatencies(child, waitFor, keys, pauseMs) {
  const samples = [];
  for (let i = 0; i < keys.length; i += 1) {
    const [key, text] = keys[i];
    await new Promise((r) => setTimeout(r, pauseMs));
    const t0 = performance.now();
    const seen = waitFor(text);
    child.stdin.write(key);
    await seen;
    samples.push(performance.now() - t0);
  }
  return samples;
}

/**
 * Bundles scripts/<name> into dist/ (so its external graphql resolves from node_modules), runs it
 * with the bundled config, and parses the JSON it prints.
 */
async function runBundled(name) {
  const outfile = join(ROOT, 'dist', name.replace(/\.tsx?$/, '.mjs'));
  await build({
    entryPoints: [join(ROOT, 'scripts', name)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    jsx: 'automatic',
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: ['@octokit/graphql-schema', 'graphql'],
    alias: { 'react-devtools-core': join(ROOT, 'scripts/devtools-stub.mjs') },
    plugins: [rememberInkText, inkFrameWriter],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  // stderr is kept (not shown): Ink restores the cursor there on exit; a failure still reports it.
  return JSON.parse(
    execFileSync(node, [outfile, join(ROOT, 'config/hyperfleet.yaml')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  );
}

/** Every figure the bench prints: `--json` prints them as one array, else one table. */
const figures = [];
function figure(name, value, unit, baseline, baselineName, goal) {
  figures.push({ name, value, unit, baseline, baselineName, ratio: baseline > 0 ? value / baseline : null, goal });
}

/** The process `script` started: resident memory is read from /proc, of the app, not of `script`. */
function childPid(pid) {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return children.length ? Number(children[0]) : null;
  } catch {
    return null;
  }
}
function residentMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

/** Bytes the app writes to the terminal while `act` runs (after the screen settles); with `largestFrame`, those of its largest frame. */
async function bytesDuring(child, act, settleMs = 300, { largestFrame = false } = {}) {
  const chunks = [];
  const keep = (chunk) => chunks.push(chunk);
  await new Promise((r) => setTimeout(r, settleMs));
  child.stdout.on('data', keep);
  await act();
  await new Promise((r) => setTimeout(r, settleMs));
  child.stdout.off('data', keep);
  const written = Buffer.concat(chunks);
  if (!largestFrame) return written.length;
  // Ink writes each frame as one synchronized update, begun by this sequence.
  const frames = written.toString('latin1').split('\u001b[?2026h');
  return Math.max(...frames.map((f) => f.length));
}

/** Resolves at the app's next write to the terminal, or after `timeoutMs`. */
function nextWrite(child, timeoutMs) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      child.stdout.off('data', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    child.stdout.on('data', done);
  });
}

/** On screen once the first refresh has answered (the header's "updated just now", cut short at 80 columns). */
const DATA = 'updated';

async function startUp() {
  const bare = [];
  const warm = [];
  const cold = [];
  for (let i = 0; i < RUNS; i += 1) {
    bare.push((await inPty(`${node} -e "console.log('bare-ready')"`, 'bare-ready', async () => {})).firstFrame);
    warm.push((await inPty(`${node} ${CLI} --demo`, DATA)).firstFrame);
    const empty = mkdtempSync(join(work, 'cache-'));
    cold.push((await inPty(`XDG_CACHE_HOME=${empty} ${node} ${CLI} --demo`, DATA)).firstFrame);
  }
  figure('first-frame-with-data', median(warm), 'ms', median(bare), 'bare node in a pty', '≤ 3×');
  figure('first-frame-with-data-cold', median(cold), 'ms', median(bare), 'bare node in a pty', '≤ 3×');
}

async function headless() {
  const summary = [];
  const bareExit = [];
  for (let i = 0; i < RUNS; i += 1) {
    let t = performance.now();
    execFileSync(node, ['-e', '0']);
    bareExit.push(performance.now() - t);
    t = performance.now();
    execFileSync(node, [CLI, 'summary', '--demo'], { stdio: ['ignore', 'pipe', 'ignore'] });
    summary.push(performance.now() - t);
  }
  figure('headless-summary', median(summary), 'ms', median(bareExit), 'bare node -e 0', '≤ 3×');
}

async function keypresses() {
  const keys = Array.from({ length: RUNS * 2 }, (_, i) => (i % 2 === 0 ? ['4', 'release-wide'] : ['1', 'Next up']));
  const echoKeys = Array.from({ length: RUNS * 2 }, (_, i) => [String(i % 10), `key:${i % 10}`]);
  const echo = await inPty(`${node} ${ECHO}`, 'ready', (child, waitFor) => keyLatencies(child, waitFor, echoKeys, 100));
  const tui = await inPty(`${node} ${CLI} --demo`, DATA, (child, waitFor) => keyLatencies(child, waitFor, keys, 100));
  figure('keypress-screen-switch', median(tui.extra), 'ms', median(echo.extra), 'raw-mode echo in a pty');
}

/**
 * Bytes per idle second, per cursor move and per screen switch, against one full repaint: the
 * checklist drawn again after a resize, every row of it rewritten, at the same 100×30.
 */
async function terminalBytes() {
  const result = await inPty(
    `${node} ${CLI} --demo`,
    DATA,
    async (child, waitFor) => {
      // The app's end of the pty, resized from here: the kernel then tells the app (SIGWINCH).
      const tty = readlinkSync(`/proc/${childPid(child.pid)}/fd/0`);
      const resize = (columns) => execFileSync('stty', ['-F', tty, 'rows', '30', 'cols', String(columns)]);
      const settle = () => new Promise((r) => setTimeout(r, 300));
      const full = [];
      const switches = [];
      for (let i = 0; i < 3; i += 1) {
        switches.push(await bytesDuring(child, async () => (child.stdin.write('4'), await waitFor('release-wide'))));
        switches.push(await bytesDuring(child, async () => (child.stdin.write('2'), await waitFor('Preflight'))));
        resize(101);
        await settle();
        // A resize draws twice (Ink first draws the frame it has at the new size, then the app's new layout): the larger counts.
        full.push(await bytesDuring(child, async () => resize(100), 300, { largestFrame: true }));
      }
      const idle = await bytesDuring(child, () => new Promise((r) => setTimeout(r, 5000)));
      const moves = [];
      for (let i = 0; i < 6; i += 1) {
        // A move's own bytes: pressed just after the clock's frame, so the next (a second later) falls outside.
        await nextWrite(child, 1500);
        moves.push(await bytesDuring(child, async () => child.stdin.write(i % 2 ? 'k' : 'j'), 250));
      }
      return { full: median(full), idle: idle / 5, move: median(moves), switch: median(switches) };
    },
    60_000,
    // At no size Ink takes every frame for one as tall as the terminal, and clears the screen for each.
    { sized: true },
  );
  figure('idle-bytes-per-second', result.extra.idle, 'bytes', result.extra.full, 'one full repaint', '≤ 0.2×');
  figure('cursor-move-bytes', result.extra.move, 'bytes', result.extra.full, 'one full repaint', '≤ 0.2×');
  figure('screen-switch-bytes', result.extra.switch, 'bytes', result.extra.full, 'one full repaint');
}

/**
 * Resolves with true once `first`, then `second` after it, are written to the terminal after this
 * call; with false after `ms` without them.
 */
function writtenInOrder(child, first, second, ms) {
  return new Promise((resolve) => {
    const decoder = new StringDecoder('utf8');
    let written = '';
    let firstAt = -1;
    const done = (seen) => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve(seen);
    };
    const onData = (chunk) => {
      written += decoder.write(chunk);
      if (firstAt < 0) firstAt = written.indexOf(first);
      if (firstAt >= 0 && written.includes(second, firstAt + first.length)) done(true);
    };
    const timer = setTimeout(() => done(false), ms);
    child.stdout.on('data', onData);
  });
}

/**
 * Resident memory after 10 and after 1,000 refreshes, in a pty: each `r` a whole refresh, the
 * next pressed once its answer is drawn (the header's "refreshing…" back to "updated"), as a
 * person sees it. Read just after, and again once settled (15 s without a key: the requests'
 * timeouts have run out and V8 has given back what it took for the burst).
 */
async function memory() {
  const REFRESHES = Number(process.env.BENCH_REFRESHES ?? 1000);
  const SETTLE_MS = 15_000;
  const result = await inPty(
    `exec ${node} ${CLI} --demo`,
    DATA,
    async (child) => {
      const pid = childPid(child.pid);
      const settled = async () => (await new Promise((r) => setTimeout(r, SETTLE_MS)), residentMb(pid));
      let after10 = 0;
      let after10Settled = 0;
      let drawn = 0;
      for (let i = 1; i <= REFRESHES; i += 1) {
        const answered = writtenInOrder(child, 'refreshing', 'updated', 5_000);
        child.stdin.write('r');
        if (await answered) drawn += 1;
        if (i === 10) {
          after10 = residentMb(pid);
          after10Settled = await settled();
        }
      }
      await new Promise((r) => setTimeout(r, 1000));
      const after = residentMb(pid);
      return { after10, after10Settled, after, afterSettled: await settled(), drawn };
    },
    30 * 60_000,
  );
  const { after10, after10Settled, after, afterSettled, drawn } = result.extra;
  const seen = `${drawn} of ${REFRESHES} refreshes drawn`;
  figure(`memory-after-${REFRESHES}-refreshes`, after, 'MB', after10, `after 10 refreshes; ${seen}`, '≤ 1.1×, ≤ 150 MB');
  figure(`memory-after-${REFRESHES}-refreshes-settled`, afterSettled, 'MB', after10Settled, 'after 10, settled', '≤ 1.1×, ≤ 150 MB');
}

/**
 * Two people in the sandbox: the sandbox as its own process, @ciaranroche's app in a pty, and
 * @rh-amarin's tick and untick by the command line against it. Each sample: from the moment
 * their command has returned (the event is on the ledger branch) to the other's screen showing
 * it (the release's count of steps done), the other pressing r then. Without r it comes at
 * their next scheduled refresh, up to `status.refreshEvery` later.
 */
async function sandbox() {
  const server = spawn(node, [CLI, 'sandbox'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => server.on('exit', resolve));
  const text = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk.toString('utf8');
      if (/^# Others: .*\n/m.test(out)) resolve(out);
    });
    exited.then((code) => reject(new Error(`the sandbox exited (${code}) before it was ready`)));
  });
  const exports = [...text.matchAll(/^export (\S+)$/gm)].map((m) => m[1]);
  const [amarin, ciaran] = [...text.matchAll(/^# {3}export (GITHUB_TOKEN=\S+ HYPERFLEET_STATE_DIR=\S+)/gm)].map((m) => m[1].split(' '));
  const envOf = (words) => Object.fromEntries(words.map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
  const act = (args) => execFileSync(node, [CLI, ...args], { env: { ...process.env, ...envOf([...exports, ...amarin]) }, stdio: 'ignore' });
  try {
    const result = await inPty(
      `${[...exports, ...ciaran].join(' ')} ${node} ${CLI}`,
      DATA,
      async (child, waitFor) => {
        const samples = [];
        for (let i = 0; i < RUNS; i += 1) {
          const ticked = i % 2 === 0;
          act(ticked ? ['tick', 'code-freeze', '--note', 'rehearsal'] : ['untick', 'code-freeze', '--reason', 'rehearsal']);
          const t0 = performance.now();
          const seen = waitFor(ticked ? '18/31' : '17/31');
          child.stdin.write('r');
          await seen;
          samples.push(performance.now() - t0);
        }
        return samples;
      },
      120_000,
      { sized: true },
    );
    figure('sandbox-action-to-other-screen', median(result.extra), 'ms', null, null, '+ up to one refresh interval without r');
  } finally {
    server.kill('SIGINT');
    await exited;
  }
}

async function inProcess() {
  const core = await runBundled('bench-core.ts');
  for (const fold of core.folds)
    figure(
      `journal-fold-${fold.label}`,
      fold.foldMs,
      'ms',
      fold.baselineMs,
      'JSON.parse of the lines',
      fold.label === '100k' ? '≤ 200 ms' : 'linear',
    );
  for (const fold of core.folds) {
    figure(
      `journal-read-after-action-${fold.label}`,
      fold.actionReadMs,
      'ms',
      fold.foldMs,
      'the journal read and folded cold',
      'only the appended line parsed',
    );
    figure(`journal-refold-after-action-${fold.label}`, fold.actionFoldMs, 'ms', fold.foldMs, 'the journal read and folded cold');
  }
  for (const r of core.refreshes) figure(`github-points-${r.repos}-repos`, r.cost, 'points', null, null, r.repos === 30 ? '≤ 5' : '≤ 15');
  for (const r of core.refreshes) figure(`github-requests-${r.repos}-repos`, r.requests, 'requests', null, null, '1');
  figure(
    'github-requests-250-checks',
    core.manyChecks.requests,
    'requests',
    core.manyChecks.pages,
    `pages of one head (${core.manyChecks.repos} heads)`,
    'one per round of pages',
  );
  figure('fold-refresh-30-repos', core.snapshotFoldMs, 'ms', core.snapshotBaselineMs, 'JSON round trip of it');
  const plain = 'the same refresh, no ledger';
  figure(
    'ledger-requests-idle-refresh',
    core.ledger.idleRequests,
    'requests',
    core.ledger.plainRequests,
    plain,
    '0 extra: on the status request',
  );
  figure('ledger-points-idle-refresh', core.ledger.idlePoints, 'points', core.ledger.plainPoints, plain, '0 extra');
  figure('ledger-action-to-other-copy', core.ledger.reachMs, 'ms', null, null, 'append, then the other refresh (30 repositories)');
  const keys = await runBundled('bench-keys.tsx');
  figure('keypress-cache-miss', keys.appMs, 'ms', keys.bareMs, 'a minimal Ink app scrolling new rows', '≤ 1.5×');
  figure('render-cache-hit-rate', keys.hitRate * 100, '%', null, null);
}

function printTable() {
  const rows = figures.map((f) => [
    f.name,
    `${f.value.toFixed(f.unit === 'ms' || f.unit === 'MB' ? 1 : 0)} ${f.unit}`,
    f.baseline == null ? '' : `${f.baseline.toFixed(1)} (${f.baselineName})`,
    f.ratio == null ? '' : `${f.ratio.toFixed(2)}×`,
    f.goal ?? '',
  ]);
  const header = ['figure', 'value', 'baseline', 'ratio', 'goal'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
}

async function main() {
  const json = process.argv.includes('--json');
  execFileSync(node, [join(ROOT, 'scripts/build.mjs')], { stdio: ['ignore', 2, 2] });
  if (!json) console.log(`hyperfleet-tui benchmarks — median of ${RUNS} runs, node ${process.version}, ${new Date().toISOString()}\n`);
  const only = process.env.BENCH_ONLY?.split(',');
  const parts = { startUp, headless, keypresses, terminalBytes, memory, inProcess, sandbox };
  for (const [name, run] of Object.entries(parts)) if (!only || only.includes(name)) await run();
  if (json) process.stdout.write(`${JSON.stringify(figures.map(({ baselineName, goal, ...f }) => f))}\n`);
  else printTable();
}

main()
  .catch((error) => {
    console.error(`bench failed: ${error.message}`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
