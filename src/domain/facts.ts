import type { AppConfig, CheckSpec, Component, Naming } from './config.js';
import { artifactBuild, konfluxBuild, missingArtifactText, type KonfluxBuild } from './builds.js';
import type { ArtifactKind, ArtifactResult, RepoFacts, StatusSnapshot } from './status.js';
import { formatUtc, type EpochMs } from './time.js';
import { fillTemplate, nextPatch, parseVersion } from './version.js';

/** One thing a check looked for: found (the evidence a step shows) or not yet (why it waits). */
export interface Finding {
  readonly ok: boolean;
  readonly text: string;
}

/**
 * The parts of a check step that are not test layers: tags in every component repository and
 * images or charts in the registry. Each answers a finding per component, or null before the data is in.
 */
export function tagFindings(
  spec: CheckSpec,
  components: readonly Component[],
  repos: readonly RepoFacts[] | undefined,
  naming: Naming,
  release: string | undefined,
): Finding[] | null {
  if (!spec.tags) return [];
  const version = release ? parseVersion(release) : null;
  if (!version) return [{ ok: false, text: 'the release has no version to name its tags' }];
  if (!repos) return null;
  const tag = fillTemplate(naming[spec.tags], version, 1);
  return components.map((c) => {
    const facts = repos.find((r) => r.repo === c.repo);
    if (!facts) return { ok: false, text: `${c.name}: repository not read` };
    if (!facts.tags.includes(tag)) return { ok: false, text: `${c.name}: no tag ${tag} yet` };
    const at = facts.taggedAt?.[tag];
    return { ok: true, text: `${c.name}: ${tag}${at !== undefined ? ` tagged ${formatUtc(at)}` : ''}` };
  });
}

/** Each component's artifacts; an image not there says why, from its Konflux build when its tag's commit reports one. */
export function artifactFindings(
  spec: CheckSpec,
  components: readonly Component[],
  artifacts: readonly ArtifactResult[] | undefined,
  repos?: readonly RepoFacts[],
): Finding[] | null {
  if (!spec.artifacts) return [];
  if (!artifacts) return null;
  return components.flatMap((c) =>
    spec.artifacts!.map((kind) => {
      const found = artifacts.find((a) => a.component === c.name && a.kind === kind && !a.hotfix);
      if (!found) return { ok: false, text: `${c.name}: ${kind} not checked` };
      const mislabeled = labelProblem(found);
      if (mislabeled) return { ok: false, text: mislabeled };
      if (!found.exists)
        return {
          ok: false,
          text: missingArtifactText(found.reference, artifactBuild(found, components, repos), 'images build 15-20 min after the tag'),
        };
      return { ok: true, text: `${found.reference} in the registry${found.digest ? ` (${shortDigest(found.digest)})` : ''}` };
    }),
  );
}

/** "sha256:0123456789ab": enough of a digest to compare by eye. */
export const shortDigest = (digest: string): string => digest.slice(0, digest.indexOf(':') + 13);

/** A git tag as an image's `Labels.version` carries it: "v0.4.0" → "0.4.0". */
const withoutV = (tag: string): string => tag.replace(/^v/, '');

/** What is wrong with an image the registry holds but whose label names another version. */
export const labelProblem = (found: ArtifactResult): string | undefined =>
  found.label && found.label.found !== found.label.expected
    ? `${found.reference}: label version ${found.label.found ?? '(none)'}, expected ${found.label.expected}`
    : undefined;

/** "quay.io/org/hyperfleet-api:0.4.0": what the registry is asked for, and what its answer is found by. */
export const artifactReference = (target: Pick<ArtifactTarget, 'location' | 'tag'>): string => `${target.location}:${target.tag}`;

export interface ArtifactTarget {
  readonly component: string;
  readonly kind: ArtifactKind;
  /** host/path/name, without tag: "quay.io/org/hyperfleet-api". */
  readonly location: string;
  readonly tag: string;
  /**
   * An image's `Labels.version` must equal its git tag without the `v` (the runbook's
   * `skopeo inspect … | jq .Labels.version`); charts have none.
   */
  readonly labelVersion?: string;
  /** The hotfix whose patch image this is. */
  readonly hotfix?: string;
}

/**
 * Each component's image tag (from `naming.imageTag`) and chart version (chart version =
 * appVersion) for the release, and the image its first release candidate built (`naming.rcImageTag`).
 */
