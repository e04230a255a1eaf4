import { describe, expect, it } from 'vitest';
import { artifactBuild, konfluxBuild } from '../../src/domain/builds.js';
import { artifactFindings, patchFacts, patchProblems, releaseMakeup } from '../../src/domain/facts.js';
import { releaseVersions } from '../../src/domain/manifest.js';
import type { ArtifactResult, CheckObservation, RepoFacts, StatusSnapshot } from '../../src/domain/status.js';
import { naming, NOW, playbook, step, stepViews } from './fixtures.js';

const components = [
  { name: 'hyperfleet-api', repo: 'hyperfleet-api', image: 'reg/hyperfleet-api', chart: 'reg/hyperfleet-api-chart' },
  { name: 'hyperfleet-sentinel', repo: 'hyperfleet-sentinel', image: 'reg/hyperfleet-sentinel', chart: 'reg/hyperfleet-sentinel-chart' },
  { name: 'hyperfleet-adapter', repo: 'hyperfleet-adapter', image: 'reg/hyperfleet-adapter', chart: 'reg/hyperfleet-adapter-chart' },
];

const konflux = (component: string, state: CheckObservation['state'], name = `Konflux / ${component}-on-tag`): CheckObservation => ({
  name,
  state,
  url: `https://konflux.example/${component}-on-tag-x7k2p`,
  finishedAt: NOW,
});
const repo = (name: string, checks: Record<string, CheckObservation[]>): RepoFacts => ({
  repo: name,
  tags: Object.keys(checks),
  tagChecks: checks,
});
const image = (component: string, version: string, exists: boolean): ArtifactResult => ({
  component,
  kind: 'rc-image',
  reference: `reg/${component}:${version}`,
  exists,
  // As the registry answers: a missing manifest (404) has no label to read.
  ...(exists ? { label: { expected: version, found: version } } : {}),
  checkedAt: NOW,
});

describe("Konflux's on-tag build of a component tag", () => {
  it('is the status named after the on-tag PipelineRun, whatever application name Pipelines as Code puts before it', () => {
    const facts = repo('hyperfleet-api', {
      'v1.5.0-rc2': [
        { name: 'Konflux / hyperfleet-api-chart-on-tag', state: 'failed' },
        { name: 'Konflux / hyperfleet-api-on-push', state: 'failed' },
        konflux('hyperfleet-api', 'passed', 'Red Hat Konflux / hyperfleet-api-on-tag'),
      ],
      'v1.5.0-rc1': [konflux('hyperfleet-api', 'running')],
      'v1.5.0-rc0': [konflux('hyperfleet-api', 'error')],
      'v1.4.0': [{ name: 'ci/prow/unit', state: 'passed' }],
    });
    expect(konfluxBuild(facts, 'hyperfleet-api', 'v1.5.0-rc2')).toEqual({
      component: 'hyperfleet-api',
      tag: 'v1.5.0-rc2',
      state: 'passed',
      url: 'https://konflux.example/hyperfleet-api-on-tag-x7k2p',
      at: NOW,
    });
    expect(konfluxBuild(facts, 'hyperfleet-api', 'v1.5.0-rc1')?.state).toBe('building');
    expect(konfluxBuild(facts, 'hyperfleet-api', 'v1.5.0-rc0')?.state).toBe('failed');
    // No on-tag status on the commit: nothing is known of a build, it is not "passed".
    expect(konfluxBuild(facts, 'hyperfleet-api', 'v1.4.0')).toBeUndefined();
    expect(konfluxBuild(facts, 'hyperfleet-api', 'v9.9.9')).toBeUndefined();
  });

  it("an image's build is found by its tag: the one whose name without v is the image's expected label", () => {
    const repos = [repo('hyperfleet-adapter', { 'v2.0.0-rc1': [konflux('hyperfleet-adapter', 'failed')], 'v2.0.0': [] })];
    expect(artifactBuild(image('hyperfleet-adapter', '2.0.0-rc1', false), components, repos)).toMatchObject({
      tag: 'v2.0.0-rc1',
      state: 'failed',
    });
    expect(artifactBuild(image('hyperfleet-adapter', '2.0.0', false), components, repos)).toBeUndefined();
    expect(artifactBuild(image('hyperfleet-adapter', '2.0.0-rc1', false), components, undefined)).toBeUndefined();
  });

  it("a chart's build is its chart-on-tag PipelineRun on the same tag", () => {
    const repos = [
      repo('hyperfleet-api', {
        'v1.5.0': [
          konflux('hyperfleet-api', 'passed'),
          { ...konflux('hyperfleet-api', 'failed'), name: 'Konflux / hyperfleet-api-chart-on-tag' },
        ],
      }),
    ];
    const chart: ArtifactResult = {
      component: 'hyperfleet-api',
      kind: 'chart',
      reference: 'reg/hyperfleet-api-chart:1.5.0',
      exists: false,
      checkedAt: NOW,
    };
    expect(artifactBuild(chart, components, repos)).toMatchObject({ tag: 'v1.5.0', state: 'failed' });
    expect(artifactBuild({ ...chart, kind: 'image', reference: 'reg/hyperfleet-api:1.5.0' }, components, repos)?.state).toBe('passed');
  });
});

