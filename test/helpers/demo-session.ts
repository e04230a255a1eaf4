import { resolve } from 'node:path';
import { openSession, type Session } from '../../src/app/session.js';
import { loadConfig } from '../../src/config/load.js';
import type { AppConfig } from '../../src/domain/config.js';
import { DEMO_RELEASE, demoRcCombination } from '../../src/demo/world.js';
import { manifestRelease, type ManifestRead } from '../../src/domain/manifest.js';
import { parseVersion } from '../../src/domain/version.js';

export const CONFIG_PATH = resolve(import.meta.dirname, '../../config/hyperfleet.yaml');

let cached: AppConfig | null = null;
export function bundledConfig(): AppConfig {
  cached ??= loadConfig(CONFIG_PATH);
  return cached;
}

/** A demo session at a fixed instant, so frames are the same on every run. */
export const DEMO_NOW = Date.parse('2026-11-18T10:00:00Z');

/** `now` is the instant the clock stays at, or a clock a test moves forward itself. */
export async function demoSession(now: number | (() => number) = DEMO_NOW, { refresh = true } = {}): Promise<Session> {
  const clock = typeof now === 'number' ? () => now : now;
  const session = await openSession({ config: bundledConfig(), demo: true, clock });
  carryDemoManifest(session);
  if (refresh) await session.controller.refresh();
  return session;
}

/**
 * A stand-in until the GitHub source reads RELEASE_MANIFEST.yaml (issue 12's manifest part):
 * the release repository's facts carry the manifest the demo's RC E2E runs were made for, on
 * the release branch, as that source will report it. A manifest the source did read is kept.
 */
function carryDemoManifest(session: Session): void {
  const { config } = session.store.getState();
  const { versions, e2eRef } = demoRcCombination(config);
  const release: ManifestRead = {
    state: 'found',
    manifest: { release: manifestRelease(parseVersion(DEMO_RELEASE)!), e2eRef, components: versions },
  };
  const carry = () => {
    const { snapshot } = session.store.getState();
    const repo = snapshot?.repos?.find((r) => r.repo === config.github.releaseRepo);
    if (!snapshot?.repos || !repo || repo.manifest) return;
    const repos = snapshot.repos.map((r) => (r === repo ? { ...r, manifest: { release } } : r));
    session.store.setState({ snapshot: { ...snapshot, repos } });
  };
  session.store.subscribe(carry);
}
