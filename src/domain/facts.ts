import type { AppConfig, CheckSpec, Component, Naming } from './config.js';
import type { ArtifactResult, RepoFacts } from './status.js';
import type { EpochMs } from './time.js';
import { fillTemplate, parseVersion } from './version.js';

/**
 * The parts of a check step that are not test layers: tags in every component repository and
 * images or charts in the registry. Each answers its problems, or null before the data is in.
 */
export function tagProblems(
  spec: CheckSpec,
  components: readonly Component[],
  repos: readonly RepoFacts[] | undefined,
  naming: Naming,
  release: string | undefined,
): string[] | null {
  if (!spec.tags) return [];
  const version = release ? parseVersion(release) : null;
  if (!version) return ['the release has no version to name its tags'];
  if (!repos) return null;
  const tag = fillTemplate(naming[spec.tags], version, 1);
  return components.flatMap((c) => {
    const facts = repos.find((r) => r.repo === c.repo);
    if (!facts) return [`${c.name}: repository not read`];
    return facts.tags.includes(tag) ? [] : [`${c.name}: no tag ${tag} yet`];
  });
}

export function artifactProblems(
  spec: CheckSpec,
  components: readonly Component[],
  artifacts: readonly ArtifactResult[] | undefined,
): string[] | null {
  if (!spec.artifacts) return [];
  if (!artifacts) return null;
  return components.flatMap((c) =>
    spec.artifacts!.flatMap((kind) => {
      const found = artifacts.find((a) => a.component === c.name && a.kind === kind);
      if (!found) return [`${c.name}: ${kind} not checked`];
      return found.exists ? [] : [`${found.reference}: not in the registry yet (images build 15-20 min after the tag)`];
    }),
  );
}

export interface ArtifactTarget {
  readonly component: string;
  readonly kind: 'image' | 'chart';
  /** host/path/name, without tag: "quay.io/org/hyperfleet-api". */
  readonly location: string;
  readonly tag: string;
}

/** Each component's image tag (from `naming.imageTag`) and chart version (chart version = appVersion) for the release. */
export function artifactTargets(config: Pick<AppConfig, 'components' | 'naming'>, release: string): ArtifactTarget[] {
  const version = parseVersion(release);
  if (!version) return [];
  return config.components.flatMap((c) => [
    { component: c.name, kind: 'image' as const, location: c.image, tag: fillTemplate(config.naming.imageTag, version) },
    { component: c.name, kind: 'chart' as const, location: c.chart, tag: fillTemplate('{version}', version) },
  ]);
}

/** When the last of `repos` got `tag`: the moment "every component has it" became true. */
function completedAt(repos: readonly RepoFacts[] | undefined, names: readonly string[], tag: string): EpochMs | undefined {
  const times = names.map((name) => repos?.find((r) => r.repo === name)?.taggedAt?.[tag]);
  return times.every((t): t is EpochMs => t !== undefined) && times.length > 0 ? Math.max(...times) : undefined;
}

/** Deadline anchors read from GitHub's tags: `rc-tag` (the first RC in every component) and `ga-tag`. */
export function releaseTagAnchors(
  config: Pick<AppConfig, 'components' | 'naming'>,
  release: string,
  repos: readonly RepoFacts[] | undefined,
): Record<'rc-tag' | 'ga-tag', EpochMs | undefined> {
  const version = parseVersion(release);
  const names = config.components.map((c) => c.repo);
  if (!version) return { 'rc-tag': undefined, 'ga-tag': undefined };
  return {
    'rc-tag': completedAt(repos, names, fillTemplate(config.naming.rcTag, version, 1)),
    'ga-tag': completedAt(repos, names, fillTemplate(config.naming.componentTag, version)),
  };
}

/** The patch tag a hotfix ships as (vX.Y.(Z+1) of the affected release), and when it was made. */
export function patchTag(
  config: Pick<AppConfig, 'components' | 'naming'>,
  hotfix: { readonly component: string; readonly affects: string },
  repos: readonly RepoFacts[] | undefined,
): { readonly tag: string; readonly at?: EpochMs } | null {
  const version = parseVersion(hotfix.affects);
  const component = config.components.find((c) => c.name === hotfix.component);
  if (!version || !component) return null;
  const tag = fillTemplate(config.naming.componentTag, { ...version, patch: version.patch + 1, rc: null });
  const at = repos?.find((r) => r.repo === component.repo)?.taggedAt?.[tag];
  return at === undefined ? { tag } : { tag, at };
}
