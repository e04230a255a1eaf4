import { describe, expect, it } from 'vitest';
import type { RcE2eSpec } from '../../src/domain/config.js';
import { releaseVersions, type ManifestFacts } from '../../src/domain/manifest.js';
import { evaluateRcE2e, releaseRcTags, type RcE2eRun } from '../../src/domain/rc-e2e.js';
import type { CheckObservation, RepoFacts } from '../../src/domain/status.js';
import { HOUR } from '../../src/domain/time.js';
import { parseVersion } from '../../src/domain/version.js';
import { NOW } from './fixtures.js';

const spec: RcE2eSpec = {
  job: 'periodic-ci-openshift-hyperfleet-hyperfleet-e2e-main-rc-e2e-rc-e2e',
  imageTags: {
    'hyperfleet-api': 'API_TAG',
    'hyperfleet-sentinel': 'SENTINEL_TAG',
    'hyperfleet-adapter': 'ADAPTER_TAG',
    'hyperfleet-applier': 'APPLIER_TAG',
  },
  e2eRef: 'E2E_REF',
  tag: 'release-{major}.{minor}-rc{n}',
  workflow: 'RC E2E Trigger',
};
const configured = ['hyperfleet-api', 'hyperfleet-sentinel', 'hyperfleet-adapter'];
const version = parseVersion('v0.4.0')!;
const manifest = (components: Record<string, string>, e2eRef = 'release-0.4'): ManifestFacts => ({
  release: { state: 'found', manifest: { release: '0.4', e2eRef, components } },
});
const RC2 = { 'hyperfleet-api': 'v1.5.0-rc2', 'hyperfleet-sentinel': 'v1.4.2', 'hyperfleet-adapter': 'v2.0.0-rc1' };
const versionsOf = (facts: ManifestFacts | undefined) => releaseVersions(configured, 'v0.4.0', 'release-0.4', facts);

const run = (buildId: string, state: RcE2eRun['state'], ago: number, overrides: Record<string, string> | null): RcE2eRun => ({
  name: spec.job,
  prowJob: `pj-${buildId}`,
  buildId,
  state,
  startedAt: NOW - ago,
  ...(state === 'running' ? {} : { finishedAt: NOW - ago + HOUR }),
  url: `https://prow.example/view/${buildId}`,
  overrides,
});
const tested = (api: string, sentinel: string, adapter: string, e2e = 'release-0.4') => ({
  API_TAG: api,
  SENTINEL_TAG: sentinel,
  ADAPTER_TAG: adapter,
  E2E_REF: e2e,
});
const releaseRepo = (tags: string[], tagChecks: Record<string, CheckObservation[]> = {}): RepoFacts => ({
  repo: 'hyperfleet-release',
  tags,
  tagChecks,
});

const check = (runs: RcE2eRun[] | undefined, facts: ManifestFacts | undefined = manifest(RC2), repo = releaseRepo(['release-0.4-rc2'])) =>
  evaluateRcE2e({ spec, version, versions: versionsOf(facts), runs, releaseRepo: repo });

