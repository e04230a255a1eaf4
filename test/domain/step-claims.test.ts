import { describe, expect, it } from 'vitest';
import type { EventBody, JournalEvent } from '../../src/domain/events.js';
import {
  ACTIVE_WINDOW_MS,
  claimAt,
  claimsToRenew,
  foldStepClaims,
  heldFor,
  LEASE_RENEW_AFTER_MS,
  STEP_LEASE_MS,
  teamPresence,
} from '../../src/domain/step-claims.js';
import { MINUTE } from '../../src/domain/time.js';

const T = Date.parse('2026-11-23T10:00:00Z');
const STEP = 'cut-branches';
let n = 0;
const ev = (actor: string, at: number, body: EventBody): JournalEvent => ({ id: `e${(n += 1)}`, at, actor, ...body }) as JournalEvent;
const claim = (actor: string, at: number, reason?: string, step = STEP) =>
  ev(actor, at, { type: 'step-claimed', step, until: at + STEP_LEASE_MS, ...(reason !== undefined ? { reason } : {}) });
const release = (actor: string, at: number) => ev(actor, at, { type: 'step-released', step: STEP });
const holderAt = (events: JournalEvent[], now: number) => claimAt(foldStepClaims(events), STEP, now)?.by ?? null;

describe('who holds a step', () => {
  it('a claim of a step nobody holds takes it, from then until its lease lapses', () => {
    const events = [claim('rh-amarin', T)];
    expect(claimAt(foldStepClaims(events), STEP, T + 12 * MINUTE)).toMatchObject({ by: 'rh-amarin', since: T, until: T + STEP_LEASE_MS });
    expect(holderAt(events, T + STEP_LEASE_MS - 1)).toBe('rh-amarin');
    expect(holderAt(events, T + STEP_LEASE_MS)).toBeNull();
  });

  it("the holder's renewal moves the lease on and keeps when the claim began", () => {
    const events = [claim('rh-amarin', T), claim('rh-amarin', T + 5 * MINUTE), claim('rh-amarin', T + 10 * MINUTE)];
    const held = claimAt(foldStepClaims(events), STEP, T + 20 * MINUTE);
    expect(held).toMatchObject({ by: 'rh-amarin', since: T, renewedAt: T + 10 * MINUTE, until: T + 10 * MINUTE + STEP_LEASE_MS });
    expect(holderAt(events, T + 10 * MINUTE + STEP_LEASE_MS)).toBeNull();
  });

  it('a renewal after the lease lapsed is a new claim: the time held starts again', () => {
    const events = [claim('rh-amarin', T), claim('rh-amarin', T + STEP_LEASE_MS + MINUTE)];
    expect(claimAt(foldStepClaims(events), STEP, T + STEP_LEASE_MS + 2 * MINUTE)?.since).toBe(T + STEP_LEASE_MS + MINUTE);
  });

  it("someone else's claim of a held step counts only with a reason, which the fold keeps with whom it was taken from", () => {
    const without = foldStepClaims([claim('rh-amarin', T), claim('ciaranroche', T + MINUTE)]);
    expect(claimAt(without, STEP, T + 2 * MINUTE)?.by).toBe('rh-amarin');
    expect(without.ignored).toEqual([
      `step-claimed of "${STEP}" by @ciaranroche not counted: @rh-amarin holds it; taking over someone's claim takes a reason`,
    ]);
    const blank = foldStepClaims([claim('rh-amarin', T), claim('ciaranroche', T + MINUTE, '   ')]);
    expect(claimAt(blank, STEP, T + 2 * MINUTE)?.by).toBe('rh-amarin');
    const taken = foldStepClaims([claim('rh-amarin', T), claim('ciaranroche', T + MINUTE, ' amarin is off sick ')]);
    expect(claimAt(taken, STEP, T + 2 * MINUTE)).toMatchObject({
      by: 'ciaranroche',
      since: T + MINUTE,
      takenOver: { from: 'rh-amarin', reason: 'amarin is off sick' },
    });
    expect(taken.ignored).toEqual([]);
  });

  it('once a lease lapsed, anyone may claim the step without a reason', () => {
    const events = [claim('rh-amarin', T), claim('ciaranroche', T + STEP_LEASE_MS)];
    expect(claimAt(foldStepClaims(events), STEP, T + STEP_LEASE_MS + MINUTE)).toMatchObject({ by: 'ciaranroche' });
    expect(claimAt(foldStepClaims(events), STEP, T + STEP_LEASE_MS + MINUTE)?.takenOver).toBeUndefined();
  });

  it("the holder's release ends the claim; another's release does not", () => {
    expect(holderAt([claim('rh-amarin', T), release('rh-amarin', T + MINUTE)], T + 2 * MINUTE)).toBeNull();
    const other = foldStepClaims([claim('rh-amarin', T), release('ciaranroche', T + MINUTE)]);
    expect(claimAt(other, STEP, T + 2 * MINUTE)?.by).toBe('rh-amarin');
    expect(other.ignored).toEqual([
      `step-released of "${STEP}" by @ciaranroche not counted: @rh-amarin holds it, and only the holder lets go`,
    ]);
  });

  it('doing the step ends its claim (ticked, or its notice sent); a claim after it is reopened holds again', () => {
    const done = ev('ciaranroche', T + MINUTE, { type: 'step-completed', step: STEP });
    expect(holderAt([claim('rh-amarin', T), done], T + 2 * MINUTE)).toBeNull();
    const sent = ev('rh-amarin', T + MINUTE, { type: 'notice-sent', step: STEP });
    expect(holderAt([claim('rh-amarin', T), sent], T + 2 * MINUTE)).toBeNull();
    const reopened = ev('rh-amarin', T + 2 * MINUTE, { type: 'step-reopened', step: STEP, note: 'reverted' });
    expect(holderAt([claim('rh-amarin', T), done, reopened, claim('rh-amarin', T + 3 * MINUTE)], T + 4 * MINUTE)).toBe('rh-amarin');
  });

  it('an undone completion does not end the claim', () => {
    const done = ev('rh-amarin', T + MINUTE, { type: 'step-completed', step: STEP });
    const undo = ev('rh-amarin', T + 2 * MINUTE, { type: 'event-retracted', target: done.id });
    expect(holderAt([claim('rh-amarin', T), done, undo], T + 3 * MINUTE)).toBe('rh-amarin');
  });

  it('a claim whose lease ends before it begins never counts, and no lease is longer than the app asks for', () => {
    const backwards = ev('rh-amarin', T, { type: 'step-claimed', step: STEP, until: T - 1 });
    const folded = foldStepClaims([backwards]);
    expect(claimAt(folded, STEP, T)).toBeNull();
    expect(folded.ignored).toEqual([`step-claimed of "${STEP}" by @rh-amarin not counted: its lease ends before it begins`]);
    const forever = ev('rh-amarin', T, { type: 'step-claimed', step: STEP, until: T + 365 * 24 * 60 * MINUTE });
    expect(claimAt(foldStepClaims([forever]), STEP, T)?.until).toBe(T + STEP_LEASE_MS);
  });

  it('decides in journal order, each event once: the first of two racing claims holds', () => {
    const first = claim('ciaranroche', T + 1000);
    const second = claim('rh-amarin', T); // its clock read earlier, but the branch took it second
    expect(holderAt([first, second, first], T + MINUTE)).toBe('ciaranroche');
    expect(foldStepClaims([first, second]).ignored).toHaveLength(1);
  });

  it("claims are per step: another step's claim changes nothing here", () => {
    const events = [claim('rh-amarin', T), claim('ciaranroche', T, undefined, 'tag-rc')];
    expect(holderAt(events, T + MINUTE)).toBe('rh-amarin');
    expect(claimAt(foldStepClaims(events), 'tag-rc', T + MINUTE)?.by).toBe('ciaranroche');
  });
});

