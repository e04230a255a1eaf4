import { describe, expect, it } from 'vitest';
import { done, failed, refused } from '../../src/domain/outcome.js';
import { createAppStore } from '../../src/store/app-store.js';
import { showOutcome } from '../../src/ui/outcome.js';
import { bundledConfig, DEMO_NOW } from '../helpers/demo-session.js';

describe('showOutcome', () => {
  it('turns done into news, a refusal into a warning, a failure into an error', () => {
    const store = createAppStore({ config: bundledConfig(), release: 'v0.4.0', journalPlace: 'x', now: DEMO_NOW, sourceNames: [] });
    showOutcome(store, done('Done: Cut release-0.4'));
    expect(store.getState().flash).toEqual({ level: 'info', text: 'Done: Cut release-0.4' });
    showOutcome(store, refused('A waiver needs a reason.', 'reason'));
    expect(store.getState().flash).toEqual({ level: 'warn', text: 'A waiver needs a reason.' });
    showOutcome(store, failed('Could not write the journal: EACCES'));
    expect(store.getState().flash).toEqual({ level: 'error', text: 'Could not write the journal: EACCES' });
  });
});