describe('the RC E2E check counts only a run of the RC E2E job for the manifest’s versions', () => {
  it('passes on a passed run whose overrides equal the manifest’s versions without the v, and the e2e ref', () => {
    const result = check([run('41', 'passed', 3 * HOUR, tested('1.5.0-rc2', '1.4.2', '2.0.0-rc1'))]);
    expect(result.state).toBe('passed');
    expect(result.run?.buildId).toBe('41');
    expect(result.findings.find((f) => f.ok)?.text).toMatch(
      /build 41 passed, finished .* https:\/\/prow\.example\/view\/41, tested api 1\.5\.0-rc2, sentinel 1\.4\.2, adapter 2\.0\.0-rc1, e2e release-0\.4$/,
    );
  });

  it('a passed run for another combination never counts, and says which it was', () => {
    const older = run('40', 'passed', 30 * HOUR, tested('1.5.0-rc1', '1.4.2', '2.0.0-rc1'));
    const result = check([older]);
    expect(result.state).toBe('waiting');
    expect(result.findings.map((f) => f.text)).toEqual([
      expect.stringMatching(/^RC E2E Trigger on release-0\.4-rc2: no run reported/),
      `no run of ${spec.job} for api 1.5.0-rc2, sentinel 1.4.2, adapter 2.0.0-rc1, e2e release-0.4 yet`,
      expect.stringMatching(
        /build 40 passed, .*: for another combination \(api 1\.5\.0-rc1, sentinel 1\.4\.2, adapter 2\.0\.0-rc1, e2e release-0\.4\), not counted$/,
      ),
    ]);
  });

  it('a run with another e2e ref, or with a variable the manifest has no value for, is another combination', () => {
    expect(check([run('42', 'passed', HOUR, tested('1.5.0-rc2', '1.4.2', '2.0.0-rc1', 'main'))]).state).toBe('waiting');
    // The manifest names no applier: a run that tested one is not this combination.
    const withApplier = { ...tested('1.5.0-rc2', '1.4.2', '2.0.0-rc1'), APPLIER_TAG: '0.1.0' };
    expect(check([run('43', 'passed', HOUR, withApplier)]).state).toBe('passed');
    const applierInManifest = manifest({ ...RC2, 'hyperfleet-applier': 'v0.1.0' });
    const versions = releaseVersions([...configured, 'hyperfleet-applier'], 'v0.4.0', 'release-0.4', applierInManifest);
    const input = { spec, version, versions, releaseRepo: releaseRepo([]) };
    expect(evaluateRcE2e({ ...input, runs: [run('44', 'passed', HOUR, tested('1.5.0-rc2', '1.4.2', '2.0.0-rc1'))] }).state).toBe('waiting');
    expect(evaluateRcE2e({ ...input, runs: [run('45', 'passed', HOUR, withApplier)] }).state).toBe('passed');
  });

  it('the newest run for the combination decides: failed after a pass is failed, a rerun in progress is running', () => {
    const pass = run('50', 'passed', 10 * HOUR, tested('1.5.0-rc2', '1.4.2', '2.0.0-rc1'));
    expect(check([pass, run('51', 'failed', 2 * HOUR, tested('1.5.0-rc2', '1.4.2', '2.0.0-rc1'))]).state).toBe('failed');
    expect(check([pass, run('52', 'running', HOUR, tested('1.5.0-rc2', '1.4.2', '2.0.0-rc1'))]).state).toBe('running');
  });

  it('a run whose overrides could not be read is not counted, with why', () => {
    const unread = { ...run('60', 'passed', HOUR, null), unreadable: 'Prow answered 404 for its ProwJob' };
    const result = check([unread]);
    expect(result.state).toBe('waiting');
    expect(result.findings.at(-1)?.text).toMatch(
      /build 60 passed.*: its overrides could not be read \(Prow answered 404 for its ProwJob\), not counted$/,
    );
  });

  it('waits, never passes, until the manifest is known, and says why', () => {
    const passing = [run('70', 'passed', HOUR, tested('1.5.0-rc2', '1.4.2', '2.0.0-rc1'))];
    const result = check(passing, { release: { state: 'invalid', problem: 'line 2: not a map' } });
    expect(result).toMatchObject({ state: 'waiting', undecided: false });
    expect(result.findings.map((f) => f.text)).toEqual([
      expect.stringMatching(/^RC E2E Trigger on release-0\.4-rc2: /),
      'waiting for the manifest: RELEASE_MANIFEST.yaml on release-0.4 is not valid: line 2: not a map',
      // What each run tested is shown, never judged without a manifest to judge it by.
      expect.stringMatching(
        /build 70 passed.*: tested api 1\.5\.0-rc2, sentinel 1\.4\.2, adapter 2\.0\.0-rc1, e2e release-0\.4, not judged without the manifest$/,
      ),
    ]);
    // Before GitHub's first answer there is no release repository: not known yet, so not judged.
    expect(evaluateRcE2e({ spec, version, versions: versionsOf(undefined), runs: passing, releaseRepo: undefined }).undecided).toBe(true);
  });

  it('waits for Prow’s first answer without judging', () => {
    expect(check(undefined)).toMatchObject({ state: 'waiting', undecided: true });
  });

  it('a component with no configured variable makes the check wait with what to configure', () => {
    const { 'hyperfleet-sentinel': _, ...imageTags } = spec.imageTags;
    const result = evaluateRcE2e({
      spec: { ...spec, imageTags },
      version,
      versions: versionsOf(manifest(RC2)),
      runs: [],
      releaseRepo: undefined,
    });
    expect(result.findings[0]?.text).toMatch(/^no override variable configured for hyperfleet-sentinel \(rcE2e\.imageTags\)/);
  });
});

describe('the RC E2E workflow run on the release repository’s newest RC tag', () => {
  const workflow = (state: CheckObservation['state'], detail?: string): CheckObservation => ({
    name: 'RC E2E Trigger',
    state,
    url: 'https://github.com/openshift-hyperfleet/hyperfleet-release/actions/runs/9',
    ...(detail ? { detail } : {}),
  });

  it('finds the newest RC tag of this release by the tag template, whatever order GitHub lists them in', () => {
    const repo = releaseRepo(['release-0.4-rc2', 'release-0.4-rc10', 'release-0.3-rc9', 'release-0.4', 'v0.4.0-rc1']);
    expect(releaseRcTags(spec, version, repo)).toEqual(['release-0.4-rc10', 'release-0.4-rc2']);
    expect(releaseRcTags({ ...spec, tag: 'v{version}-rc{n}' }, version, repo)).toEqual(['v0.4.0-rc1']);
  });

  it('a failed workflow (an image missing, Gangway refusing) fails the check before Prow has any run', () => {
    const repo = releaseRepo(['release-0.4-rc2'], { 'release-0.4-rc2': [workflow('failed', 'Verify images exist in Quay')] });
    const result = check([], manifest(RC2), repo);
    expect(result.state).toBe('failed');
    expect(result.findings[0]?.text).toBe(
      'RC E2E Trigger on release-0.4-rc2: failed (Verify images exist in Quay)  https://github.com/openshift-hyperfleet/hyperfleet-release/actions/runs/9',
    );
  });

  it('is shown beside a passed run, and a passed workflow alone passes nothing', () => {
    const repo = releaseRepo(['release-0.4-rc2'], { 'release-0.4-rc2': [workflow('passed')] });
    expect(check([], manifest(RC2), repo).state).toBe('waiting');
    const passed = check([run('80', 'passed', HOUR, tested('1.5.0-rc2', '1.4.2', '2.0.0-rc1'))], manifest(RC2), repo);
    expect(passed.state).toBe('passed');
    expect(passed.findings[0]).toEqual({ ok: true, text: expect.stringMatching(/^RC E2E Trigger on release-0\.4-rc2: passed/) });
  });
});
