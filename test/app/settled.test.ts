import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src/app/session.js';
import { demoSession } from '../helpers/demo-session.js';

let session: Session | undefined;
let stop: (() => void) | undefined;
afterEach(async () => {
  stop?.();
  await session?.dispose();
});

// The interactive app holds its heaps near what is live only from here on (cli/tui.tsx).
describe('controller.settled', () => {
  it('just after start, resolves once every source of the first refresh has answered into the store', async () => {
    session = await demoSession(undefined, { refresh: false });
    expect(session.store.getState().snapshot?.sources ?? []).toEqual([]);
    stop = session.controller.start();
    await session.controller.settled();
    const answered = session.store.getState().snapshot!.sources.map((s) => s.source);
    expect(new Set(answered)).toEqual(new Set(['github', 'prow', 'registry', 'ledger']));
    expect(session.store.getState().refreshing).toBe(false);
  });
});
