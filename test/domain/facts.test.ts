import { describe, expect, it } from 'vitest';
import type { Naming } from '../../src/domain/config.js';
import { evaluatePlaybook } from '../../src/domain/playbook.js';
import { artifactReference, artifactTargets } from '../../src/domain/facts.js';
import type { ArtifactKind, ArtifactResult, RepoFacts, StatusSnapshot } from '../../src/domain/status.js';
import { DAY } from '../../src/domain/time.js';
import { components, layers, NOW, playbook, step } from './fixtures.js';

const naming: Naming = {
  componentTag: 'v{version}',
  rcTag: 'v{version}-rc{n}',
  releaseBranch: 'release-{major}.{minor}',
  releaseTag: 'release-{major}.{minor}',
  patchReleaseTag: 'release-{major}.{minor}.{patch}',
  imageTag: '{version}',
  rcImageTag: '{version}-rc{n}',
  releaseNotes: 'notes.md',
  patchReleaseNotes: 'notes-{version}.md',
};
const artifact = (component: string, kind: ArtifactKind, exists: boolean): ArtifactResult => ({
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

  it('a passed check shows what it found: each tag (with when) and each artifact (with its digest)', () => {
    const views = evaluate({
      results: [],
      sources: [],
      repos: [
        { repo: 'api', tags: ['v0.4.0-rc1'], taggedAt: { 'v0.4.0-rc1': Date.parse('2026-11-17T09:30:00Z') } },
        { repo: 'adapter', tags: ['v0.4.0-rc1'] },
      ],
      artifacts: [{ ...artifact('api', 'image', true), digest: `sha256:${'ab12'.repeat(16)}` }, artifact('api', 'chart', false)],
    });
    expect(views.get('rc')!.evidence).toEqual(['api: v0.4.0-rc1 tagged 2026-11-17 09:30 UTC', 'adapter: v0.4.0-rc1']);
    expect(views.get('images')!.evidence).toEqual(['reg/api-image:0.4.0 in the registry (sha256:ab12ab12ab12)']);
    expect(views.get('images')!.reasons).toContain('reg/api-chart:0.4.0: not in the registry yet (images build 15-20 min after the tag)');
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

  it("the release candidate's images are their own check: the GA images neither stand in for them nor wait on them", () => {
    const rcImages = playbook(step('rc-images', { kind: 'check', check: { artifacts: ['rc-image'] } }));
    const gaOnly = evaluate(
      { results: [], sources: [], artifacts: [artifact('api', 'image', true), artifact('adapter', 'image', true)] },
      rcImages,
    );
    expect(gaOnly.get('rc-images')).toMatchObject({
      state: 'waiting',
      reasons: ['api: rc-image not checked', 'adapter: rc-image not checked'],
    });
    const built = evaluate(
      {
        results: [],
        sources: [],
        artifacts: [artifact('api', 'rc-image', true), artifact('adapter', 'rc-image', true), artifact('api', 'image', false)],
      },
      rcImages,
    );
    expect(built.get('rc-images')).toMatchObject({ state: 'done', auto: true });
  });

  it('the registry is asked for each component’s GA image and chart and its first RC image', () => {
    expect(artifactTargets({ components, naming }, 'v0.4.0').map((t) => `${t.kind} ${artifactReference(t)}`)).toEqual([
      'image img/api:0.4.0',
      'chart chart/api:0.4.0',
      'rc-image img/api:0.4.0-rc1',
      'image img/adapter:0.4.0',
      'chart chart/adapter:0.4.0',
      'rc-image img/adapter:0.4.0-rc1',
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