describe('renewing while the app runs', () => {
  it("asks to renew only the login's own live claims whose last renewal is old enough", () => {
    const claims = foldStepClaims([claim('rh-amarin', T), claim('ciaranroche', T, undefined, 'tag-rc')]);
    expect(claimsToRenew(claims, 'rh-amarin', T + LEASE_RENEW_AFTER_MS - 1)).toEqual([]);
    expect(claimsToRenew(claims, 'rh-amarin', T + LEASE_RENEW_AFTER_MS).map((c) => c.step)).toEqual([STEP]);
    // Lapsed (the app was not running): nothing to renew, the step is free.
    expect(claimsToRenew(claims, 'rh-amarin', T + STEP_LEASE_MS)).toEqual([]);
  });
});

describe('presence', () => {
  it("each login's last event of any stream, active within the window, and what they hold; holders and the active first", () => {
    const log = [
      { stream: 'release-v0.4.0', event: claim('ciaranroche', T - 12 * MINUTE) },
      { stream: 'release-v0.4.0', event: ev('ciaranroche', T - 2 * MINUTE, { type: 'step-completed', step: 'tag-rc' }) },
      { stream: 'hotfix-HF-1', event: ev('yasun1', T - ACTIVE_WINDOW_MS, { type: 'hotfix-closed' }) },
      { stream: 'hotfix-HF-1', event: ev('rh-amarin', T - ACTIVE_WINDOW_MS + 1, { type: 'hotfix-closed' }) },
    ];
    const claims = { 'release-v0.4.0': foldStepClaims(log.slice(0, 2).map((l) => l.event)) };
    const people = teamPresence(log, claims, T);
    expect(people.map((p) => [p.login, p.active, p.holds.map((h) => `${h.stream}/${h.step}`)])).toEqual([
      ['ciaranroche', true, [`release-v0.4.0/${STEP}`]],
      ['rh-amarin', true, []],
      ['yasun1', false, []],
    ]);
    expect(people[0]!.lastAt).toBe(T - 2 * MINUTE);
  });

  it('a lapsed claim is not held, and says nothing of being active', () => {
    const log = [{ stream: 'release-v0.4.0', event: claim('ciaranroche', T - STEP_LEASE_MS) }];
    const [person] = teamPresence(log, { 'release-v0.4.0': foldStepClaims(log.map((l) => l.event)) }, T);
    expect(person).toMatchObject({ login: 'ciaranroche', active: false, holds: [] });
  });

  it('how long held, in words', () => {
    expect(heldFor(T, T + 30_000)).toBe('<1 min');
    expect(heldFor(T, T + 12 * MINUTE + 59_000)).toBe('12 min');
    expect(heldFor(T, T + 60 * MINUTE)).toBe('1 h');
    expect(heldFor(T, T + 65 * MINUTE)).toBe('1 h 5 min');
  });
});
