import { describe, expect, it } from 'vitest';
import { done, refused } from '../../src/domain/outcome.js';
import { createAppStore } from '../../src/store/app-store.js';
import { act, say } from '../../src/ui/outcome.js';
import { bundledConfig } from '../helpers/demo-session.js';

const store = () => createAppStore({ config: bundledConfig(), release: 'v0.4.0', journalPlace: '/tmp/x', now: 0 });

describe('the message line', () => {
  it("a slow action's outcome never covers the outcome of one started after it", async () => {
    const s = store();
    let finishSlow: (value: ReturnType<typeof done>) => void = () => {};
    const slow = act(s, new Promise((resolve) => (finishSlow = resolve)));
    await act(s, Promise.resolve(done('Saved the QE handoff to /tmp/h.md.')));
    finishSlow(done('Demo: the cherry-pick was opened.'));
    await slow;
    expect(s.getState().flash?.text).toBe('Saved the QE handoff to /tmp/h.md.');
  });

  it('nor covers a message a later key said; but it is shown once the line is clear', async () => {
    const s = store();
    let finishSlow: (value: ReturnType<typeof refused>) => void = () => {};
    const slow = act(s, new Promise((resolve) => (finishSlow = resolve)));
    say(s, 'warn', 'Not a task, so not ticked by hand.');
    finishSlow(refused('Nothing to play.'));
    await slow;
    expect(s.getState().flash?.text).toBe('Not a task, so not ticked by hand.');
    s.setState({ flash: null });
    const later = act(s, Promise.resolve(refused('Nothing to play.')));
    await later;
    expect(s.getState().flash?.text).toBe('Nothing to play.');
  });
});
