import { describe, expect, it } from 'vitest';
import { globMatch, resultsFromCommits, resultsFromJobs, type CommitObservation } from '../../src/domain/observations.js';
import type { LayerSpec } from '../../src/domain/config.js';
import { HOUR } from '../../src/domain/time.js';
import { components, layers, NOW } from './fixtures.js';

const unitLayer: LayerSpec = { ...layers[0]!, source: { kind: 'commit-status', context: 'ci/prow/unit*' } };
const e2eLayer = layers[1]!;

const head = (repo: string, checks: CommitObservation['checks']): CommitObservation => ({
  repo,
  branch: 'release-0.4',
  commit: 'abcdef1234567890',
  checks,
});

describe('globMatch', () => {
  it.each([
    ['ci/prow/unit*', 'ci/prow/unit', true],
    ['ci/prow/unit*', 'ci/prow/unit-race', true],
    ['ci/prow/unit*', 'ci/prow/images', false],
    ['ci/prow/presubmits-integration', 'ci/prow/presubmits-integration', true],
    ['ci/prow/presubmits-integration', 'ci/prow/presubmits-integrationX', false],
    ['a.b', 'axb', false],
    ['*', 'anything', true],
  ])('%s vs %s', (pattern, name, expected) => {
    expect(globMatch(pattern, name)).toBe(expected);
  });
});

describe('resultsFromCommits', () => {
  it('maps matching checks per component; the worst matching check decides', () => {
    const results = resultsFromCommits(
      [unitLayer],
      components,
      'release',
      [
        head('api', [
          { name: 'ci/prow/unit', state: 'passed', finishedAt: NOW - 2 * HOUR },
          { name: 'ci/prow/unit-race', state: 'passed', finishedAt: NOW - 3 * HOUR },
          { name: 'ci/prow/images', state: 'failed' },
        ]),
        head('adapter', [
          { name: 'ci/prow/unit', state: 'passed' },
          { name: 'ci/prow/unit-race', state: 'failed', detail: 'TestWatch flaked' },
        ]),
      ],
      'github',
      NOW,
    );
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ component: 'api', state: 'passed', finishedAt: NOW - 3 * HOUR, commit: 'abcdef1234567890' });
    expect(results[0]!.checks).toHaveLength(2);
    expect(results[1]).toMatchObject({ component: 'adapter', state: 'failed', detail: 'ci/prow/unit-race: TestWatch flaked' });
  });

  it('a declared check that is absent is missing, never passed', () => {
    const [api, adapter] = resultsFromCommits(
      [unitLayer],
      components,
      'release',
      [head('api', [{ name: 'ci/prow/images', state: 'passed' }])],
      'github',
      NOW,
    );
    expect(api).toMatchObject({ state: 'missing', detail: 'no ci/prow/unit* check on release-0.4 @ abcdef1' });
    expect(adapter).toMatchObject({ state: 'missing', detail: 'no branch head for adapter' });
  });

  it('ignores layers that other sources answer', () => {
    expect(resultsFromCommits([e2eLayer], components, 'release', [], 'github', NOW)).toEqual([]);
  });
});

describe('resultsFromJobs', () => {
  const run = (state: 'passed' | 'failed' | 'running', startedAgo: number, buildId = '1') => ({
    name: 'e2e',
    state,
    startedAt: NOW - startedAgo,
    ...(state !== 'running' ? { finishedAt: NOW - startedAgo + HOUR } : {}),
    url: `https://prow.example/view/${buildId}`,
    buildId,
  });

  it('takes the latest run of the configured job', () => {
    const [result] = resultsFromJobs(
      [e2eLayer],
      [run('failed', 30 * HOUR, 'old'), run('passed', 5 * HOUR, 'new'), { ...run('failed', HOUR), name: 'other-job' }],
      'prow',
      NOW,
    );
    expect(result).toMatchObject({
      layer: 'e2e',
      component: null,
      state: 'passed',
      url: 'https://prow.example/view/new',
      detail: 'build new',
    });
  });

  it('a running latest run is running, not the previous result', () => {
    const [result] = resultsFromJobs([e2eLayer], [run('passed', 25 * HOUR), run('running', HOUR)], 'prow', NOW);
    expect(result!.state).toBe('running');
  });

  it('a job with no run within its maximum age is missing, not green', () => {
    const [result] = resultsFromJobs([e2eLayer], [run('passed', 30 * HOUR)], 'prow', NOW);
    expect(result).toMatchObject({ state: 'missing', detail: 'no run within 26h; the last started 1d 6h ago' });
  });

  it('a job that never ran is missing', () => {
    expect(resultsFromJobs([e2eLayer], [], 'prow', NOW)[0]).toMatchObject({ state: 'missing', detail: 'no run in the job list' });
  });
});

describe('how long a periodic job has been green', () => {
  const job = (state: 'passed' | 'failed', startedAgo: number) => ({
    name: 'e2e',
    state,
    startedAt: NOW - startedAgo,
    finishedAt: NOW - startedAgo + HOUR,
  });

  it('starts the streak at the oldest pass after the last failure', () => {
    const [result] = resultsFromJobs(
      [layers[1]!],
      [job('passed', 2 * HOUR), job('passed', 26 * HOUR), job('failed', 50 * HOUR), job('passed', 74 * HOUR)],
      'prow',
      NOW,
    );
    expect(result!.passingSince).toBe(NOW - 25 * HOUR);
  });

  it('has no streak when the latest run failed', () => {
    const [result] = resultsFromJobs([layers[1]!], [job('failed', 2 * HOUR), job('passed', 26 * HOUR)], 'prow', NOW);
    expect(result!.passingSince).toBeUndefined();
  });
});
