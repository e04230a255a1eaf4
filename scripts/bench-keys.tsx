// Bundled by scripts/bench.mjs: keypress to frame, in this process, with Ink writing to a
// counting stdout at the app's 60 fps: the app scrolling down a checklist of 200 steps with
// 1,000 checks behind it, next to a minimal Ink app scrolling 200 lines the same way.
import { EventEmitter } from 'node:events';
import { Box, Text, render, useInput } from 'ink';
import React, { useState } from 'react';
import { Controller } from '../src/app/controller.js';
import { loadConfig } from '../src/config/load.js';
import type { LayerSpec, Playbook, Step } from '../src/domain/config.js';
import type { LayerResult } from '../src/domain/status.js';
import { FileJournalStore } from '../src/journal/file-store.js';
import { createAppStore } from '../src/store/app-store.js';
import { App } from '../src/ui/App.js';
import { WiringProvider } from '../src/ui/hooks/store-context.js';
import { ThemeProvider } from '../src/ui/theme.js';
import { renderCacheStats } from '../src/ui/text/render-cache.js';

class Stdout extends EventEmitter {
  columns = 120;
  rows = 40;
  isTTY = true;
  onWrite: (() => void) | null = null;
  write(): boolean {
    this.onWrite?.();
    return true;
  }
}
class Stdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  setRawMode(): void {}
  setEncoding(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  press(key: string): void {
    this.data = key;
    this.emit('readable');
  }
}

async function measure(node: React.ReactElement, keys: string[]): Promise<number[]> {
  const stdout = new Stdout();
  const stdin = new Stdin();
  const instance = render(node, { stdout: stdout as never, stdin: stdin as never, exitOnCtrlC: false, patchConsole: false, maxFps: 60 });
  await new Promise((r) => setTimeout(r, 300));
  const samples: number[] = [];
  for (const key of keys) {
    await new Promise((r) => setTimeout(r, 20)); // a human's pace: every key is a fresh frame
    const frame = new Promise<void>((resolve) => (stdout.onWrite = () => resolve()));
    const start = performance.now();
    stdin.press(key);
    await frame;
    samples.push(performance.now() - start);
    stdout.onWrite = null;
  }
  instance.unmount();
  return samples;
}

/** Ink's least: one line that counts the keys (a count, so every key changes the frame). */
function Bare() {
  const [count, setCount] = useState(0);
  useInput(() => setCount((n) => n + 1));
  return <Text>keys: {count}</Text>;
}

/**
 * The baseline: a minimal Ink app doing what the checklist does, a 40-row window over 200
 * distinct lines of 120 columns, the cursor row inverted; each `j` moves down, and past the middle
 * the window scrolls, so every key draws a line never drawn before.
 */
const line = (i: number) => `${String(i).padStart(3, '0')} ${'x'.repeat(56)} · ✓ ${'y'.repeat(55)}`;
function Scrolling() {
  const [row, setRow] = useState(0);
  useInput((input) => setRow((r) => (input === 'j' ? Math.min(199, r + 1) : Math.max(0, r - 1))));
  const top = Math.max(0, Math.min(160, row - 20));
  return (
    <Box flexDirection="column">
      {Array.from({ length: 40 }, (_, i) => (
        <Text key={i} inverse={top + i === row} wrap="truncate">
          {line(top + i)}
        </Text>
      ))}
    </Box>
  );
}

// A checklist of 200 steps over 20 phases, and 1,000 checks behind 10 layers × 100 components.
const base = loadConfig(process.argv[2]!);
const components = Array.from({ length: 100 }, (_, i) => ({ name: `c${i}`, repo: `c${i}`, image: `i/c${i}`, chart: `h/c${i}` }));
const layers: LayerSpec[] = Array.from({ length: 10 }, (_, i) => ({
  id: `l${i}`,
  name: `Layer ${i}`,
  owner: 'HF',
  scope: 'component',
  gate: 'mandatory',
  maxAge: { kind: 'calendar', ms: 86_400_000 },
  source: { kind: 'commit-status', context: `ci/l${i}` },
}));
const steps = (phase: number): Step[] =>
  Array.from({ length: 10 }, (_, i) => ({
    id: `s${phase}-${i}`,
    title: `Step ${i} of phase ${phase}`,
    owner: 'release-owner',
    kind: i % 3 === 0 ? 'check' : 'task',
    needs: i > 0 ? [`s${phase}-${i - 1}`] : [],
    ...(i % 3 === 0 ? { check: { layers: [`l${i % 10}`] } } : {}),
  }));
const release: Playbook = {
  id: 'release',
  title: 'Big',
  phases: Array.from({ length: 20 }, (_, p) => ({ id: `p${p}`, title: `Phase ${p}`, steps: steps(p) })),
};
const config = { ...base, components, layers, playbooks: { ...base.playbooks, release } };
const now = Date.now();
const results: LayerResult[] = layers.flatMap((l) =>
  components.map((c) => ({
    layer: l.id,
    component: c.name,
    state: 'passed' as const,
    finishedAt: now - 3600_000,
    fetchedAt: now,
    source: 'bench',
  })),
);
const store = createAppStore({
  config,
  release: 'v9.9.0',
  journalPlace: '-',
  now,
  sourceNames: ['bench'],
  snapshot: { results, sources: [{ source: 'bench', ok: true, lastSuccessAt: now }] },
  screen: 'checklist',
});
const controller = new Controller({ store, journal: new FileJournalStore('/nonexistent'), sources: [], clock: Date.now, newId: () => 'x' });

// Down through rows never drawn before: every frame has lines the render cache has not seen.
const keys = Array.from({ length: 120 }, () => 'j');
const bare = await measure(<Bare />, keys);
const baseline = await measure(<Scrolling />, keys);
const before = { ...renderCacheStats };
const app = await measure(
  <ThemeProvider colour={true}>
    <WiringProvider store={store} controller={controller}>
      <App />
    </WiringProvider>
  </ThemeProvider>,
  keys,
);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
process.stdout.write(
  JSON.stringify({
    bareMs: median(baseline),
    keyOnlyMs: median(bare),
    appMs: median(app),
    hitRate:
      (renderCacheStats.hits - before.hits) / Math.max(1, renderCacheStats.hits - before.hits + renderCacheStats.misses - before.misses),
    steps: 200,
    checks: results.length,
  }),
);
