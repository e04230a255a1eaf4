import { describe, expect, it } from 'vitest';
import type { LayerSpec } from '../../src/domain/config.js';
import { evaluateLayer } from '../../src/domain/layers.js';
import type { RepoFacts, StatusSnapshot } from '../../src/domain/status.js';
import { HOUR } from '../../src/domain/time.js';
import { NOW, result, snapshot } from './fixtures.js';

const tier0: LayerSpec = {
  id: 'e2e-tier0',
  name: 'E2E tier0',
  owner: 'HF',
  scope: 'release',
  gate: 'mandatory',
  maxAge: { kind: 'calendar', ms: 26 * HOUR },
  source: {
    kind: 'prow-job',
    job: 'main-e2e-tier0-nightly',
    releaseJob: { job: 'release-{major}.{minor}-e2e-tier0-candidate', branchRepo: 'hyperfleet-e2e' },
  },
};
const e2eRepo = (branches: string[]): RepoFacts => ({ repo: 'hyperfleet-e2e', tags: [], branches });
const withBoth = (repos?: RepoFacts[]): StatusSnapshot => ({
  ...snapshot(
    { ...result('e2e-tier0', null, 'passed'), detail: 'main nightly' },
    { ...result('e2e-tier0', null, 'failed'), branch: 'release-0.4', detail: 'release-0.4 candidate' },
  ),
  ...(repos ? { repos } : {}),
});

describe('an E2E layer reads the release branch’s job once the branch is cut', () => {
  it('before the cut it reads main’s nightly', () => {
    const evaluation = evaluateLayer(tier0, withBoth([e2eRepo(['main'])]), [], NOW);
    expect(evaluation).toMatchObject({ verdict: 'pass', cells: [{ detail: 'main nightly' }] });
  });

  it('after the cut it reads release-X.Y’s candidate job, and main’s nightly no longer speaks for the release', () => {
    const evaluation = evaluateLayer(tier0, withBoth([e2eRepo(['main', 'release-0.4'])]), [], NOW);
    expect(evaluation).toMatchObject({ verdict: 'fail', cells: [{ state: 'failed', branch: 'release-0.4' }] });
  });

  it('after the cut, a release job with no run is missing, never main’s green', () => {
    const onlyMain: StatusSnapshot = { ...snapshot(result('e2e-tier0', null, 'passed')), repos: [e2eRepo(['main', 'release-0.4'])] };
    const cut = { ...onlyMain, results: [...onlyMain.results, { ...result('e2e-tier0', null, 'missing'), branch: 'release-0.4' }] };
    expect(evaluateLayer(tier0, cut, [], NOW)).toMatchObject({ verdict: 'fail', cells: [{ state: 'missing' }] });
  });

  it('before GitHub says whether the branch exists, the cell is unknown (pending), not main’s result', () => {
    const evaluation = evaluateLayer(tier0, withBoth(), [], NOW);
    expect(evaluation.verdict).toBe('pending');
    expect(evaluation.cells[0]).toMatchObject({ state: 'unknown' });
    expect(evaluation.cells[0]!.detail).toMatch(/^waiting for GitHub to say whether hyperfleet-e2e has its release branch/);
  });

  it('before GitHub answers, jobs that are both missing are judged missing (either branch says the same)', () => {
    const both = snapshot(result('e2e-tier0', null, 'missing'), { ...result('e2e-tier0', null, 'missing'), branch: 'release-0.4' });
    expect(evaluateLayer(tier0, both, [], NOW)).toMatchObject({ verdict: 'fail', cells: [{ state: 'missing' }] });
  });
});
