// Bundled by scripts/bench.mjs: times the journal read and fold on a large journal, next to a
// bare JSON.parse of the same lines, in this process.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldRelease } from '../src/domain/fold.js';
import { encodeEvent } from '../src/journal/codec.js';
import { FileJournalStore } from '../src/journal/file-store.js';

const COUNT = 10_000;
const steps = ['a', 'b', 'c', 'd'];
const dir = mkdtempSync(join(tmpdir(), 'hf-bench-'));
const lines: string[] = [];
for (let i = 0; i < COUNT; i += 1) {
  lines.push(
    encodeEvent({
      id: `e${i}`,
      at: 1_700_000_000_000 + i * 1000,
      actor: 'alice',
      type: i % 2 ? 'step-completed' : 'step-reopened',
      step: steps[i % 4]!,
      note: `note ${i}`,
    }),
  );
}
const text = `${lines.join('\n')}\n`;
writeFileSync(join(dir, 'release-v9.9.9.jsonl'), text);
const store = new FileJournalStore(dir);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = async (fn: () => unknown | Promise<unknown>, runs = 9): Promise<number> => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
};

const baseline = await time(() =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l)),
);
const foldMs = await time(async () => foldRelease((await store.read('release-v9.9.9')).events, new Set(steps)));
rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ count: COUNT, baselineMs: baseline, foldMs }));
