import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/domain/config.js';
import { FakeRegistry } from '../../src/fakes/registry/server.js';
import type { CheckSpec } from '../../src/domain/config.js';
import { artifactFindings, artifactTargets } from '../../src/domain/facts.js';
import { parseChallenge, RegistrySource, splitLocation } from '../../src/sources/registry/registry-source.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { RealRegistry } from '../helpers/real-registry.js';
import { manifestMakeup } from '../helpers/fake-world.js';

const T = Date.parse('2026-11-18T10:00:00Z');
/** Release 0.4 as its manifest names it: three components at v0.4.0-rc1; hyperfleet-applier is not part of it. */
const RELEASE_04 = { 'hyperfleet-api': 'v0.4.0-rc1', 'hyperfleet-sentinel': 'v0.4.0-rc1', 'hyperfleet-adapter': 'v0.4.0-rc1' };

/** The bundled config with every image and chart moved to a registry on loopback. */
function configAt(host: string): AppConfig {
  const base = bundledConfig();
  return {
    ...base,
    components: base.components.map((c) => ({ ...c, image: `${host}/hyperfleet/${c.name}`, chart: `${host}/charts/${c.name}-chart` })),
  };
}

describe('registry helpers', () => {
  it('splits a location into registry and repository; loopback speaks HTTP', () => {
    expect(splitLocation('quay.io/redhat-services-prod/hyperfleet-tenant/hyperfleet/hyperfleet-api')).toEqual({
      base: 'https://quay.io',
      repository: 'redhat-services-prod/hyperfleet-tenant/hyperfleet/hyperfleet-api',
    });
    expect(splitLocation('127.0.0.1:5000/a/b').base).toBe('http://127.0.0.1:5000');
    expect(splitLocation('oci://quay.io/a/b-chart', 'http://mirror')).toEqual({ base: 'http://mirror', repository: 'a/b-chart' });
  });

  it('reads a bearer challenge', () => {
    expect(parseChallenge('Bearer realm="https://quay.io/v2/auth",service="quay.io",scope="repository:a/b:pull"')).toEqual({
      realm: 'https://quay.io/v2/auth',
      service: 'quay.io',
      scope: 'repository:a/b:pull',
    });
    expect(parseChallenge('Basic realm="x"')).toBeNull();
  });

  it('looks for the image tag (from config naming), the chart version and the first RC image of every component', () => {
    const config = bundledConfig();
    const targets = artifactTargets(config, manifestMakeup(config, RELEASE_04));
    expect(targets).toHaveLength(9);
    expect(targets[0]).toMatchObject({ component: 'hyperfleet-api', kind: 'image', tag: '0.4.0' });
    expect(targets[1]).toMatchObject({ kind: 'chart', tag: '0.4.0' });
    expect(targets[2]).toMatchObject({ kind: 'rc-image', tag: '0.4.0-rc1', location: targets[0]!.location });
  });

  it("looks for each component's own version from the manifest, and nothing of a component it does not name", () => {
    const config = bundledConfig();
    const makeup = manifestMakeup(config, {
      'hyperfleet-api': 'v1.5.0-rc2',
      'hyperfleet-sentinel': 'v1.4.2',
      'hyperfleet-adapter': 'v2.0.0-dev',
    });
    expect(artifactTargets(config, makeup).map((t) => `${t.component} ${t.kind} ${t.tag} ${t.labelVersion ?? '-'}`)).toEqual([
      'hyperfleet-api image 1.5.0 1.5.0',
      'hyperfleet-api chart 1.5.0 -',
      'hyperfleet-api rc-image 1.5.0-rc2 1.5.0-rc2', // the RC the manifest names
      'hyperfleet-sentinel image 1.4.2 1.4.2',
      'hyperfleet-sentinel chart 1.4.2 -',
      'hyperfleet-sentinel rc-image 1.4.2-rc1 1.4.2-rc1',
      'hyperfleet-adapter image 2.0.0 2.0.0',
      'hyperfleet-adapter chart 2.0.0 -',
      'hyperfleet-adapter rc-image 2.0.0-rc1 2.0.0-rc1',
    ]);
    expect(artifactTargets(config, manifestMakeup(config, { 'hyperfleet-api': 'v1.5.0' })).map((t) => t.component)).toEqual([
      'hyperfleet-api',
      'hyperfleet-api',
      'hyperfleet-api',
    ]);
    expect(artifactTargets(config, { known: false, why: 'not read yet' })).toEqual([]);
  });
});