export function artifactTargets(config: Pick<AppConfig, 'components' | 'naming'>, release: string): ArtifactTarget[] {
  const version = parseVersion(release);
  if (!version) return [];
  return config.components.flatMap((c) => [
    {
      component: c.name,
      kind: 'image' as const,
      location: c.image,
      tag: fillTemplate(config.naming.imageTag, version),
      labelVersion: withoutV(fillTemplate(config.naming.componentTag, version)),
    },
    { component: c.name, kind: 'chart' as const, location: c.chart, tag: fillTemplate('{version}', version) },
    {
      component: c.name,
      kind: 'rc-image' as const,
      location: c.image,
      tag: fillTemplate(config.naming.rcImageTag, version, 1),
      labelVersion: withoutV(fillTemplate(config.naming.rcTag, version, 1)),
    },
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

/** What a hotfix ships: the component's patch tag vX.Y.(Z+1), its image, and release-X.Y.Z in the release repo. */
export interface PatchFacts {
  readonly tag: string;
  /** When GitHub says the tag was made; undefined before it exists (or before GitHub answers). */
  readonly taggedAt?: EpochMs;
  /** The tag's own date, when it is an annotated tag (see RepoFacts.annotatedAt). */
  readonly madeAt?: EpochMs;
  /** null before GitHub has been read. */
  readonly tagExists: boolean | null;
  readonly image: ArtifactTarget;
  /** null before the registry has been asked. */
  readonly imageFound: ArtifactResult | null;
  /** Konflux's on-tag build of the patch tag, once its commit reports one. */
  readonly build?: KonfluxBuild;
  readonly releaseTag: string;
  readonly releaseTagExists: boolean | null;
}

type PatchConfig = Pick<AppConfig, 'components' | 'naming' | 'github'>;

/** The patch image of each open hotfix, for the registry to look for beside the release's. */
export function patchTargets(
  config: Pick<AppConfig, 'components' | 'naming'>,
  hotfixes: ReadonlyArray<{ readonly key: string; readonly component: string; readonly affects: string }>,
): ArtifactTarget[] {
  return hotfixes.flatMap((hotfix) => {
    const version = parseVersion(hotfix.affects);
    const component = config.components.find((c) => c.name === hotfix.component);
    if (!version || !component) return [];
    return [
      {
        component: component.name,
        kind: 'image' as const,
        location: component.image,
        tag: fillTemplate(config.naming.imageTag, nextPatch(version)),
        labelVersion: withoutV(fillTemplate(config.naming.componentTag, nextPatch(version))),
        hotfix: hotfix.key,
      },
    ];
  });
}

/** Null when the hotfix names an unknown component or a release that is not X.Y.Z. */
export function patchFacts(
  config: PatchConfig,
  hotfix: { readonly key: string; readonly component: string; readonly affects: string },
  snapshot: Pick<StatusSnapshot, 'repos' | 'artifacts'> | null,
): PatchFacts | null {
  const version = parseVersion(hotfix.affects);
  const component = config.components.find((c) => c.name === hotfix.component);
  const image = patchTargets(config, [hotfix])[0];
  if (!version || !component || !image) return null;
  const patch = nextPatch(version);
  const tag = fillTemplate(config.naming.componentTag, patch);
  const releaseTag = fillTemplate(config.naming.patchReleaseTag, patch);
  const componentRepo = snapshot?.repos?.find((r) => r.repo === component.repo);
  const releaseRepo = snapshot?.repos?.find((r) => r.repo === config.github.releaseRepo);
  const taggedAt = componentRepo?.taggedAt?.[tag];
  const madeAt = componentRepo?.annotatedAt?.[tag];
  const reference = artifactReference(image);
  const build = konfluxBuild(componentRepo, component.name, tag);
  return {
    tag,
    ...(taggedAt !== undefined ? { taggedAt } : {}),
    ...(madeAt !== undefined ? { madeAt } : {}),
    tagExists: componentRepo ? componentRepo.tags.includes(tag) : null,
    image,
    imageFound: snapshot?.artifacts?.find((a) => a.reference === reference) ?? null,
    ...(build ? { build } : {}),
    releaseTag,
    releaseTagExists: releaseRepo ? releaseRepo.tags.includes(releaseTag) : null,
  };
}

/** Why a patch check has not passed: the tag, the image or the release-repo tag is not there yet. */
export function patchProblems(which: 'tag' | 'image' | 'release-tag', facts: PatchFacts | null | undefined): string[] | null {
  if (facts === undefined) return ['only a hotfix ships a patch'];
  if (facts === null) return ['the hotfix names no known component and X.Y.Z release'];
  if (which === 'tag')
    return facts.tagExists === null ? null : facts.tagExists ? [] : [`no tag ${facts.tag} yet (tag it on the release branch, no RC)`];
  if (which === 'release-tag')
    return facts.releaseTagExists === null
      ? null
      : facts.releaseTagExists
        ? []
        : [`no tag ${facts.releaseTag} in the release repository yet`];
  const reference = artifactReference(facts.image);
  if (!facts.imageFound) return [`${reference}: waiting for the registry`];
  const mislabeled = labelProblem(facts.imageFound);
  if (mislabeled) return [mislabeled];
  return facts.imageFound.exists ? [] : [missingArtifactText(reference, facts.build, 'images build 10-20 min after the tag')];
}
