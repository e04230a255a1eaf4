import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../src/domain/events.js';
import { foldHotfix, foldRelease } from '../../src/domain/fold.js';

let n = 0;
const ev = (at: number, body: Record<string, unknown>, actor = 'alice'): JournalEvent =>
  ({ id: `e${(n += 1)}`, at, actor, ...body }) as JournalEvent;
const steps = new Set(['a', 'b', 'gate']);

describe('foldRelease', () => {
  it('completes, reopens and approves steps in time order', () => {
    const state = foldRelease(
      [
        ev(3, { type: 'step-reopened', step: 'a' }, 'bob'),
        ev(1, { type: 'release-planned', release: 'v0.4.0', milestones: { ga: 100 } }),
        ev(2, { type: 'step-completed', step: 'a', note: 'merged' }),
        ev(4, { type: 'step-completed', step: 'b' }),
        ev(5, { type: 'gate-approved', step: 'gate', comment: 'go' }, 'lead'),
      ],
      steps,
    );
    expect(state.release).toBe('v0.4.0');
    expect(state.milestones).toEqual({ ga: 100 });
    expect(state.steps.a).toBeUndefined();
    expect(state.steps.b).toMatchObject({ by: 'alice', via: 'manual' });
    expect(state.steps.gate).toBeUndefined(); // a gate is decided by its approvals, not a step record
    expect(state.gates.gate!.approvals).toEqual([{ by: 'lead', at: 5, comment: 'go', evidence: [] }]);
  });

  it('counts an event id once, so a replayed or merged journal does not double up', () => {
    const e = ev(1, { type: 'step-completed', step: 'a' });
    const reopen = ev(2, { type: 'step-reopened', step: 'a' });
    expect(foldRelease([e, reopen, e], steps).steps.a).toBeUndefined();
  });

  it('keeps file order for events with the same time', () => {
    const state = foldRelease([ev(1, { type: 'step-completed', step: 'a' }), ev(1, { type: 'step-reopened', step: 'a' })], steps);
    expect(state.steps.a).toBeUndefined();
  });

  it('ignores, and reports, events for steps the playbook does not have', () => {
    const state = foldRelease([ev(1, { type: 'step-completed', step: 'zzz' }), ev(2, { type: 'hotfix-closed' })], steps);
    expect(state.steps).toEqual({});
    expect(state.ignored).toEqual(['step-completed for unknown step "zzz"', 'hotfix-closed does not belong to a release journal']);
  });
});

describe('foldHotfix', () => {
  const opened = (at: number) =>
    ev(at, {
      type: 'hotfix-opened',
      key: 'HF-1',
      severity: 'Major',
      component: 'api',
      affects: 'v0.3.1',
      summary: 's',
      reportedAt: at - 10,
    });

  it('is null until the hotfix is opened', () => {
    expect(foldHotfix([ev(1, { type: 'step-completed', step: 'a' })], steps)).toBeNull();
  });

  it('tracks severity changes, steps and closing', () => {
    const state = foldHotfix(
      [
        opened(1),
        ev(2, { type: 'hotfix-severity-changed', severity: 'Blocker' }),
        ev(3, { type: 'step-completed', step: 'a' }),
        ev(4, { type: 'hotfix-closed' }),
      ],
      steps,
    )!;
    expect(state).toMatchObject({ key: 'HF-1', severity: 'Blocker', reportedAt: -9, closedAt: 4, openedBy: 'alice' });
    expect(Object.keys(state.steps)).toEqual(['a']);
  });

  it('reports events recorded before the hotfix was opened', () => {
    const state = foldHotfix([ev(1, { type: 'step-completed', step: 'a' }), opened(2)], steps)!;
    expect(state.ignored).toEqual(['step-completed before hotfix-opened']);
    expect(state.steps).toEqual({});
  });
});
