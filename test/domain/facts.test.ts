import { describe, expect, it } from 'vitest';
import { artifactReference, artifactTargets, releaseTagAnchors } from '../../src/domain/facts.js';
import type { ArtifactKind, ArtifactResult, RepoFacts, StatusSnapshot } from '../../src/domain/status.js';
import { components, makeupOf, naming, NOW, playbook, step, stepViews } from './fixtures.js';

const artifact = (component: string, kind: ArtifactKind, exists: boolean): ArtifactResult => ({
  component,
  kind,
  exists,
  reference: `${kind === 'chart' ? 'chart' : 'img'}/${component}:0.4.0${kind === 'rc-image' ? '-rc1' : ''}`,
  checkedAt: NOW,
});

const pb = playbook(
  step('rc', { kind: 'check', check: { tags: 'rcTag' } }),
  step('images', { kind: 'check', check: { artifacts: ['image', 'chart'] } }),
);
const evaluate = (snapshot: StatusSnapshot | null, book = pb, makeup = makeupOf(), of = components) =>
  stepViews(book, snapshot, of, makeup);

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
    expect(views.get('images')!.evidence).toEqual(['img/api:0.4.0 in the registry (sha256:ab12ab12ab12)']);
    expect(views.get('images')!.reasons).toContain('chart/api:0.4.0: not in the registry yet (images build 15-20 min after the tag)');
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
    expect(views.get('images')!.reasons).toEqual(['img/adapter:0.4.0: not in the registry yet (images build 15-20 min after the tag)']);
  });

  it("the release candidate's images are their own check: the GA images neither stand in for them nor wait on them", () => {
    const rcImages = playbook(step('rc-images', { kind: 'check', check: { artifacts: ['rc-image'] } }));
    const gaOnly = evaluate(
      { results: [], sources: [], artifacts: [artifact('api', 'image', true), artifact('adapter', 'image', true)] },
      rcImages,
    );
    expect(gaOnly.get('rc-images')).toMatchObject({
      state: 'waiting',
      reasons: ['img/api:0.4.0-rc1: not checked yet', 'img/adapter:0.4.0-rc1: not checked yet'],
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
    expect(artifactTargets({ components, naming }, makeupOf()).map((t) => `${t.kind} ${artifactReference(t)}`)).toEqual([
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
    const makeup = makeupOf(undefined, undefined, components);
    expect(releaseTagAnchors(naming, makeup, repos)).toEqual({ 'rc-tag': 3000, 'ga-tag': undefined });
    expect(releaseTagAnchors(naming, makeup, repos.slice(0, 1))).toEqual({ 'rc-tag': undefined, 'ga-tag': undefined });
    const config = { components, naming, github: { org: 'o', releaseRepo: 'rel', web: 'w' } };
    const adapter = patchFacts(config, { key: 'H-1', component: 'adapter', affects: 'v0.3.1' }, { repos });
    expect(adapter).toMatchObject({ tag: 'v0.3.2', taggedAt: 5000, tagExists: true, releaseTag: 'release-0.3.2', releaseTagExists: null });
    const api = patchFacts(config, { key: 'H-1', component: 'api', affects: 'v0.3.1' }, { repos });
    expect(api).toMatchObject({ tag: 'v0.3.2', tagExists: false });
    expect(api?.taggedAt).toBeUndefined();
  });
});

describe('each component at its own version, from RELEASE_MANIFEST.yaml', () => {
  const three = [...components, { name: 'sentinel', repo: 'sentinel', image: 'img/sentinel', chart: 'chart/sentinel' }];
  const book = playbook(
    step('tag-rc', { kind: 'check', check: { tags: 'rcTag' } }),
    step('ga-tags', { kind: 'check', check: { tags: 'componentTag' } }),
    step('manifest-rc', { kind: 'check', check: { manifest: 'rc' } }),
    step('manifest-ga', { kind: 'check', check: { manifest: 'ga' } }),
  );
  const run = (repos: RepoFacts[] | undefined, makeup: ReturnType<typeof makeupOf>) =>
    evaluate(repos ? { results: [], sources: [], repos } : null, book, makeup, three);
  const versions = { api: 'v1.5.0-rc2', adapter: 'v2.0.0-dev', sentinel: 'v1.4.2' };
  const tagged = (api: string[], adapter: string[], sentinel: string[] = ['v1.4.2-rc1', 'v1.4.2']): RepoFacts[] => [
    { repo: 'api', tags: api },
    { repo: 'adapter', tags: adapter },
    { repo: 'sentinel', tags: sentinel },
  ];

  it("looks for each component's first RC and GA tag of the version its manifest entry ships", () => {
    const views = run(tagged(['v1.5.0-rc1', 'v1.5.0-rc2'], ['v2.0.0-rc1']), makeupOf(versions, undefined, three));
    expect(views.get('tag-rc')).toMatchObject({ state: 'done' });
    expect(views.get('tag-rc')!.evidence).toEqual(['api: v1.5.0-rc1', 'adapter: v2.0.0-rc1', 'sentinel: v1.4.2-rc1']);
    expect(views.get('ga-tags')).toMatchObject({ state: 'waiting', reasons: ['api: no tag v1.5.0 yet', 'adapter: no tag v2.0.0 yet'] });
  });

  it('leaves out a component the manifest does not name: it is not part of the release', () => {
    const views = run(tagged(['v1.5.0-rc1'], []), makeupOf({ api: 'v1.5.0-rc1' }, undefined, three));
    expect(views.get('tag-rc')).toMatchObject({ state: 'done', evidence: ['api: v1.5.0-rc1'] });
  });

  it('waits, saying why, while the versions are not known; undecided until GitHub has answered', () => {
    const unknown = { known: false, why: 'no RELEASE_MANIFEST.yaml on release-0.4 (no branch release-0.4)' } as const;
    const views = run(tagged([], []), unknown);
    for (const id of ['tag-rc', 'ga-tags', 'manifest-rc', 'manifest-ga'])
      expect(views.get(id)).toMatchObject({
        state: 'waiting',
        undecided: false,
        reasons: ['waiting for the component versions: no RELEASE_MANIFEST.yaml on release-0.4 (no branch release-0.4)'],
      });
    expect(run(undefined, unknown).get('tag-rc')).toMatchObject({ state: 'waiting', undecided: true });
  });

  it('names an entry that is no version instead of guessing one', () => {
    const views = run(tagged(['v1.5.0-rc1'], []), makeupOf({ api: 'v1.5.0-rc1', adapter: 'latest' }, undefined, three));
    expect(views.get('tag-rc')!.reasons).toEqual(['adapter: RELEASE_MANIFEST.yaml on release-0.4 names "latest", not a vX.Y.Z version']);
  });

  it('RC versions: each names an RC that is tagged and its newest, or a version already released; a -dev is not yet', () => {
    const views = run(tagged(['v1.5.0-rc1', 'v1.5.0-rc2', 'v1.5.0-rc3'], ['v2.0.0-rc1']), makeupOf(versions, undefined, three));
    expect(views.get('manifest-rc')).toMatchObject({
      state: 'waiting',
      reasons: ['api: v1.5.0-rc2, but v1.5.0-rc3 is tagged: name the newest RC', 'adapter: v2.0.0-dev, not an RC version yet'],
      evidence: ['sentinel: v1.4.2 (tag v1.4.2)'],
    });
    const rc = makeupOf({ api: 'v1.5.0-rc3', adapter: 'v2.0.0-rc2', sentinel: 'v1.4.2' }, undefined, three);
    expect(run(tagged(['v1.5.0-rc3'], ['v2.0.0-rc1']), rc).get('manifest-rc')!.reasons).toEqual(['adapter: v2.0.0-rc2: no tag v2.0.0-rc2']);
    const done = run(tagged(['v1.5.0-rc1', 'v1.5.0-rc2', 'v1.5.0-rc3'], ['v2.0.0-rc1', 'v2.0.0-rc2']), rc).get('manifest-rc')!;
    expect(done).toMatchObject({ state: 'done', auto: true });
    expect(done.evidence).toEqual([
      'api: v1.5.0-rc3 (tag v1.5.0-rc3)',
      'adapter: v2.0.0-rc2 (tag v2.0.0-rc2)',
      'sentinel: v1.4.2 (tag v1.4.2)',
    ]);
  });

  it("only the release branch's manifest counts: main's is not where the runbook sets it", () => {
    const views = run(tagged(['v1.5.0-rc1'], []), makeupOf({ api: 'v1.5.0-rc1' }, 'main', three));
    expect(views.get('manifest-rc')!.reasons).toEqual(['RELEASE_MANIFEST.yaml is on main only: set it on the release branch']);
    expect(views.get('tag-rc')!.state).toBe('done'); // the tags do not care where the versions came from
  });

  it('GA versions: each names its GA version, tagged; the RC check stays done once the manifest moved to GA', () => {
    const rc = makeupOf({ api: 'v1.5.0-rc1', sentinel: 'v1.4.2' }, undefined, three);
    expect(run(tagged(['v1.5.0-rc1'], []), rc).get('manifest-ga')!.reasons).toEqual(['api: v1.5.0-rc1, not the GA version v1.5.0 yet']);
    const ga = makeupOf({ api: 'v1.5.0', sentinel: 'v1.4.2' }, undefined, three);
    expect(run(tagged(['v1.5.0-rc1'], []), ga).get('manifest-ga')!.reasons).toEqual(['api: v1.5.0: no tag v1.5.0 yet']);
    const views = run(tagged(['v1.5.0-rc1', 'v1.5.0'], []), ga);
    expect(views.get('manifest-ga')).toMatchObject({
      state: 'done',
      evidence: ['api: v1.5.0 (tag v1.5.0)', 'sentinel: v1.4.2 (tag v1.4.2)'],
    });
    expect(views.get('manifest-rc')!.state).toBe('done');
  });

  it("rc-tag and ga-tag anchors: when the last component got its own version's tag", () => {
    const repos: RepoFacts[] = [
      { repo: 'api', tags: ['v1.5.0-rc1'], taggedAt: { 'v1.5.0-rc1': 1000 } },
      { repo: 'adapter', tags: ['v2.0.0-rc1', 'v2.0.0'], taggedAt: { 'v2.0.0-rc1': 2000, 'v2.0.0': 4000 } },
    ];
    const makeup = makeupOf({ api: 'v1.5.0-rc1', adapter: 'v2.0.0' });
    expect(releaseTagAnchors(naming, makeup, repos)).toEqual({ 'rc-tag': 2000, 'ga-tag': undefined });
    expect(releaseTagAnchors(naming, makeupOf({ adapter: 'v2.0.0' }), repos)).toEqual({ 'rc-tag': 2000, 'ga-tag': 4000 });
    expect(releaseTagAnchors(naming, { known: false, why: '-' }, repos)).toEqual({ 'rc-tag': undefined, 'ga-tag': undefined });
  });
});
