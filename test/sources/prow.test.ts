import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeProw } from '../../src/fakes/prow/server.js';
import type { FakeProwRun } from '../../src/fakes/world.js';
import { ProwSource } from '../../src/sources/prow/prow-source.js';
import { HOUR } from '../../src/domain/time.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { T0 } from '../helpers/fake-world.js';

const config = bundledConfig();
const job = (layer: string): string => {
  const source = config.layers.find((l) => l.id === layer)!.source;
  if (source.kind !== 'prow-job') throw new Error(`${layer} is not a Prow layer`);
  return source.job;
};
const run = (layer: string, state: string, startedAgo: number, buildId: string, extra: Partial<FakeProwRun> = {}): FakeProwRun => ({
  job: job(layer),
  state,
  buildId,
  startedAt: T0 - startedAgo,
  ...(state === 'pending' || state === 'triggered' ? {} : { finishedAt: T0 - startedAgo + HOUR }),
  ...extra,
});

let fake: FakeProw;
let url: string;
beforeEach(async () => {
  fake = new FakeProw(
    {
      org: 'o',
      viewer: 'v',
      repos: [],
      prowRuns: [
        run('e2e-tier0', 'failure', 30 * HOUR, '1'),
        run('e2e-tier0', 'success', 5 * HOUR, '2'),
        run('e2e-tier1', 'failure', 5 * HOUR, '3', { description: '2 of 48 tests failed' }),
        run('e2e-tier2', 'pending', HOUR, '4'),
        run('rosa', 'success', 40 * HOUR, '5'),
        { job: 'some-other-teams-job', state: 'success', buildId: '9', startedAt: T0 },
      ],
    },
    () => T0,
  );
  url = await fake.start();
});
afterEach(async () => fake.stop());

const source = () => new ProwSource({ config, baseUrl: url, timeoutMs: 1000 });

