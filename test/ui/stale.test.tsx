import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Controller } from '../../src/app/controller.js';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import { FakeProw } from '../../src/fakes/prow/server.js';
import { FakeRegistry } from '../../src/fakes/registry/server.js';
import { FileJournalStore } from '../../src/journal/file-store.js';
import { GitHubSource } from '../../src/sources/github/github-source.js';
import { ProwSource } from '../../src/sources/prow/prow-source.js';
import { RegistrySource } from '../../src/sources/registry/registry-source.js';
import { createAppStore } from '../../src/store/app-store.js';
import { releaseMakeupOf } from '../../src/store/view.js';
import { selectReleasePhases } from '../../src/store/selectors.js';
import { configWithComponents, greenWorld, T0 } from '../helpers/fake-world.js';
import { renderApp, until } from '../helpers/ui.js';

/** The app over the real GitHub, Prow and registry clients, asking loopback fakes the test can break. */
const config = configWithComponents(2);
let now = T0;
let github: FakeGitHub;
let prow: FakeProw;
let registry: FakeRegistry;
const MANIFEST = 'release: "0.4"\ne2e_ref: main\ncomponents:\n  c0: v0.4.0-rc1\n  c1: v0.4.0-rc1\n';

beforeEach(() => {
  now = T0;
  // c0 is the release repository: its main names release 0.4 (no release branch yet), both components at rc1.
  const green = greenWorld(config);
  const repos = green.repos.map((r) => (r.name === 'c0' ? { ...r, files: { main: { 'RELEASE_MANIFEST.yaml': MANIFEST } } } : r));
  const world = { ...green, repos, manifests: [{ repository: 'c0', tag: '0.4.0', labelVersion: '0.4.0' }] };
  github = new FakeGitHub(world, () => now);
  prow = new FakeProw(world, () => now);
  registry = new FakeRegistry(world);
});
afterEach(async () => Promise.all([github.stop(), prow.stop(), registry.stop()]));

async function app() {
  const [githubUrl, prowUrl, registryUrl] = await Promise.all([github.start(), prow.start(), registry.start()]);
  const store = createAppStore({ config, release: 'v0.4.0', journalPlace: '-', now, sourceNames: ['github', 'prow', 'registry'] });
  const controller = new Controller({
    store,
    journal: new FileJournalStore('/nonexistent'),
    sources: [
      new GitHubSource({ config, baseUrl: githubUrl, token: 't', releaseBranch: 'release-0.4', timeoutMs: 1000 }),
      new ProwSource({ config, baseUrl: prowUrl, timeoutMs: 1000 }),
      new RegistrySource({
        config,
        makeup: () => releaseMakeupOf(config, 'v0.4.0', store.getState().snapshot),
        mirror: registryUrl,
        timeoutMs: 1000,
      }),
    ],
    clock: () => now,
    newId: () => 'id',
    random: () => 0.5,
  });
  await controller.refresh();
  const rendered = await renderApp({ store, controller });
  await rendered.resize(160, 30);
  return { store, controller, ...rendered };
}

const line = (frame: string, start: string) => frame.split('\n').find((l) => l.trimStart().startsWith(start)) ?? '';

