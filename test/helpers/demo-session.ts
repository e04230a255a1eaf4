import { resolve } from 'node:path';
import { openSession, type Session } from '../../src/app/session.js';
import { loadConfig } from '../../src/config/load.js';
import type { AppConfig } from '../../src/domain/config.js';
import type { DisplayZone } from '../../src/domain/display-time.js';

export const CONFIG_PATH = resolve(import.meta.dirname, '../../config/hyperfleet.yaml');

let cached: AppConfig | null = null;
export function bundledConfig(): AppConfig {
  cached ??= loadConfig(CONFIG_PATH);
  return cached;
}

/** A demo session at a fixed instant, so frames are the same on every run. */
export const DEMO_NOW = Date.parse('2026-11-18T10:00:00Z');

/** `now` is the instant the clock stays at, or a clock a test moves forward itself. */
export async function demoSession(
  now: number | (() => number) = DEMO_NOW,
  { refresh = true, readOnly = false, displayZone }: { refresh?: boolean; readOnly?: boolean; displayZone?: DisplayZone } = {},
): Promise<Session> {
  const clock = typeof now === 'number' ? () => now : now;
  const session = await openSession({ config: bundledConfig(), demo: true, clock, readOnly, ...(displayZone ? { displayZone } : {}) });
  if (refresh) await session.controller.refresh();
  return session;
}