/** The release's manifest names each component's own RC: the registry is asked for those images. */
const manifestRepo: RepoFacts = {
  repo: 'hyperfleet-release',
  tags: [],
  manifest: {
    release: {
      state: 'found',
      manifest: {
        release: '0.4',
        e2eRef: 'v0.4.0',
        components: { 'hyperfleet-api': 'v1.5.0-rc2', 'hyperfleet-sentinel': 'v1.4.2-rc1', 'hyperfleet-adapter': 'v2.0.0-rc1' },
      },
    },
  },
};
const componentRepos: RepoFacts[] = [
  repo('hyperfleet-api', { 'v1.5.0-rc2': [konflux('hyperfleet-api', 'failed')] }),
  repo('hyperfleet-sentinel', { 'v1.4.2-rc1': [{ ...konflux('hyperfleet-sentinel', 'running'), finishedAt: undefined }] }),
  // The image is there with its label: that is the evidence, whatever the build status says.
  repo('hyperfleet-adapter', { 'v2.0.0-rc1': [konflux('hyperfleet-adapter', 'failed')] }),
];
function manifestImages(present: Record<string, boolean>): ArtifactResult[] {
  const versions = releaseVersions(
    components.map((c) => c.name),
    'v0.4.0',
    'release-0.4',
    manifestRepo.manifest,
  );
  if (versions.state !== 'known') throw new Error(versions.why);
  return versions.components.map((c) => image(c.component, c.text.replace(/^v/, ''), present[c.component] ?? false));
}

/** The release as the manifest above makes it. */
const makeup = releaseMakeup(
  components,
  releaseVersions(
    components.map((c) => c.name),
    'v0.4.0',
    'release-0.4',
    manifestRepo.manifest,
  ),
);

