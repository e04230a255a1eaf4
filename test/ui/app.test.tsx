import { render } from 'ink-testing-library';
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src/app/session.js';
import { App } from '../../src/ui/App.js';
import { WiringProvider } from '../../src/ui/hooks/store-context.js';
import { ThemeProvider } from '../../src/ui/theme.js';
import { demoSession } from '../helpers/demo-session.js';

const sessions: Session[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.dispose()));

async function mount() {
  const session = await demoSession();
  sessions.push(session);
  const view = render(
    <ThemeProvider colour={false}>
      <WiringProvider store={session.store} controller={session.controller}>
        <App />
      </WiringProvider>
    </ThemeProvider>,
  );
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      view.stdin.write(key);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { session, view, press, frame: () => view.lastFrame() ?? '' };
}

describe('App', () => {
  it('moves the cursor on the checklist', async () => {
    const { press, frame, session } = await mount();
    await press('2');
    expect(frame()).toContain('Preflight');
    await press('j', 'j');
    expect(session.store.getState().cursor.checklist).toBe(2);
  });
});
