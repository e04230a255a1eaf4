import { describe, expect, it } from 'vitest';
import { releaseStream } from '../../src/domain/events.js';
import { claimAt } from '../../src/domain/step-claims.js';
import { releaseSteps } from '../../src/ui/input/select.js';
import { mount, until } from '../helpers/ui.js';

type Mounted = Awaited<ReturnType<typeof mount>>;

/** The Checklist with the cursor on `id`. */
async function select(mounted: Mounted, id: string): Promise<void> {
  const index = releaseSteps(mounted.session.store.getState()).findIndex((v) => v.step.id === id);
  await mounted.press('2', 'g', 'j'.repeat(index));
  expect(mounted.session.store.getState().cursor.checklist).toBe(index);
}

const holderOf = ({ session }: Mounted, step: string) => {
  const state = session.store.getState();
  const claims = state.stepClaims[releaseStream(state.release)];
  return claims ? claimAt(claims, step, state.now) : null;
};
const rowOf = (mounted: Mounted, title: string) =>
  mounted
    .frame()
    .split('\n')
    .find((line) => line.includes(title)) ?? '';

describe('claims of a step', () => {
  it('c on a step nobody is on claims it ("yours"); c again lets go', async () => {
    const mounted = await mount();
    await select(mounted, 'fixes-cherry-picked');
    await mounted.press('c');
    await until(() => holderOf(mounted, 'fixes-cherry-picked')?.by === 'rh-amarin');
    await until(() => mounted.frame().includes('Claimed: Fixes merged on main and cherry-picked'));
    expect(rowOf(mounted, '·  Fixes merged on main')).toMatch(/yours$/);
    expect(mounted.frame()).toContain('yours for <1 min · renewed while the app runs; c lets go');
    await mounted.press('c');
    await until(() => mounted.frame().includes('Let go of: Fixes merged on main'));
    expect(holderOf(mounted, 'fixes-cherry-picked')).toBeNull();
    expect(rowOf(mounted, '·  Fixes merged on main')).not.toContain('yours');
  });

  it("c on someone else's step asks why in the footer, refuses an empty reason, and records the takeover with it", async () => {
    const mounted = await mount();
    await select(mounted, 'rc-e2e-passed');
    expect(rowOf(mounted, 'RC E2E tier0 and tier1 passed [check]')).toMatch(/@rafabene, 12 min$/);
    expect(mounted.frame()).toContain('@rafabene is on it for 12 min · c takes over (asks why)');
    await mounted.press('c');
    expect(mounted.frame()).toContain("take over 'RC E2E tier0 and tier1 passed' from @rafabene — reason:");
    await mounted.press('\r');
    expect(mounted.frame()).toContain('✗ reason is needed: @rafabene has been on it for 12 min; say why you take it over');
    expect(holderOf(mounted, 'rc-e2e-passed')?.by).toBe('rafabene');
    await mounted.press('rafa is off today', '\r');
    await until(() => mounted.frame().includes('Taken over from @rafabene: RC E2E tier0 and tier1 passed'));
    expect(holderOf(mounted, 'rc-e2e-passed')).toMatchObject({
      by: 'rh-amarin',
      takenOver: { from: 'rafabene', reason: 'rafa is off today' },
    });
    expect(mounted.frame()).toContain('yours for <1 min · taken over from @rafabene: rafa is off today');
  });

  it('the Dashboard says who is on what', async () => {
    const mounted = await mount();
    expect(mounted.frame()).toMatch(/Team +@rafabene on RC E2E tier0 and tier1 pass… 12 min/);
    await select(mounted, 'fixes-cherry-picked');
    await mounted.press('c');
    await until(() => holderOf(mounted, 'fixes-cherry-picked') !== null);
    await mounted.press('1');
    expect(mounted.frame()).toMatch(/Team +you on Fixes merged on main and ch… · @rafabene on RC E2E/);
  });

  it('c on a step that is done says there is nothing to be on, and records nothing', async () => {
    const mounted = await mount();
    const logged = mounted.session.store.getState().log.length;
    await select(mounted, 'cut-branches');
    await mounted.press('c');
    await until(() => mounted.session.store.getState().flash?.text.endsWith('is done: there is nothing left to be on.'));
    expect(mounted.frame()).toContain('"Cut release-0.4 in hyperfleet-release');
    expect(mounted.session.store.getState().log.length).toBe(logged);
  });
});