describe('stale marks', () => {
  it('a registry retry that hangs says "refreshing…" beside the stale mark, never instead; the artifact lines keep theirs', async () => {
    const { store, controller, press, frame } = await app();
    await press('4');
    expect(line(frame(), 'Images')).toBe('Images 0.4.0: ✓ c0 ✗ c1');
    expect(frame()).not.toContain('STALE');

    now += 60_000;
    registry.fail('500', 6);
    await controller.refresh();
    await until(() => frame().includes('STALE: registry failing'));
    expect(line(frame(), 'Images')).toBe('Images 0.4.0: ✓ c0* ✗ c1*');
    expect(line(frame(), 'RC images')).toBe('RC images 0.4.0-rc1: ✗ c0* ✗ c1*');
    expect(frame()).toMatch(/\* registry: the registry at 127\.0\.0\.1:\d+ answered 500 for .* — showing its data from 1m ago/);

    // The retry hangs until the client's timeout: the mark stays all along.
    registry.clearFaults();
    registry.fail('timeout', 6);
    now = store.getState().schedules.registry!.nextAt;
    const retry = controller.refresh(false);
    await until(() => store.getState().refreshing);
    await until(() => frame().includes('refreshing… · STALE: registry failing'));
    expect(line(frame(), 'Images')).toBe('Images 0.4.0: ✓ c0* ✗ c1*');
    await retry;
    await until(() => !store.getState().refreshing);
    expect(frame()).toContain('STALE: registry failing');
    expect(line(frame(), 'Images')).toBe('Images 0.4.0: ✓ c0* ✗ c1*');

    // Only a good answer takes it away.
    now = store.getState().schedules.registry!.nextAt;
    await controller.refresh(false);
    await until(() => !frame().includes('STALE'));
    expect(line(frame(), 'Images')).toBe('Images 0.4.0: ✓ c0 ✗ c1');
  });

  it("a repository GitHub left out: its cells keep their data with a mark, GitHub's message under the table and on the Dashboard", async () => {
    const { controller, press, frame } = await app();
    now += 60_000;
    github.failRepository('c1', 'NOT_FOUND');
    await controller.refresh();
    const message = `GitHub: Could not resolve to a Repository with the name '${config.github.org}/c1'.`;
    await until(() => frame().includes('STALE: github partial'));
    expect(frame()).toMatch(/✓ Unit +mandatory 2\/2 components passed · stale: GitHub: Could not resolve/);
    await press('4');
    expect(line(frame(), 'Unit')).toMatch(/^Unit +mandatory +✓ pass +✓ passed 1h 1m +✓ passed 1h 1m\* *$/);
    expect(line(frame(), 'Integration')).toMatch(/✓ passed 1h 1m\* *$/);
    expect(frame()).toContain(`* github: ${message} — showing its data from 1m ago`);
    expect(frame()).not.toContain('retry in');

    now += 60_000;
    await controller.refresh();
    await until(() => !frame().includes('STALE'));
    expect(line(frame(), 'Unit')).toMatch(/✓ passed 1h 2m +✓ passed 1h 2m *$/);
  });

  it("the manifest's line says where it was read and each version; marked stale when GitHub leaves the release repository out", async () => {
    const { controller, press, frame } = await app();
    await press('4');
    expect(line(frame(), 'Manifest')).toBe('Manifest (main, none on release-0.4 yet): c0 v0.4.0-rc1 · c1 v0.4.0-rc1');
    now += 60_000;
    github.failRepository('c0', 'NOT_FOUND');
    await controller.refresh();
    await until(() => frame().includes('STALE: github partial'));
    expect(line(frame(), 'Manifest')).toMatch(
      /^Manifest \(main, none on release-0\.4 yet\): c0 v0\.4\.0-rc1 · c1 v0\.4\.0-rc1 \* stale: GitHub: Could not resolve to a Repository/,
    );
  });

  it('a manifest that does not parse is marked invalid, with its line; the checks that need versions wait, never fail', async () => {
    github.world = {
      ...github.world,
      repos: github.world.repos.map((r) =>
        r.name === 'c0' ? { ...r, files: { main: { 'RELEASE_MANIFEST.yaml': 'release: "0.4"\ne2e_ref: main\ncomponents: [c0]\n' } } } : r,
      ),
    };
    const { press, frame, store } = await app();
    await press('4');
    expect(line(frame(), 'Manifest')).toMatch(
      /^Manifest: ✗ invalid: RELEASE_MANIFEST\.yaml on main is not valid: line 3: components: must be a map/,
    );
    const phases = selectReleasePhases(store.getState()).flatMap((p) => p.steps);
    for (const id of ['tag-rc', 'rc-images', 'set-manifest']) expect(phases.find((v) => v.step.id === id)!.state).not.toBe('failed');
    const makeup = releaseMakeupOf(config, 'v0.4.0', store.getState().snapshot);
    expect(makeup).toMatchObject({ known: false, why: expect.stringMatching(/on main is not valid: line 3: /) });
  });
});
