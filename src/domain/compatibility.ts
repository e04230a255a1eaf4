import type { LayerEvaluation } from './layers.js';
import type { ReleaseVersions } from './manifest.js';
import type { LayerState } from './status.js';

/**
 * The compatibility matrix the release notes ship (release contract, "Release Artifacts"):
 * "HyperFleet v0.4.0 = api v1.5.0 + sentinel v1.4.2 + adapter v2.0.0; tested on ROSA, OpenShift
 * 4.17". The versions are the manifest's (domain/manifest), the platforms the partner layers'
 * configured ones whose latest run passed. When the versions are not known, it says why and
 * names none.
 */
export interface CompatibilityMatrix {
  /** The HyperFleet release: "v0.4.0". */
  readonly release: string;
  /** Where the versions come from ("RELEASE_MANIFEST.yaml on release-0.4"); null when they are unknown. */
  readonly source: string | null;
  /** Why the component versions are unknown; null when the manifest gives them. */
  readonly why: string | null;
  /**
   * `ga`: every component the manifest lists has a GA version; `rc`: some are release candidates;
   * `not-versions`: some entry is not an X.Y.Z version ("latest"); null while the versions are unknown.
   */
  readonly stage: 'ga' | 'rc' | 'not-versions' | null;
  /** The components the manifest lists, in configuration order, each at its own version as written. */
  readonly components: readonly MatrixComponent[];
  /** Configured components the manifest does not list: not part of this release. */
  readonly notInRelease: readonly string[];
  /** The partner integrations (layers with a configured platform), tested or not. */
  readonly platforms: readonly MatrixPlatform[];
}

export interface MatrixComponent {
  readonly name: string;
  /** As the manifest writes it: "v1.5.0", "v1.5.0-rc2", or "latest" when it is not a version. */
  readonly version: string;
  readonly kind: 'ga' | 'rc' | 'not-a-version';
}

export interface MatrixPlatform {
  readonly layer: string;
  readonly name: string;
  readonly owner: string;
  /** The platform and version the integration runs on, as configured: "ROSA, OpenShift 4.17". */
  readonly platform: string;
  /** The latest run's state. */
  readonly state: LayerState;
  /** The release is tested on this platform only when its latest run passed. */
  readonly tested: boolean;
  readonly url?: string;
  /** Why the latest run shown is from an earlier answer (its source failing). */
  readonly stale?: string;
}

/** A release-wide layer's latest run passed: the one rule of "tested on", for the matrix and the report alike. */
export const latestRunPassed = (evaluation: LayerEvaluation): boolean => evaluation.cells[0]?.state === 'passed';

/** "api" for hyperfleet-api: how the matrix names a component. */
export const componentShortName = (name: string): string => name.replace(/^hyperfleet-/, '');

export function compatibilityMatrix(
  release: string,
  /** The configured components' names, in configuration order. */
  configured: readonly string[],
  versions: ReleaseVersions,
  evaluations: readonly LayerEvaluation[],
): CompatibilityMatrix {
  const platforms = evaluations.flatMap((e): MatrixPlatform[] => {
    if (e.layer.scope !== 'release' || e.layer.platform === undefined) return [];
    const latest = e.cells[0];
    return [
      {
        layer: e.layer.id,
        name: e.layer.name,
        owner: e.layer.owner,
        platform: e.layer.platform,
        state: latest?.state ?? 'missing',
        tested: latestRunPassed(e),
        ...(latest?.url !== undefined ? { url: latest.url } : {}),
        ...(latest?.stale !== undefined ? { stale: latest.stale } : {}),
      },
    ];
  });
  if (versions.state === 'unknown') {
    return { release, source: null, why: versions.why, stage: null, components: [], notInRelease: [], platforms };
  }
  const byName = new Map<string, MatrixComponent>([
    ...versions.components.map((c): [string, MatrixComponent] => [
      c.component,
      { name: c.component, version: c.text, kind: c.version.rc === null ? 'ga' : 'rc' },
    ]),
    ...versions.unparsed.map((u): [string, MatrixComponent] => [
      u.component,
      { name: u.component, version: u.text, kind: 'not-a-version' },
    ]),
  ]);
  const components = configured.flatMap((name) => byName.get(name) ?? []);
  const stage = components.some((c) => c.kind === 'not-a-version') ? 'not-versions' : components.some((c) => c.kind === 'rc') ? 'rc' : 'ga';
  return {
    release,
    source: `RELEASE_MANIFEST.yaml on ${versions.branch}`,
    why: null,
    stage,
    components,
    notInRelease: versions.unlisted,
    platforms,
  };
}

/** The platforms the release is tested on: "ROSA, OpenShift 4.17". */
export const testedPlatforms = (matrix: { readonly platforms: ReadonlyArray<Pick<MatrixPlatform, 'platform' | 'tested'>> }): string[] =>
  matrix.platforms.filter((p) => p.tested).map((p) => p.platform);

/**
 * The matrix in one sentence, as the release notes open it:
 * "HyperFleet v0.4.0 = api v1.5.0 + sentinel v1.4.2 + adapter v2.0.0; tested on ROSA, OpenShift 4.17".
 */
export function matrixSentence(matrix: CompatibilityMatrix): string {
  const tested = testedPlatforms(matrix);
  const on = tested.length > 0 ? `tested on ${tested.join('; ')}` : 'no partner platform has passed yet';
  // Why is said beside it (`why`): the sentence stays one line.
  if (matrix.why !== null) return `HyperFleet ${matrix.release}: component versions unknown; ${on}`;
  const parts = matrix.components.map(
    (c) => `${componentShortName(c.name)} ${c.version}${c.kind === 'not-a-version' ? ' (not a version)' : ''}`,
  );
  const stage = matrix.stage === 'rc' ? ' (release candidate)' : '';
  const made = parts.length > 0 ? parts.join(' + ') : 'no component listed';
  return `HyperFleet ${matrix.release}${stage} = ${made}; ${on}`;
}
