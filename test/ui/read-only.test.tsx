import { describe, expect, it } from 'vitest';
import { selectNotices } from '../../src/store/selectors.js';
import { mount } from '../helpers/ui.js';

const REFUSAL = 'Read-only (--read-only): nothing is recorded here; what others record still arrives';

describe('--read-only: an observer', () => {
  it('the header says read-only; a tick, an approval and a notice are refused with why, and nothing is recorded', async () => {
    const { frame, session } = await mount(false, undefined, { readOnly: true });
    expect(frame()).toContain('read-only · @rh-amarin');
    const { controller, store } = session;
    const logged = store.getState().log.length;
    const release = { kind: 'release' } as const;
    expect(await controller.toggleTask(release, 'fixes-cherry-picked', 'cherry-picked by hand')).toEqual({
      kind: 'refused',
      reason: REFUSAL,
    });
    expect(await controller.gates.approve(release, 'code-freeze-gate', 'looks fine')).toMatchObject({ kind: 'refused' });
    const unsent = selectNotices(store.getState()).find((n) => !n.record);
    expect(unsent).toBeDefined();
    expect(await controller.notices.send(unsent!.key)).toMatchObject({ kind: expect.stringMatching(/refused|failed/) });
    expect(store.getState().log.length).toBe(logged);
  });
});
