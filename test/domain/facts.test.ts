import { describe, expect, it } from 'vitest';
import type { Naming } from '../../src/domain/config.js';
import { evaluatePlaybook } from '../../src/domain/playbook.js';
import type { ArtifactResult, RepoFacts, StatusSnapshot } from '../../src/domain/status.js';
import { DAY } from '../../src/domain/time.js';
import { components, layers, NOW, playbook, step } from './fixtures.js';

const naming: Naming = {
  componentTag: 'v{version}',
  rcTag: 'v{version}-rc{n}',
  releaseBranch: 'release-{major}.{minor}',
  releaseTag: 'release-{major}.{minor}',
  patchReleaseTag: 'release-{major}.{minor}.{patch}',
  imageTag: '{version}',
  releaseNotes: 'notes.md',
};
const artifact = (component: string, kind: 'image' | 'chart', exists: boolean): ArtifactResult => ({
  component,
  kind,
  exists,
  reference: `reg/${component}-${kind}:0.4.0`,
  checkedAt: NOW,
});

const pb = playbook(
  step('rc', { kind: 'check', check: { tags: 'rcTag' } }),
  step('images', { kind: 'check', check: { artifacts: ['image', 'chart'] } }),
);
function evaluate(snapshot: StatusSnapshot | null, book = pb) {
  const phases = evaluatePlaybook({
    playbook: book,
    steps: {},
    anchors: {},
    snapshot,
    layers,
    components,
    calendar: { holidays: [] },
    dueSoonMs: DAY,
    now: NOW,
    version: 'v0.4.0',
    naming,
  });
  return new Map(phases.flatMap((p) => p.steps).map((v) => [v.step.id, v]));
}

describe('checks on tags and registry artifacts', () => {
  it('waits for the data before saying anything', () => {
    const views = evaluate(null);
    expect(views.get('rc')).toMatchObject({ state: 'waiting', reasons: ['waiting for GitHub'] });
    expect(views.get('images')).toMatchObject({ state: 'waiting', reasons: ['waiting for the registry'] });
  });

  it('a tag missing in one component keeps the step waiting, naming it', () => {
    const views = evaluate({
      results: [],
      sources: [],
      repos: [
        { repo: 'api', tags: ['v0.4.0-rc1'] },
        { repo: 'adapter', tags: ['v0.3.1'] },
      ],
    });
    expect(views.get('rc')).toMatchObject({ state: 'waiting', reasons: ['adapter: no tag v0.4.0-rc1 yet'] });
  });

  it('passes on its own when every component has the tag and every artifact exists', () => {
    const views = evaluate({
      results: [],
      sources: [],
      repos: [
        { repo: 'api', tags: ['v0.4.0-rc1'] },
        { repo: 'adapter', tags: ['v0.4.0-rc2', 'v0.4.0-rc1'] },
      ],
      artifacts: [
        artifact('api', 'image', true),
        artifact('api', 'chart', true),
        artifact('adapter', 'image', true),
        artifact('adapter', 'chart', true),
      ],
    });
    expect(views.get('rc')).toMatchObject({ state: 'done', auto: true });
    expect(views.get('images')).toMatchObject({ state: 'done', auto: true });
  });

  it('an image not yet in the registry keeps the step waiting', () => {
    const views = evaluate({
      results: [],
      sources: [],
      artifacts: [
        artifact('api', 'image', true),
        artifact('api', 'chart', true),
        artifact('adapter', 'image', false),
        artifact('adapter', 'chart', true),
      ],
    });
    expect(views.get('images')!.reasons).toEqual([
      'reg/adapter-image:0.4.0: not in the registry yet (images build 15-20 min after the tag)',
    ]);
  });
});

describe('greenFor: green without a break for long enough', () => {
  const streakBook = playbook(
    step('nightly', { kind: 'check', check: { layers: ['e2e'], greenFor: { kind: 'calendar', ms: 24 * 3600_000 } } }),
  );
  const run = (passingSinceAgo: number | undefined) => {
    const snapshot: StatusSnapshot = {
      results: [
        {
          layer: 'e2e',
          component: null,
          state: 'passed',
          finishedAt: NOW - 3600_000,
          fetchedAt: NOW,
          source: 'prow',
          ...(passingSinceAgo !== undefined ? { passingSince: NOW - passingSinceAgo } : {}),
        },
      ],
      sources: [],
    };
    return evaluate(snapshot, streakBook).get('nightly')!;
  };

  it('waits while the streak is shorter than needed, saying how long it has been', () => {
    expect(run(6 * 3600_000)).toMatchObject({ state: 'waiting', reasons: ['E2E: green for 6h, needs 24h'] });
  });

  it('passes once green long enough', () => {
    expect(run(30 * 3600_000).state).toBe('done');
  });
});

describe('deadline anchors from tags', () => {
  it('rc-tag and ga-tag: when the last component got the tag; unknown until every one has it', async () => {
    const { releaseTagAnchors, patchFacts } = await import('../../src/domain/facts.js');
    const naming = {
      componentTag: 'v{version}',
      rcTag: 'v{version}-rc{n}',
      releaseBranch: '',
      releaseTag: '',
      patchReleaseTag: 'release-{major}.{minor}.{patch}',
      imageTag: '{version}',
      releaseNotes: '',
    };
    const components = [
      { name: 'api', repo: 'api', image: 'i', chart: 'c' },
      { name: 'adapter', repo: 'adapter', image: 'i', chart: 'c' },
    ];
    const repos: RepoFacts[] = [
      { repo: 'api', tags: ['v0.4.0-rc1'], taggedAt: { 'v0.4.0-rc1': 1000 } },
      { repo: 'adapter', tags: ['v0.4.0-rc1', 'v0.3.2'], taggedAt: { 'v0.4.0-rc1': 3000, 'v0.3.2': 5000 } },
    ];
    expect(releaseTagAnchors({ components, naming }, 'v0.4.0', repos)).toEqual({ 'rc-tag': 3000, 'ga-tag': undefined });
    expect(releaseTagAnchors({ components, naming }, 'v0.4.0', repos.slice(0, 1))).toEqual({ 'rc-tag': undefined, 'ga-tag': undefined });
    const config = { components, naming, github: { org: 'o', releaseRepo: 'rel', web: 'w' } };
    const adapter = patchFacts(config, { key: 'H-1', component: 'adapter', affects: 'v0.3.1' }, { repos });
    expect(adapter).toMatchObject({ tag: 'v0.3.2', taggedAt: 5000, tagExists: true, releaseTag: 'release-0.3.2', releaseTagExists: null });
    const api = patchFacts(config, { key: 'H-1', component: 'api', affects: 'v0.3.1' }, { repos });
    expect(api).toMatchObject({ tag: 'v0.3.2', tagExists: false });
    expect(api?.taggedAt).toBeUndefined();
  });
});
