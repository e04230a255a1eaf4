import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hotfixStream } from '../../src/domain/events.js';
import { DEMO_NOW } from '../helpers/demo-session.js';
import { KEYS, mount, until } from '../helpers/ui.js';

/** One keypress each: a run of DEL bytes in one write reads as text, not as keys. */
const backspaces = (n: number): string[] => Array.from({ length: n }, () => '\u007f');

describe('the journal keeps what the app acknowledges', () => {
  it('a form with a field longer than the journal keeps refuses with the field, its length and the limit, stays open, and writes nothing', async () => {
    const { press, frame, session } = await mount();
    await press('3', 'n');
    await press('hyperfleet-950', KEYS.tab, KEYS.tab, ...backspaces(20), 'hyperfleet-api', KEYS.tab, 'v0.3.1', KEYS.tab);
    await press('x'.repeat(10_001), KEYS.tab, KEYS.enter);
    // Refused at the field, which the cursor goes back to; the form keeps what was typed.
    expect(session.store.getState().form?.error).toEqual({ field: 'summary', text: 'Summary is 10,001 characters; the limit is 10,000' });
    expect(frame()).toContain('✗ Summary is 10,001 characters; the limit is 10,000');
    expect(frame()).toContain('Open a hotfix: its SLA clock starts at the report time');
    expect(session.store.getState().form?.fields.find((f) => f.key === 'affects')?.value).toBe('v0.3.1');
    expect(await session.journal.list('hotfix-HYPERFLEET-950')).toEqual([]);

    // One character shorter, it is recorded, and read back whole.
    await press(...backspaces(1), KEYS.tab, KEYS.enter);
    await until(() => frame().includes('Opened HYPERFLEET-950 (Blocker)'));
    const [opened] = (await session.journal.read(hotfixStream('HYPERFLEET-950'), DEMO_NOW)).events;
    expect(opened).toMatchObject({ type: 'hotfix-opened', summary: 'x'.repeat(10_000) });
  });

  it('the Log shows an event dated in the future as a line that does not count, naming its file, line and date', async () => {
    const { press, frame, session } = await mount(false);
    const file = join(session.local.describe(), 'release-v0.4.0.jsonl');
    const line = { v: 1, id: 'forever', at: '9999-12-31T00:00:00Z', actor: 'rh-amarin', type: 'gate-approved', step: 'release-gate' };
    // This machine's journal (the shared ledger's outbox), as a hand edit would leave it.
    mkdirSync(session.local.describe(), { recursive: true });
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    await session.controller.loadJournal();
    await press('6');
    expect(frame()).toMatch(/⚠ .*release-v0\.4\.0\.jsonl:\d+: gate-approved dated 9999-12-31 00/);
    expect(session.store.getState().log.some(({ event }) => event.id === 'forever')).toBe(false);
    expect(session.store.getState().releaseState.gates['release-gate']?.approvals ?? []).toEqual([]);
  });
});
