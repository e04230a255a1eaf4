import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NoticeClaim } from '../../src/domain/claims.js';
import { JournalNoticeClaims, type ProcessIdentity } from '../../src/journal/claims.js';
import { FileJournalStore } from '../../src/journal/file-store.js';

const STREAM = 'release-v0.4.0';
const NOTICE = { step: 'code-freeze', key: 'v0.4.0/code-freeze' };

let dir: string;
let serial = 0;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hf-claims-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A run as another process on this machine would be: its own pid; `gone` lists the pids that ended. */
function run(pid: number, gone: Set<number> = new Set(), journal = new FileJournalStore(dir)) {
  const me: ProcessIdentity = { pid, host: 'build-01', running: (p) => !gone.has(p) };
  return new JournalNoticeClaims({ journal, clock: Date.now, newId: () => `id-${(serial += 1)}`, process: me, pollMs: 10 });
}

describe('JournalNoticeClaims', () => {
  it('a second run waits for the first to release its turn, and is told who holds it', async () => {
    const first = await run(1001).acquire(STREAM, NOTICE, 'rh-amarin');
    const seen: NoticeClaim[] = [];
    let second: { id: string } | null = null;
    const waiting = run(1002)
      .acquire(STREAM, NOTICE, 'hf-qe', (holder) => seen.push(holder))
      .then((held) => (second = held));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(second).toBeNull();
    expect(seen.map((c) => c.pid)).toEqual([1001]);
    await first.release();
    await waiting;
    expect(second).not.toBeNull();
  });

  it('a claim whose process is gone holds nothing: the next run takes the turn at once', async () => {
    const gone = new Set<number>();
    await run(1001, gone).acquire(STREAM, NOTICE, 'rh-amarin'); // never released: the run was killed
    gone.add(1001);
    const next = await run(1002, gone).acquire(STREAM, NOTICE, 'hf-qe');
    expect(await run(1003, gone).holder(STREAM, NOTICE.key)).toMatchObject({ id: next.id, pid: 1002 });
  });

  it('an unwritable journal refuses the claim: nothing may be posted', async () => {
    writeFileSync(join(dir, 'blocker'), ''); // a file where the journal's directory would be
    const claims = run(1001, new Set(), new FileJournalStore(join(dir, 'blocker', 'journal')));
    await expect(claims.acquire(STREAM, NOTICE, 'rh-amarin')).rejects.toThrow(/^the journal could not be written .*so nothing was posted$/);
  });
});