describe('the image check says what Konflux says of a missing image', () => {
  it('per component, at its own version: failed with its link, still building, or present whatever the build says', () => {
    const artifacts = manifestImages({ 'hyperfleet-adapter': true });
    expect(
      artifactFindings({ artifacts: ['rc-image'] }, { components, naming }, makeup, artifacts, [manifestRepo, ...componentRepos]),
    ).toEqual([
      { ok: false, text: 'reg/hyperfleet-api:1.5.0-rc2: Konflux build failed: https://konflux.example/hyperfleet-api-on-tag-x7k2p' },
      {
        ok: false,
        text: 'reg/hyperfleet-sentinel:1.4.2-rc1: not in the registry yet; Konflux is building v1.4.2-rc1: https://konflux.example/hyperfleet-sentinel-on-tag-x7k2p',
      },
      { ok: true, text: 'reg/hyperfleet-adapter:2.0.0-rc1 in the registry' },
    ]);
  });

  it('a passed build whose image is not there yet points at the release pipeline; no build status keeps the old wording', () => {
    const repos = [repo('hyperfleet-api', { 'v1.5.0-rc2': [konflux('hyperfleet-api', 'passed')] })];
    const artifacts = manifestImages({});
    expect(artifactFindings({ artifacts: ['rc-image'] }, { components, naming }, makeup, artifacts, repos)).toEqual([
      {
        ok: false,
        text: 'reg/hyperfleet-api:1.5.0-rc2: not in the registry yet; Konflux build passed: https://konflux.example/hyperfleet-api-on-tag-x7k2p (its release pipeline pushes it: Konflux → Releases)',
      },
      { ok: false, text: 'reg/hyperfleet-sentinel:1.4.2-rc1: not in the registry yet (images build 15-20 min after the tag)' },
      { ok: false, text: 'reg/hyperfleet-adapter:2.0.0-rc1: not in the registry yet (images build 15-20 min after the tag)' },
    ]);
  });

  it("the checklist's image step waits with the build's reason", () => {
    const snapshot: StatusSnapshot = {
      results: [],
      sources: [],
      repos: [manifestRepo, ...componentRepos],
      artifacts: manifestImages({ 'hyperfleet-adapter': true }),
    };
    const view = stepViews(
      playbook(step('rc-images', { kind: 'check', check: { artifacts: ['rc-image'] } })),
      snapshot,
      components,
      makeup,
    ).get('rc-images');
    expect(view).toMatchObject({ state: 'waiting' });
    expect(view!.reasons).toContain(
      'reg/hyperfleet-api:1.5.0-rc2: Konflux build failed: https://konflux.example/hyperfleet-api-on-tag-x7k2p',
    );
  });
});

describe("a hotfix's patch image", () => {
  const config = { components, naming, github: { org: 'o', releaseRepo: 'hyperfleet-release', web: 'w' } };
  const hotfix = { key: 'HYPERFLEET-901', component: 'hyperfleet-adapter', affects: 'v0.3.1' };
  const patchImage: ArtifactResult = {
    component: 'hyperfleet-adapter',
    kind: 'image',
    reference: 'reg/hyperfleet-adapter:0.3.2',
    exists: false,
    checkedAt: NOW,
    hotfix: 'HYPERFLEET-901',
  };

  it("says the patch tag's build failed, with its link, rather than only that the image is not there", () => {
    const repos = [repo('hyperfleet-adapter', { 'v0.3.2': [konflux('hyperfleet-adapter', 'failed')] })];
    const facts = patchFacts(config, hotfix, { repos, artifacts: [patchImage] });
    expect(facts?.build).toMatchObject({ tag: 'v0.3.2', state: 'failed' });
    expect(patchProblems('image', facts)).toEqual([
      'reg/hyperfleet-adapter:0.3.2: Konflux build failed: https://konflux.example/hyperfleet-adapter-on-tag-x7k2p',
    ]);
  });

  it('while the build runs, says it is building; once the image is there, nothing is missing', () => {
    const repos = [repo('hyperfleet-adapter', { 'v0.3.2': [konflux('hyperfleet-adapter', 'pending')] })];
    expect(patchProblems('image', patchFacts(config, hotfix, { repos, artifacts: [patchImage] }))).toEqual([
      'reg/hyperfleet-adapter:0.3.2: not in the registry yet; Konflux is building v0.3.2: https://konflux.example/hyperfleet-adapter-on-tag-x7k2p',
    ]);
    const built = { ...patchImage, exists: true, label: { expected: '0.3.2', found: '0.3.2' } };
    expect(patchProblems('image', patchFacts(config, hotfix, { repos, artifacts: [built] }))).toEqual([]);
  });
});