describe('RegistrySource against a real registry on loopback', () => {
  const registry = new RealRegistry();
  beforeAll(async () => registry.start(), 20_000);
  afterAll(async () => registry.stop());

  it('finds pushed images and charts by manifest, with their digests, and says which are missing', async () => {
    const host = registry.url.replace('http://', '');
    const digest = await registry.push('hyperfleet/hyperfleet-api', '0.4.0', { version: '0.4.0' });
    await registry.push('charts/hyperfleet-api-chart', '0.4.0');
    await registry.push('hyperfleet/hyperfleet-adapter', '0.4.0-rc1', { version: '0.4.0-rc1' }); // only the RC: 0.4.0 is missing
    const report = await new RegistrySource({ config: configAt(host), makeup: () => manifestMakeup(configAt(host), RELEASE_04) }).fetch(T);
    const found = Object.fromEntries(report.artifacts!.map((a) => [`${a.kind} ${a.component}`, a]));
    expect(found['image hyperfleet-api']).toMatchObject({
      exists: true,
      digest,
      reference: `${host}/hyperfleet/hyperfleet-api:0.4.0`,
      checkedAt: T,
    });
    expect(found['chart hyperfleet-api']!.exists).toBe(true);
    expect(found['image hyperfleet-adapter']!.exists).toBe(false);
    expect(found['rc-image hyperfleet-adapter']).toMatchObject({
      exists: true,
      reference: `${host}/hyperfleet/hyperfleet-adapter:0.4.0-rc1`,
    });
    expect(found['rc-image hyperfleet-api']!.exists).toBe(false);
    expect(found['image hyperfleet-sentinel']!.exists).toBe(false);
  });

  it("an image whose config's Labels.version is another version does not exist, and says what it found", async () => {
    const host = registry.url.replace('http://', '');
    await registry.push('hyperfleet/hyperfleet-sentinel', '0.4.0', { version: '0.3.9' });
    await registry.push('hyperfleet/hyperfleet-sentinel', '0.4.0-rc1', {});
    const config = configAt(host);
    const report = await new RegistrySource({ config, makeup: () => manifestMakeup(config, RELEASE_04) }).fetch(T);
    const ga = report.artifacts!.find((a) => a.kind === 'image' && a.component === 'hyperfleet-sentinel')!;
    const rc = report.artifacts!.find((a) => a.kind === 'rc-image' && a.component === 'hyperfleet-sentinel')!;
    expect(ga).toMatchObject({ exists: false, label: { expected: '0.4.0', found: '0.3.9' } });
    expect(rc).toMatchObject({ exists: false, label: { expected: '0.4.0-rc1', found: null } });
    const spec = { artifacts: ['image', 'rc-image'] } as unknown as CheckSpec;
    const sentinel = manifestMakeup(config, { 'hyperfleet-sentinel': 'v0.4.0-rc1' });
    expect(artifactFindings(spec, config, sentinel, report.artifacts)).toEqual([
      { ok: false, text: `${host}/hyperfleet/hyperfleet-sentinel:0.4.0: label version 0.3.9, expected 0.4.0` },
      { ok: false, text: `${host}/hyperfleet/hyperfleet-sentinel:0.4.0-rc1: label version (none), expected 0.4.0-rc1` },
    ]);
  });
});

/** The source for release 0.4 with every image at quay.example, asked through the fake at `url`. */
const mirrored = (url: string) =>
  new RegistrySource({ config: configAt('quay.example'), makeup: () => manifestMakeup(configAt('quay.example'), RELEASE_04), mirror: url });

describe('RegistrySource with an anonymous bearer challenge', () => {
  it('fetches an anonymous token from the realm, then asks again; reuses the token', async () => {
    const fake = new FakeRegistry({
      org: 'o',
      viewer: 'v',
      repos: [],
      prowRuns: [],
      manifests: [{ repository: 'hyperfleet/hyperfleet-api', tag: '0.4.0', labelVersion: '0.4.0' }],
    });
    const url = await fake.start();
    try {
      const source = mirrored(url);
      const first = await source.fetch(T);
      expect(first.artifacts!.find((a) => a.kind === 'image' && a.component === 'hyperfleet-api')).toMatchObject({ exists: true });
      expect(first.artifacts!.filter((a) => a.exists)).toHaveLength(1);
      const afterFirst = fake.requestCount;
      await source.fetch(T);
      // Tokens are reused: one HEAD per chart, one GET per image manifest, one more per config blob found.
      expect(fake.requestCount - afterFirst).toBe(3 + 6 + 1);
    } finally {
      await fake.stop();
    }
  });

  it('a manifest whose config blob the registry lacks is one source error', async () => {
    const fake = new FakeRegistry({
      org: 'o',
      viewer: 'v',
      repos: [],
      prowRuns: [],
      manifests: [{ repository: 'hyperfleet/hyperfleet-api', tag: '0.4.0', labelVersion: '0.4.0', configMissing: true }],
    });
    const url = await fake.start();
    try {
      await expect(mirrored(url).fetch(T)).rejects.toThrow(
        /^the registry at 127\.0\.0\.1:\d+ has the manifest of hyperfleet\/hyperfleet-api:0\.4\.0 but not its config blob$/,
      );
    } finally {
      await fake.stop();
    }
  });

  it("a token service's answer over 1 MB is one source error", async () => {
    const fake = new FakeRegistry({ org: 'o', viewer: 'v', repos: [], prowRuns: [] });
    const url = await fake.start();
    try {
      fake.fail('oversized-body');
      await expect(mirrored(url).fetch(T)).rejects.toThrow(
        /^the registry's token service at 127\.0\.0\.1:\d+ sent an answer larger than 1 MB; it was not read$/,
      );
    } finally {
      await fake.stop();
    }
  });

  it('a registry fault is one clear message', async () => {
    const fake = new FakeRegistry({ org: 'o', viewer: 'v', repos: [], prowRuns: [] });
    const url = await fake.start();
    try {
      fake.fail('502', 12);
      await expect(mirrored(url).fetch(T)).rejects.toThrow(/answered 502/);
    } finally {
      await fake.stop();
    }
  });
});
