import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../src/domain/events.js';
import { foldHotfix, foldRelease } from '../../src/domain/fold.js';
import { MINUTE } from '../../src/domain/time.js';
import { describeEvent } from '../../src/domain/timeline.js';
import { chooseUndo, retractedIds, UNDO_WINDOW_MS } from '../../src/domain/undo.js';

let n = 0;
const ev = (at: number, body: Record<string, unknown>, actor = 'alice'): JournalEvent =>
  ({ id: `e${(n += 1)}`, at, actor, ...body }) as JournalEvent;
const retract = (target: JournalEvent, at: number, actor = 'alice') => ev(at, { type: 'event-retracted', target: target.id }, actor);
const steps = new Set(['a', 'b']);
const T = 1_000_000_000;

describe('a retraction in the fold', () => {
  it('takes out its own recent event: the step is as if never ticked', () => {
    const done = ev(T, { type: 'step-completed', step: 'a' });
    expect(foldRelease([done, retract(done, T + MINUTE)], steps).steps.a).toBeUndefined();
    // An undone reopening leaves the step done.
    const reopened = ev(T + 1, { type: 'step-reopened', step: 'a', note: 'oops' });
    expect(foldRelease([done, reopened, retract(reopened, T + 2)], steps).steps.a).toMatchObject({ by: 'alice' });
  });

  it("counts for nothing on someone else's event, past the window, on a sent notice, or twice", () => {
    const done = ev(T, { type: 'step-completed', step: 'a' });
    const sent = ev(T, { type: 'notice-sent', step: 'b', key: 'v/k' });
    const cases: Array<[JournalEvent[], RegExp]> = [
      [[done, retract(done, T + 1, 'bob')], /only @alice, who recorded it, may undo it/],
      [[done, retract(done, T + UNDO_WINDOW_MS + 1)], /older than 5 minutes/],
      [[sent, retract(sent, T + 1)], /a notice-sent event is never undone/],
    ];
    for (const [events, why] of cases) {
      const state = foldRelease(events, steps);
      expect(state.steps[events[0]!.type === 'notice-sent' ? 'b' : 'a']).toBeDefined();
      expect(state.ignored.join('\n')).toMatch(why);
    }
    const first = retract(done, T + 1);
    const twice = retractedIds([done, first, retract(first, T + 2), retract(done, T + 3)]);
    expect([...twice.ids]).toEqual([done.id]);
    expect(twice.ignored).toEqual([
      expect.stringMatching(/never undone/), // a retraction is not undone by another
      expect.stringMatching(/undone already/),
    ]);
  });

  it('names every undo that does not count, however many: more than a function call takes arguments', () => {
    const done = ev(T, { type: 'step-completed', step: 'a' });
    const undos = Array.from({ length: 150_000 }, (_, i) => retract(done, T + 1 + i, 'bob'));
    const state = foldRelease([done, ...undos], steps);
    expect(state.steps.a).toMatchObject({ by: 'alice' });
    expect(state.ignored).toHaveLength(150_000);
  });

  it('an undone event is left out wherever the undo is in the file, as long as it was recorded after it', () => {
    const done = ev(T, { type: 'step-completed', step: 'a' });
    const other = ev(T + 2, { type: 'step-completed', step: 'b' });
    expect(foldRelease([retract(done, T + 1), other, done], steps).steps).toEqual({ b: expect.objectContaining({ by: 'alice' }) });
    // Recorded in the same millisecond but written before it: the undo came first, so it undoes nothing.
    const state = foldRelease([retract(done, T), done], steps);
    expect(state.steps.a).toBeDefined();
    expect(state.ignored).toEqual([expect.stringMatching(/no such event/)]);
  });

  it('an undone hotfix-opened leaves no hotfix', () => {
    const opened = ev(T, {
      type: 'hotfix-opened',
      key: 'H-1',
      severity: 'high',
      component: 'c',
      affects: 'v0.3.1',
      summary: 's',
      reportedAt: T,
    });
    expect(foldHotfix([opened], steps)).not.toBeNull();
    expect(foldHotfix([opened, retract(opened, T + 1)], steps)).toBeNull();
  });

  it('the Log says what was undone', () => {
    const done = ev(T, { type: 'step-completed', step: 'a' });
    const undo = { ...retract(done, T + 1), reason: 'wrong step' } as JournalEvent;
    expect(
      describeEvent(
        undo,
        () => 'Cut release-0.4',
        (id) => (id === done.id ? done : undefined),
      ),
    ).toBe('Undone: Done: Cut release-0.4 — wrong step');
  });
});

describe('chooseUndo', () => {
  const log = (events: JournalEvent[]) => events.map((event) => ({ stream: 'release-v0.4.0', event }));

  it("picks the person's own latest action, past the app's bookkeeping, and never one already undone", () => {
    const mine = ev(T, { type: 'step-completed', step: 'a' });
    const theirs = ev(T + 2, { type: 'step-completed', step: 'b' }, 'bob');
    const claim = ev(T + 3, { type: 'notice-claimed', step: 'b', key: 'k', pid: 1, host: 'h' });
    expect(chooseUndo(log([mine, theirs, claim]), 'alice', T + MINUTE)).toEqual({
      ok: true,
      undo: { stream: 'release-v0.4.0', event: mine },
    });
    const later = ev(T + 4, { type: 'step-completed', step: 'b' });
    expect(chooseUndo(log([mine, later, retract(later, T + 5)]), 'alice', T + MINUTE)).toMatchObject({ ok: true, undo: { event: mine } });
  });

  it('refuses when the last action is too old, was posted to Slack, or there is none', () => {
    const done = ev(T, { type: 'step-completed', step: 'a' });
    expect(chooseUndo(log([done]), 'alice', T + UNDO_WINDOW_MS + 1)).toEqual({
      ok: false,
      reason: 'your last action is not undone: it is older than 5 minutes',
    });
    const sent = ev(T + 1, { type: 'notice-sent', step: 'b', key: 'k' });
    expect(chooseUndo(log([done, sent]), 'alice', T + 2)).toMatchObject({ ok: false, reason: expect.stringMatching(/posted to Slack/) });
    expect(chooseUndo(log([done]), 'bob', T + 1)).toEqual({ ok: false, reason: '@bob has recorded nothing that could be undone' });
  });
});
