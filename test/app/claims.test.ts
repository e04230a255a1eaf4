import { afterEach, describe, expect, it } from 'vitest';
import { ClaimActions } from '../../src/app/claim-actions.js';
import type { Session } from '../../src/app/session.js';
import { releaseStream, type EventBody } from '../../src/domain/events.js';
import { refused } from '../../src/domain/outcome.js';
import { claimAt, LEASE_RENEW_AFTER_MS, STEP_LEASE_MS } from '../../src/domain/step-claims.js';
import { MINUTE } from '../../src/domain/time.js';
import { DEMO_NOW, demoSession } from '../helpers/demo-session.js';
import { until } from '../helpers/ui.js';

let session: Session | undefined;
afterEach(async () => session?.dispose());

const RELEASE = { kind: 'release' } as const;
const STEP = 'fixes-cherry-picked';
const claimsOf = async (s: Session) =>
  (await s.journal.read(releaseStream('v0.4.0'), s.store.getState().now)).events.filter((e) => e.type === 'step-claimed');
const holder = (s: Session, at: number) => claimAt(s.store.getState().stepClaims[releaseStream('v0.4.0')]!, STEP, at);

/** A demo session whose clock the test moves. */
async function movable() {
  const clock = { now: DEMO_NOW };
  session = await demoSession(() => clock.now);
  return { session, clock };
}

describe('a claim renews while the app runs, and lapses when it stops', () => {
  it('renews only the signed-in person’s own claims, once their last renewal is old enough; the time held stays', async () => {
    const { session, clock } = await movable();
    expect(await session.controller.claims.toggle(RELEASE, STEP)).toMatchObject({ kind: 'done' });
    const before = (await claimsOf(session)).length;
    clock.now += LEASE_RENEW_AFTER_MS - 1;
    expect(await session.controller.claims.renewOwn()).toEqual([]);
    expect((await claimsOf(session)).length).toBe(before);
    clock.now += 1;
    expect(await session.controller.claims.renewOwn()).toEqual([]);
    const renewals = (await claimsOf(session)).slice(before);
    // Ours only: the CI Owner's claim of the RC E2E step is theirs to renew.
    expect(renewals).toMatchObject([{ actor: 'rh-amarin', step: STEP, until: clock.now + STEP_LEASE_MS }]);
    expect(holder(session, clock.now)).toMatchObject({ by: 'rh-amarin', since: DEMO_NOW });
  });

  it("the app's tick renews a due claim; once stopped nothing is written, and the claim lapses by itself", async () => {
    const { session, clock } = await movable();
    await session.controller.claims.toggle(RELEASE, STEP);
    const before = (await claimsOf(session)).length;
    clock.now += LEASE_RENEW_AFTER_MS;
    const stop = session.controller.start();
    await until(async () => (await claimsOf(session)).length === before + 1, 5000);
    stop();
    clock.now += LEASE_RENEW_AFTER_MS;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await claimsOf(session)).length).toBe(before + 1);
    expect(holder(session, DEMO_NOW + LEASE_RENEW_AFTER_MS + STEP_LEASE_MS - 1)?.by).toBe('rh-amarin');
    expect(holder(session, DEMO_NOW + LEASE_RENEW_AFTER_MS + STEP_LEASE_MS)).toBeNull();
  });

  it('a renewal that could not be recorded is said once and tried again a minute later, not at every tick', async () => {
    const { session, clock } = await movable();
    await session.controller.claims.toggle(RELEASE, STEP);
    const tries: EventBody[] = [];
    const offline = new ClaimActions({
      store: session.store,
      record: async (_stream, body) => (tries.push(body), refused('the shared ledger cannot be reached')),
      identity: async () => 'rh-amarin',
      clock: () => clock.now,
    });
    clock.now += LEASE_RENEW_AFTER_MS;
    expect(await offline.renewOwn()).toEqual([
      refused(
        'Your claim of "Fixes merged on main and cherry-picked to release-0.4" was not renewed (it lapses in 10 min): the shared ledger cannot be reached',
      ),
    ]);
    clock.now += MINUTE - 1;
    expect(await offline.renewOwn()).toEqual([]);
    clock.now += 1;
    expect(await offline.renewOwn()).toHaveLength(1);
    expect(tries).toHaveLength(2);
  });

  it('takes over only with a reason, and a step nobody holds any more is simply claimed', async () => {
    const { session } = await movable();
    const step = 'rc-e2e-passed';
    expect(await session.controller.claims.toggle(RELEASE, step)).toEqual({
      kind: 'refused',
      reason: '@rafabene has been on "RC E2E tier0 and tier1 passed" for 12 min: taking it over asks for a reason.',
      field: 'reason',
    });
    expect(await session.controller.claims.takeOver(RELEASE, step, '  ')).toEqual({
      kind: 'refused',
      reason: 'Taking over from @rafabene takes a reason: say why.',
      field: 'reason',
    });
    expect(await session.controller.claims.takeOver(RELEASE, step, 'rafa is off today')).toEqual({
      kind: 'done',
      message: 'Taken over from @rafabene: RC E2E tier0 and tier1 passed',
    });
    expect((await claimsOf(session)).at(-1)).toMatchObject({ actor: 'rh-amarin', step, reason: 'rafa is off today' });
    expect(await session.controller.claims.takeOver(RELEASE, STEP, 'whatever')).toEqual({
      kind: 'done',
      message: 'Claimed: Fixes merged on main and cherry-picked to release-0.4; nobody held it any more',
    });
    expect((await claimsOf(session)).at(-1)).not.toHaveProperty('reason');
  });
});