describe('ProwSource', () => {
  it('reads the latest run of each configured periodic job from /prowjobs.js', async () => {
    const results = (await source().fetch(T0)).results;
    const by = (layer: string) => results.find((r) => r.layer === layer)!;
    expect(by('e2e-tier0')).toMatchObject({ state: 'passed', finishedAt: T0 - 4 * HOUR, detail: 'build 2', source: 'prow' });
    expect(by('e2e-tier0').url).toMatch(
      /\/view\/gs\/test-platform-results\/logs\/periodic-ci-openshift-hyperfleet-hyperfleet-e2e-main-e2e-tier0-nightly\/2$/,
    );
    expect(by('e2e-tier1')).toMatchObject({ state: 'failed', detail: '2 of 48 tests failed' });
    expect(by('e2e-tier2').state).toBe('running');
    expect(by('rosa')).toMatchObject({ state: 'missing' });
    expect(by('rosa').detail).toMatch(/^no run within 26h; the last started 1d 16h ago$/);
    expect(results.find((r) => r.layer === 'gcp')).toBeUndefined(); // no Prow job: not Prow's to answer
  });

  it.each([
    ['500' as const, /^Prow answered 500$/],
    ['502' as const, /^Prow answered 502$/],
    ['malformed-json' as const, /^Prow sent a job list that is not valid JSON$/],
    ['timeout' as const, /^Prow did not answer within 1s$/],
  ])('fault %s is one clear message, and the next refresh recovers', async (fault, message) => {
    fake.fail(fault);
    await expect(source().fetch(T0)).rejects.toThrow(message);
    await expect(source().fetch(T0)).resolves.toBeTruthy();
  });

  it('a job list over 32 MB is one source error, read no further than the cap', async () => {
    fake.fail('oversized-body');
    await expect(new ProwSource({ config, baseUrl: url, timeoutMs: 15_000 }).fetch(T0)).rejects.toThrow(
      /^Prow sent an answer larger than 32 MB; it was not read$/,
    );
    await expect(source().fetch(T0)).resolves.toBeTruthy();
  });

  it('honours Retry-After on 429', async () => {
    fake.fail('429');
    await expect(source().fetch(T0)).rejects.toMatchObject({ retryAfterMs: 2000 });
  });

  it('an item with an unexpected shape is skipped, not fatal', async () => {
    const items = [
      { spec: { job: job('rosa') } },
      'not an object',
      { spec: { job: job('rosa') }, status: { state: 'success', startTime: 'never', completionTime: new Date(T0).toISOString() } },
    ];
    const server = createServer((_, response) => response.end(JSON.stringify({ items })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const odd = new ProwSource({ config, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      const rosa = (await odd.fetch(T0)).results.find((r) => r.layer === 'rosa');
      expect(rosa).toMatchObject({ state: 'passed', finishedAt: T0 });
    } finally {
      server.close();
    }
  });
});

describe('ProwSource: RC E2E runs and what each tested', () => {
  const { rcE2e } = config;
  const tested = (api: string, sentinel: string, adapter: string, e2e = 'release-0.4') => ({
    [rcE2e.imageTags['hyperfleet-api']!]: api,
    [rcE2e.imageTags['hyperfleet-sentinel']!]: sentinel,
    [rcE2e.imageTags['hyperfleet-adapter']!]: adapter,
    [rcE2e.e2eRef]: e2e,
  });
  // What the workflow sends: the versions, and a namespace prefix (no version: not kept).
  const env = (api: string, sentinel: string, adapter: string) => ({
    ...tested(api, sentinel, adapter),
    MULTISTAGE_PARAM_OVERRIDE_NAMESPACE_PREFIX: 'rc-e2e',
  });
  const rcRun = (state: string, startedAgo: number, buildId: string, extra: Partial<FakeProwRun> = {}): FakeProwRun => ({
    job: rcE2e.job,
    state,
    buildId,
    startedAt: T0 - startedAgo,
    ...(state === 'pending' ? {} : { finishedAt: T0 - startedAgo + HOUR }),
    ...extra,
  });

  it('reads each run’s overrides from its ProwJob’s container env (the list itself omits the pod spec)', async () => {
    fake.world = {
      ...fake.world,
      prowRuns: [
        ...fake.world.prowRuns,
        rcRun('success', 10 * HOUR, '71', { env: env('1.5.0-rc1', '1.4.2', '2.0.0-rc1') }),
        rcRun('pending', HOUR, '72', { env: env('1.5.0-rc2', '1.4.2', '2.0.0-rc1') }),
      ],
    };
    const report = await source().fetch(T0);
    expect(report.rcE2eRuns).toHaveLength(2);
    const byBuild = (id: string) => report.rcE2eRuns!.find((r) => r.buildId === id)!;
    expect(byBuild('72')).toMatchObject({ name: rcE2e.job, state: 'running', overrides: tested('1.5.0-rc2', '1.4.2', '2.0.0-rc1') });
    expect(byBuild('72').overrides).not.toHaveProperty('MULTISTAGE_PARAM_OVERRIDE_NAMESPACE_PREFIX');
    expect(byBuild('71')).toMatchObject({ state: 'passed', finishedAt: T0 - 9 * HOUR });
    expect(byBuild('71').url).toMatch(new RegExp(`/logs/${rcE2e.job}/71$`));
    // The RC E2E job is no layer: the nightlies' results are not touched by it.
    expect(report.results.map((r) => r.layer)).not.toContain('rc-e2e');
  });

  it('a run whose ProwJob cannot be read is reported with why, and does not fail the source', async () => {
    fake.world = { ...fake.world, prowRuns: [rcRun('success', HOUR, '81', { env: env('1', '2', '3'), specFault: 'missing' })] };
    const [only] = (await source().fetch(T0)).rcE2eRuns!;
    expect(only).toMatchObject({ buildId: '81', overrides: null, unreadable: 'Prow answered 404 for its ProwJob' });
  });

  it('reads a run’s spec once: a run’s overrides never change after Gangway created it', async () => {
    fake.world = { ...fake.world, prowRuns: [rcRun('pending', HOUR, '91', { env: env('1.5.0-rc2', '1.4.2', '2.0.0') })] };
    const prow = source();
    await prow.fetch(T0);
    fake.world = {
      ...fake.world,
      prowRuns: [rcRun('success', HOUR, '91', { env: env('1.5.0-rc2', '1.4.2', '2.0.0'), specFault: 'missing' })],
    };
    const [again] = (await prow.fetch(T0)).rcE2eRuns!;
    expect(again).toMatchObject({ state: 'passed', overrides: tested('1.5.0-rc2', '1.4.2', '2.0.0') });
  });
});

describe('ProwSource: the release branch’s own E2E jobs', () => {
  it('reads each layer’s release-X.Y candidate job beside main’s nightly, marked with its branch', async () => {
    const candidate = 'periodic-ci-openshift-hyperfleet-hyperfleet-e2e-release-0.4-e2e-tier0-candidate';
    fake.world = {
      ...fake.world,
      prowRuns: [
        ...fake.world.prowRuns,
        { job: candidate, state: 'failure', buildId: '601', startedAt: T0 - 2 * HOUR, finishedAt: T0 - HOUR },
      ],
    };
    const results = (await new ProwSource({ config, release: 'v0.4.0', baseUrl: url, timeoutMs: 1000 }).fetch(T0)).results;
    const tier0 = results.filter((r) => r.layer === 'e2e-tier0');
    expect(tier0).toEqual([
      expect.objectContaining({ state: 'passed', detail: 'build 2' }),
      expect.objectContaining({ state: 'failed', branch: 'release-0.4', url: expect.stringContaining(`/logs/${candidate}/601`) }),
    ]);
    // A release job that has not run yet says which job it looked for.
    expect(results.find((r) => r.layer === 'e2e-tier1' && r.branch === 'release-0.4')).toMatchObject({
      state: 'missing',
      detail: 'no run in the job list (periodic-ci-openshift-hyperfleet-hyperfleet-e2e-release-0.4-e2e-tier1-candidate)',
    });
    expect(results.filter((r) => r.branch !== undefined).map((r) => r.layer)).toEqual(['e2e-tier0', 'e2e-tier1']);
  });
});
