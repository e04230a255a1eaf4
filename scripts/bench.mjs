// `npm run bench`: prints numbers, as ratios against a baseline measured in the same run.
// Never part of the tests: this machine is shared and noisy, so nothing here asserts a time.
import { rememberInkText } from './esbuild-plugins.mjs';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
 */
function inPty(command, marker, afterFrame = async (child) => child.stdin.write('q')) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
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
    setTimeout(() => reject(new Error(`no "${marker}" within 15 s; output: ${output.slice(-500)}`)), 15_000).unref();
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
    plugins: [rememberInkText],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  // stderr is kept (not shown): Ink restores the cursor there on exit; a failure still reports it.
  return JSON.parse(
    execFileSync(node, [outfile, join(ROOT, 'config/hyperfleet.yaml')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  );
}

async function main() {
  execFileSync(node, [join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  console.log(`hyperfleet-tui benchmarks — median of ${RUNS} runs, node ${process.version}, ${new Date().toISOString()}\n`);

  // 1. Start-up: bare node in a pty vs the demo's first frame in a pty.
  const bare = [];
  const app = [];
  for (let i = 0; i < RUNS; i += 1) {
    bare.push((await inPty(`${node} -e "console.log('bare-ready')"`, 'bare-ready', async () => {})).firstFrame);
    app.push((await inPty(`${node} ${CLI} --demo`, '1 Dashboard')).firstFrame);
  }
  const bareMs = median(bare);
  const appMs = median(app);
  console.log('start-up (cold start to first frame, in a pseudo-terminal)');
  console.log(`  bare node -e            ${ms(bareMs)}`);
  console.log(`  hyperfleet-tui --demo   ${ms(appMs)}   ratio ${(appMs / bareMs).toFixed(2)}× (target ≤ 3×)\n`);

  // 2. Headless: the plain summary to a pipe, start to exit.
  const summary = [];
  const bareExit = [];
  for (let i = 0; i < RUNS; i += 1) {
    let t = performance.now();
    execFileSync(node, ['-e', '0']);
    bareExit.push(performance.now() - t);
    t = performance.now();
    execFileSync(node, [CLI, '--demo'], { stdio: ['ignore', 'pipe', 'inherit'] });
    summary.push(performance.now() - t);
  }
  console.log('headless summary (pipe, start to exit)');
  console.log(`  bare node -e 0          ${ms(median(bareExit))}`);
  console.log(`  hyperfleet-tui --demo   ${ms(median(summary))}   ratio ${(median(summary) / median(bareExit)).toFixed(2)}×\n`);

  // 3. Keypress to frame: switch screens in the app vs a bare raw-mode echo.
  const keys = Array.from({ length: RUNS * 2 }, (_, i) => (i % 2 === 0 ? ['4', 'release-wide'] : ['1', 'Next up']));
  const echoKeys = Array.from({ length: RUNS * 2 }, (_, i) => [String(i % 10), `key:${i % 10}`]);
  console.log('keypress to frame (switching screens, in a pseudo-terminal)');
  for (const [pace, pauseMs] of [
    ["at a person's pace (100 ms apart)", 100],
    ['back to back (the next key when the frame shows)', 0],
  ]) {
    const echo = await inPty(`${node} ${ECHO}`, 'ready', (child, waitFor) => keyLatencies(child, waitFor, echoKeys, pauseMs));
    const tui = await inPty(`${node} ${CLI} --demo`, '1 Dashboard', (child, waitFor) => keyLatencies(child, waitFor, keys, pauseMs));
    console.log(`  ${pace}`);
    console.log(`    bare raw-mode echo    ${ms(median(echo.extra))}`);
    console.log(`    hyperfleet-tui        ${ms(median(tui.extra))}   ratio ${(median(tui.extra) / median(echo.extra)).toFixed(2)}×`);
  }
  console.log('');

  // 4. Journal read and fold of 10,000 events vs JSON.parse of the same lines.
  const fold = await runBundled('bench-core.ts');
  console.log(`journal read + validate + fold (${fold.count.toLocaleString('en')} events)`);
  console.log(`  JSON.parse of the lines ${ms(fold.baselineMs)}`);
  console.log(`  read + fold             ${ms(fold.foldMs)}   ratio ${(fold.foldMs / fold.baselineMs).toFixed(2)}×\n`);

  // 5. Keypress to frame on a big checklist, in-process (no terminal in between).
  const bigChecklist = await runBundled('bench-keys.tsx');
  console.log(
    `keypress to frame on a checklist of ${bigChecklist.steps} steps with ${bigChecklist.checks.toLocaleString('en')} checks (in-process, median)`,
  );
  console.log(`  bare Ink app            ${ms(bigChecklist.bareMs)}`);
  console.log(`  Ink, a full 120×40 screen of text, one row inverted   ${ms(bigChecklist.fullScreenMs)}`);
  console.log(
    `  hyperfleet-tui          ${ms(bigChecklist.appMs)}   ratio ${(bigChecklist.appMs / bigChecklist.bareMs).toFixed(2)}× (target: under one 60 Hz frame, 16.7 ms)\n`,
  );

  console.log('GitHub refresh against the loopback fake (each repository: a branch head with 50 checks)');
  console.log("  repositories  requests  cost (GitHub's estimate)  time");
  for (const r of fold.refreshes) {
    console.log(`  ${String(r.repos).padStart(12)}  ${String(r.requests).padStart(8)}  ${String(r.cost).padStart(24)}  ${ms(r.ms)}`);
  }
  console.log(`  requests per refresh: ${fold.refreshes.map((r) => r.requests).join(', ')} — one, whatever the number of repositories\n`);

  console.log('fold one refresh into layer verdicts (30 repositories × 50 checks)');
  console.log(`  JSON round trip of it   ${ms(fold.snapshotBaselineMs)}`);
  console.log(
    `  map + evaluate          ${ms(fold.snapshotFoldMs)}   ratio ${(fold.snapshotFoldMs / fold.snapshotBaselineMs).toFixed(2)}×`,
  );
}

main()
  .catch((error) => {
    console.error(`bench failed: ${error.message}`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
