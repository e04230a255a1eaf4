import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JournalEvent } from '../../src/domain/events.js';
import { CLOCK_SKEW_MS } from '../../src/domain/limits.js';
import { encodeEvent } from '../../src/journal/codec.js';
import { FileJournalStore } from '../../src/journal/file-store.js';
import { everyType } from './every-event.js';
import { appendWorker } from '../helpers/worker.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hf-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const T = Date.parse('2026-11-18T12:00:00Z');
const completed = (id: string, at = T, note = 'n'): JournalEvent => ({ id, at, actor: 'alice', type: 'step-completed', step: 'a', note });

describe('FileJournalStore', () => {
  it('round-trips every event type through the file', async () => {
    const store = new FileJournalStore(dir);
    const events = Object.values(everyType) as JournalEvent[];
    await store.append('release-v0.4.0', ...events.slice(0, 2));
    await store.append('release-v0.4.0', ...events.slice(2));
    expect(await store.read('release-v0.4.0', T)).toEqual({ events, warnings: [] });
    expect(await store.list()).toEqual(['release-v0.4.0']);
    expect(await store.list('hotfix-')).toEqual([]);
  });

  it('reads a stream that does not exist yet as empty, and lists nothing in a missing directory', async () => {
    const store = new FileJournalStore(join(dir, 'not-yet'));
    expect(await store.read('release-v1.0.0', T)).toEqual({ events: [], warnings: [] });
    expect(await store.list()).toEqual([]);
  });

  it('refuses stream names that could escape the directory', async () => {
    const store = new FileJournalStore(dir);
    await expect(store.append('../evil', completed('x'))).rejects.toThrow(/invalid journal stream name/);
  });

  it('skips a torn last line with a warning, keeps every earlier event, and appends after it safely', async () => {
    const store = new FileJournalStore(dir);
    await store.append('s', completed('1'), completed('2'));
    const path = join(dir, 's.jsonl');
    const whole = encodeEvent(completed('3'));
    appendFileSync(path, whole.slice(0, whole.length / 2)); // the process died mid-write

    const torn = await store.read('s', T);
    expect(torn.events.map((e) => e.id)).toEqual(['1', '2']);
    expect(torn.warnings).toHaveLength(1);
    expect(torn.warnings[0]!.message).toMatch(/s\.jsonl:3: last line is incomplete .* 2 earlier events kept/);

    await store.append('s', completed('4'));
    const after = await store.read('s', T);
    expect(after.events.map((e) => e.id)).toEqual(['1', '2', '4']);
    expect(after.warnings.map((w) => w.line)).toEqual([3]);
  });

  it('skips a damaged or hand-edited line in the middle, naming its line, and keeps the rest', async () => {
    const path = join(dir, 's.jsonl');
    writeFileSync(
      path,
      [
        encodeEvent(completed('1')),
        '{"v":1,"id":"2","type":"step-completed"}',
        'not json at all',
        JSON.stringify({ v: 1, id: 'x', at: 'yesterday', actor: 'a', type: 'step-completed', step: 'a' }),
        encodeEvent(completed('5')),
        '',
      ].join('\n'),
    );
    const read = await new FileJournalStore(dir).read('s', T);
    expect(read.events.map((e) => e.id)).toEqual(['1', '5']);
    expect(read.warnings.map((w) => w.line)).toEqual([2, 3, 4]);
    expect(read.warnings[1]!.message).toMatch(/s\.jsonl:3: not valid JSON; line skipped \(fix or delete it\)/);
    expect(read.warnings[2]!.message).toMatch(/at:/);
  });

  it('counts an event id once: a line copied by hand, or another event under its id, is skipped with a warning naming both lines', async () => {
    const path = join(dir, 's.jsonl');
    const approval = encodeEvent({ id: 'g', at: T, actor: 'alice', type: 'gate-approved', step: 'release-gate', comment: 'go' });
    writeFileSync(path, [approval, encodeEvent(completed('2')), approval, encodeEvent(completed('g')), ''].join('\n'));
    const read = await new FileJournalStore(dir).read('s', T);
    expect(read.events.map((e) => [e.id, e.type])).toEqual([
      ['g', 'gate-approved'],
      ['2', 'step-completed'],
    ]);
    expect(read.warnings.map((w) => w.message)).toEqual([
      `${path}:3: duplicate of line 1; counted once`,
      `${path}:4: same event id as line 1 but a different event; only line 1 counted (fix or delete this one)`,
    ]);
  });

  it("an event dated later than the reader's now (beyond 5 minutes of clock skew) is skipped, naming its line and date", async () => {
    const path = join(dir, 's.jsonl');
    const lines = [
      encodeEvent(completed('1', T + CLOCK_SKEW_MS)), // a colleague's clock a little ahead: counts
      encodeEvent(completed('2', T + CLOCK_SKEW_MS + 1)),
      JSON.stringify({ v: 1, id: '3', at: '9999-12-31T00:00:00Z', actor: 'alice', type: 'gate-approved', step: 'release-gate' }),
    ];
    writeFileSync(path, `${lines.join('\n')}\n`);
    const store = new FileJournalStore(dir);
    const read = await store.read('s', T);
    expect(read.events.map((e) => e.id)).toEqual(['1']);
    expect(read.warnings.map((w) => [w.line, w.message])).toEqual([
      [
        2,
        `${path}:2: step-completed dated 2026-11-18 12:05 UTC, later than this clock (2026-11-18 12:00 UTC); not counted (fix the date or delete the line)`,
      ],
      [
        3,
        `${path}:3: gate-approved dated 9999-12-31 00:00 UTC, later than this clock (2026-11-18 12:00 UTC); not counted (fix the date or delete the line)`,
      ],
    ]);
    // Once the clock has caught up, the one a few minutes ahead counts.
    expect((await store.read('s', T + CLOCK_SKEW_MS + 1)).events.map((e) => e.id)).toEqual(['1', '2']);
  });

  it('creates its directory 0700 and its files 0600; a directory that exists keeps the permissions its owner gave it', async () => {
    const mode = (path: string) => statSync(path).mode & 0o777;
    const fresh = join(dir, 'state', 'hyperfleet-tui');
    await new FileJournalStore(fresh).append('release-v0.4.0', completed('1'));
    expect(mode(fresh)).toBe(0o700);
    expect(mode(join(fresh, 'release-v0.4.0.jsonl'))).toBe(0o600);
    await new FileJournalStore(fresh).append('release-v0.4.0', completed('2'));
    expect(mode(join(fresh, 'release-v0.4.0.jsonl'))).toBe(0o600);

    const shared = join(dir, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o755);
    await new FileJournalStore(shared).append('hotfix-HF-1', completed('1'));
    expect(mode(shared)).toBe(0o755);
    expect(mode(join(shared, 'hotfix-HF-1.jsonl'))).toBe(0o600);
  });

  it('ignores unknown event types from a newer version with a warning instead of failing', async () => {
    writeFileSync(
      join(dir, 's.jsonl'),
      `${JSON.stringify({ v: 1, id: '1', at: new Date(T).toISOString(), actor: 'a', type: 'from-the-future' })}\n`,
    );
    const read = await new FileJournalStore(dir).read('s', T);
    expect(read.events).toEqual([]);
    expect(read.warnings[0]!.message).toMatch(/not a journal event/);
  });
});

