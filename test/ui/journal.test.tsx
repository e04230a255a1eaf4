import { describe, expect, it } from 'vitest';
import { hotfixStream } from '../../src/domain/events.js';
import { KEYS, mount, until } from '../helpers/ui.js';

/** One keypress each: a run of DEL bytes in one write reads as text, not as keys. */
const backspaces = (n: number): string[] => Array.from({ length: n }, () => '\u007f');

describe('the journal keeps what the app acknowledges', () => {
  it('a form with a field longer than the journal keeps refuses with the field, its length and the limit, stays open, and writes nothing', async () => {
    const { press, frame, session } = await mount();
    await press('3', 'n');
    await press('hyperfleet-950', KEYS.tab, KEYS.tab, ...backspaces(20), 'hyperfleet-api', KEYS.tab, 'v0.3.1', KEYS.tab);
    await press('x'.repeat(10_001), KEYS.tab, KEYS.enter);
    expect(session.store.getState().flash).toEqual({ level: 'warn', text: 'Summary is 10,001 characters; the limit is 10,000' });
    expect(frame()).toContain('Summary is 10,001 characters; the limit is 10,000');
    expect(frame()).toContain('Open a hotfix: its SLA clock starts at the report time');
    expect(await session.journal.list('hotfix-HYPERFLEET-950')).toEqual([]);

    // One character shorter, it is recorded, and read back whole.
    await press(KEYS.up, ...backspaces(1), KEYS.tab, KEYS.enter);
    await until(() => frame().includes('Opened HYPERFLEET-950 (Blocker)'));
    const [opened] = (await session.journal.read(hotfixStream('HYPERFLEET-950'))).events;
    expect(opened).toMatchObject({ type: 'hotfix-opened', summary: 'x'.repeat(10_000) });
  });
});
