import { render } from 'ink-testing-library';
import { afterEach } from 'vitest';
import type { Controller } from '../../src/app/controller.js';
import type { Session } from '../../src/app/session.js';
import type { AppStore } from '../../src/store/app-store.js';
import { App } from '../../src/ui/App.js';
import { WiringProvider } from '../../src/ui/hooks/store-context.js';
import { ThemeProvider } from '../../src/ui/theme.js';
import { demoSession, DEMO_NOW } from './demo-session.js';
import type { DisplayZone } from '../../src/domain/display-time.js';

/** The app rendered with ink-testing-library over a demo session, and ways to press keys and wait. */
const sessions: Session[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
});

export const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Polls until `check` passes: journal appends fsync, so their frames come when the disk says so. */
export async function until(check: () => unknown, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await tick();
  }
}
/** A demo step moves the fake world in its worker thread, then every source is asked again. */
export const SLOW_WORLD_MS = 15_000;
export const KEYS = { down: '\u001b[B', up: '\u001b[A', right: '\u001b[C', left: '\u001b[D', tab: '\t', escape: '\u001b', enter: '\r' };

/** hyperfleet-api's GA tag v0.4.0, annotated at `at`, as live status would show it: before the release gate is approved. */
export function tagGaEarly(session: Session, at: number): void {
  const api = session.store.getState().config.components.find((c) => c.name === 'hyperfleet-api')!.repo;
  session.store.setState((s) => ({
    snapshot: {
      ...s.snapshot!,
      repos: s.snapshot!.repos!.map((r) =>
        r.repo === api
          ? { ...r, tags: ['v0.4.0', ...r.tags], taggedAt: { ...r.taggedAt, 'v0.4.0': at }, annotatedAt: { 'v0.4.0': at } }
          : r,
      ),
    },
  }));
}

/** With `refresh: false`, the first frame: no source has been asked yet. */
export async function mount(
  colour = false,
  clock: number | (() => number) = DEMO_NOW,
  { refresh = true, readOnly = false, displayZone }: { refresh?: boolean; readOnly?: boolean; displayZone?: DisplayZone } = {},
) {
  const session = await demoSession(clock, { refresh, readOnly, ...(displayZone ? { displayZone } : {}) });
  sessions.push(session);
  return { session, ...(await renderApp(session, colour)) };
}

/** The app rendered over any store and controller (a test's own sources), with ways to press keys, read frames and resize. */
export async function renderApp(wiring: { store: AppStore; controller: Controller }, colour = false) {
  const view = render(
    <ThemeProvider colour={colour}>
      <WiringProvider store={wiring.store} controller={wiring.controller}>
        <App />
      </WiringProvider>
    </ThemeProvider>,
  );
  await tick();
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      view.stdin.write(key);
      await tick();
    }
  };
  const frame = () => view.lastFrame() ?? '';
  const resize = async (columns: number, rows: number) => {
    Object.defineProperty(view.stdout, 'columns', { get: () => columns, configurable: true });
    Object.defineProperty(view.stdout, 'rows', { get: () => rows, configurable: true });
    view.stdout.emit('resize');
    await tick();
  };
  return { view, press, frame, resize };
}