function runWorker(script: string, args: string[]): { done: Promise<number | null>; acked: () => number; kill: () => void } {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let acked = -1;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const lines = chunk.trim().split('\n');
    acked = Math.max(acked, Number(lines[lines.length - 1]));
  });
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { done, acked: () => acked, kill: () => child.kill('SIGKILL') };
}

describe('FileJournalStore across processes', () => {
  it('two processes appending at once lose nothing and interleave only whole lines', async () => {
    const script = await appendWorker();
    const count = 150;
    const a = runWorker(script, [dir, 's', 'a', String(count)]);
    const b = runWorker(script, [dir, 's', 'b', String(count)]);
    expect(await Promise.all([a.done, b.done])).toEqual([0, 0]);
    const read = await new FileJournalStore(dir).read('s', Date.now());
    expect(read.warnings).toEqual([]);
    expect(read.events).toHaveLength(2 * count);
    for (const prefix of ['a', 'b']) {
      const ids = read.events.filter((e) => e.actor === prefix).map((e) => e.id);
      expect(ids).toEqual(Array.from({ length: count }, (_, i) => `${prefix}-${i}`));
    }
  });

  it('killing a writer mid-stream never loses an event it had acknowledged', async () => {
    const script = await appendWorker();
    const writer = runWorker(script, [dir, 's', 'k', '100000']);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (writer.acked() >= 40) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    writer.kill();
    await writer.done;
    const acknowledged = writer.acked();
    const read = await new FileJournalStore(dir).read('s', Date.now());
    // Every acknowledged event is there, in order; at most a torn last line is skipped.
    expect(read.events.length).toBeGreaterThanOrEqual(acknowledged + 1);
    expect(read.events.slice(0, acknowledged + 1).map((e) => e.id)).toEqual(Array.from({ length: acknowledged + 1 }, (_, i) => `k-${i}`));
    expect(read.warnings.every((w) => /last line is incomplete/.test(w.message))).toBe(true);
    const text = readFileSync(join(dir, 's.jsonl'), 'utf8');
    expect(text.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(acknowledged + 1);
  });
});

describe('FileJournalStore on an unusable place', () => {
  it('says which file cannot be read, in one line', async () => {
    mkdirSync(join(dir, 'release-v1.0.0.jsonl')); // a directory where the file should be
    await expect(new FileJournalStore(dir).read('release-v1.0.0', T)).rejects.toThrow(
      /^cannot read the journal .*release-v1\.0\.0\.jsonl \(EISDIR\); check that it is a file you may read$/,
    );
  });

  it('says which directory cannot be listed, and what to do', async () => {
    writeFileSync(join(dir, 'not-a-dir'), '');
    await expect(new FileJournalStore(join(dir, 'not-a-dir')).list()).rejects.toThrow(
      /cannot list the journal directory .*not-a-dir \(ENOTDIR\); set HYPERFLEET_STATE_DIR/,
    );
  });
});

describe('what a journal line may hold', () => {
  it('writes C1 and bidi controls as \\u escapes, so the file never carries them raw, and reads them back the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hf-c1-'));
    try {
      const store = new FileJournalStore(dir);
      const note = 'csi \u009b31m and \u202eoverride\u2066 isolate';
      await store.append('s', { id: 'e1', at: Date.parse('2026-11-18T12:00:00Z'), actor: 'a', type: 'step-completed', step: 'x', note });
      const raw = readFileSync(join(dir, 's.jsonl'), 'utf8');
      expect(raw).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(raw).toContain('\\u009b');
      const read = await store.read('s', Date.parse('2026-11-18T12:00:00Z'));
      expect(read.events[0]).toMatchObject({ note });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('FileJournalStore reads again only what was appended', () => {
  const line = (event: JournalEvent) => `${encodeEvent(event)}\n`;
  const file = () => join(dir, 's.jsonl');
  const ids = (read: { events: readonly JournalEvent[] }) => read.events.map((e) => e.id);
  /** The lines JSON.parse saw while `read` ran. */
  async function parsedDuring<T>(read: () => Promise<T>): Promise<{ result: T; parsed: number }> {
    const spy = vi.spyOn(JSON, 'parse');
    try {
      const result = await read();
      return { result, parsed: spy.mock.calls.length };
    } finally {
      spy.mockRestore();
    }
  }

  it('a line another process appends arrives at the next read, which parses that line only', async () => {
    writeFileSync(file(), Array.from({ length: 50 }, (_, i) => line(completed(`e${i}`))).join(''));
    const store = new FileJournalStore(dir);
    expect(ids(await store.read('s', T))).toHaveLength(50);
    const script = await appendWorker();
    expect(await runWorker(script, [dir, 's', 'other', '1']).done).toBe(0);
    const { result, parsed } = await parsedDuring(() => store.read('s', Date.now()));
    expect(ids(result)).toEqual([...Array.from({ length: 50 }, (_, i) => `e${i}`), 'other-0']);
    expect(parsed).toBe(1);
    // Nothing new: nothing parsed.
    expect((await parsedDuring(() => store.read('s', Date.now()))).parsed).toBe(0);
  });

  it('a file truncated, replaced, or written over at its length is read again in full', async () => {
    const store = new FileJournalStore(dir);
    writeFileSync(file(), line(completed('a')) + line(completed('b')) + line(completed('c')));
    expect(ids(await store.read('s', T))).toEqual(['a', 'b', 'c']);

    writeFileSync(file(), line(completed('a'))); // truncated in place: shorter
    expect(ids(await store.read('s', T))).toEqual(['a']);

    const replacement = join(dir, 'replacement');
    writeFileSync(replacement, line(completed('x')) + line(completed('y')) + line(completed('z')) + line(completed('w')));
    renameSync(replacement, file()); // another file, and longer
    expect(ids(await store.read('s', T))).toEqual(['x', 'y', 'z', 'w']);

    // An editor's save over the same file at the same length: one id fixed, x → q.
    const before = statSync(file()).mtimeMs;
    const edited = readFileSync(file(), 'utf8').replace('"id":"x"', '"id":"q"');
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(file(), edited);
    expect(statSync(file()).mtimeMs).not.toBe(before);
    expect(ids(await store.read('s', T))).toEqual(['q', 'y', 'z', 'w']);

    // Rewritten longer, with the bytes where the last read stopped changed: read whole too.
    writeFileSync(
      file(),
      line(completed('r')) + line(completed('y2', T, 'a longer note than before')) + line(completed('z')) + line(completed('w')),
    );
    expect(ids(await store.read('s', T))).toEqual(['r', 'y2', 'z', 'w']);
  });

  it('a last line written half is said each read until it is whole, then counted once', async () => {
    const store = new FileJournalStore(dir);
    const whole = line(completed('t'));
    writeFileSync(file(), line(completed('a')) + whole.slice(0, 20));
    const torn = await store.read('s', T);
    expect(ids(torn)).toEqual(['a']);
    expect(torn.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/:2: last line is incomplete/)]);
    appendFileSync(file(), whole.slice(20));
    expect(await store.read('s', T)).toEqual({ events: [completed('a'), completed('t')], warnings: [] });
    appendFileSync(file(), line(completed('t')));
    expect((await store.read('s', T)).warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/:3: duplicate of line 2; counted once/),
    ]);
  });

  it('an event dated later than the clock counts at a read once the clock has reached it', async () => {
    const store = new FileJournalStore(dir);
    const later = T + CLOCK_SKEW_MS + 60_000;
    writeFileSync(file(), line(completed('now')) + line(completed('later', later)));
    expect(ids(await store.read('s', T))).toEqual(['now']);
    expect(ids(await store.read('s', later))).toEqual(['now', 'later']);
  });
});
