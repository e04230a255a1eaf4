import type { AppConfig, CheckSpec, Component, Naming } from './config.js';
import { artifactBuild, konfluxBuild, missingArtifactText, type KonfluxBuild } from './builds.js';
import type { ArtifactKind, ArtifactResult, RepoFacts, StatusSnapshot } from './status.js';
import { componentTargets, versionText, type ComponentTarget, type ReleaseVersions } from './manifest.js';
import { patchManifest, patchManifestFindings, type PatchManifest } from './patch-manifest.js';
import type { Finding } from './finding.js';
import { formatUtc, type EpochMs } from './time.js';
import { fillTemplate, nextPatch, parseVersion, type Version } from './version.js';

export type { Finding } from './finding.js';

/** A component of the release and the version its manifest entry ships. */
export interface ReleaseComponent {
  readonly component: Component;
  readonly version: ComponentTarget;
}

/**
 * What the release is made of: the configured components its manifest names, each with its own
 * version, and a finding for each entry that names no version; or why that is not known yet.
 * A configured component the manifest does not name is not part of the release.
 */
export type ReleaseMakeup =
  | {
      readonly known: true;
      /** The branch whose manifest this is. */
      readonly branch: string;
      readonly components: readonly ReleaseComponent[];
      readonly problems: readonly Finding[];
    }
  | { readonly known: false; readonly why: string };

export function releaseMakeup(components: readonly Component[], versions: ReleaseVersions): ReleaseMakeup {
  if (versions.state === 'unknown') return { known: false, why: versions.why };
  const { targets, notVersions } = componentTargets(
    components.map((c) => c.name),
    versions,
  );
  const listed = targets.flatMap((version) => {
    const component = components.find((c) => c.name === version.component);
    return component ? [{ component, version }] : [];
  });
  const problems = notVersions.map(({ component, text }) => ({
    ok: false,
    text: `${component}: RELEASE_MANIFEST.yaml on ${versions.branch} names "${text}", not a vX.Y.Z version`,
  }));
  if (listed.length === 0 && problems.length === 0)
    problems.push({ ok: false, text: `RELEASE_MANIFEST.yaml on ${versions.branch} names none of the configured components` });
  return { known: true, branch: versions.branch, components: listed, problems };
}

/** "waiting for the component versions: …": what a check that names versions says before they are known. */
export const versionsUnknown = (why: string): Finding => ({ ok: false, text: `waiting for the component versions: ${why}` });

/** A component's tag for the version it ships: its first RC (`naming.rcTag`, rc1 unless told) or its GA tag. */
export const componentTag = (naming: Naming, kind: 'rcTag' | 'componentTag', target: Version, n = 1): string =>
  kind === 'rcTag' ? fillTemplate(naming.rcTag, target, n) : fillTemplate(naming.componentTag, target);

/**
 * The parts of a check step that are not test layers: tags in every component repository of
 * the release, each for its own version, and images or charts in the registry. Each answers a
 * finding per component, or null before the data is in.
 */
export function tagFindings(
  spec: CheckSpec,
  makeup: ReleaseMakeup,
  repos: readonly RepoFacts[] | undefined,
  naming: Naming,
): Finding[] | null {
  if (!spec.tags) return [];
  if (!repos) return null;
  if (!makeup.known) return [versionsUnknown(makeup.why)];
  const kind = spec.tags;
  return [
    ...makeup.components.map(({ component: c, version }) => {
      const tag = componentTag(naming, kind, version.target);
      const facts = repos.find((r) => r.repo === c.repo);
      if (!facts) return { ok: false, text: `${c.name}: repository not read` };
      if (!facts.tags.includes(tag)) return { ok: false, text: `${c.name}: no tag ${tag} yet` };
      const at = facts.taggedAt?.[tag];
      return { ok: true, text: `${c.name}: ${tag}${at !== undefined ? ` tagged ${formatUtc(at)}` : ''}` };
    }),
    ...makeup.problems,
  ];
}

/** Each component's artifacts; an image not there says why, from its Konflux build when its tag's commit reports one. */
export function artifactFindings(
  spec: CheckSpec,
  config: Pick<AppConfig, 'components' | 'naming'>,
  makeup: ReleaseMakeup,
  artifacts: readonly ArtifactResult[] | undefined,
  repos?: readonly RepoFacts[],
): Finding[] | null {
  if (!spec.artifacts) return [];
  if (!artifacts) return null;
  if (!makeup.known) return [versionsUnknown(makeup.why)];
  const targets = artifactTargets(config, makeup);
  return [
    ...targets.flatMap((target) => {
      if (!spec.artifacts!.includes(target.kind)) return [];
      const reference = artifactReference(target);
      const found = artifacts.find((a) => a.reference === reference && !a.hotfix);
      // The registry is asked for what the manifest names as of GitHub's last answer.
      if (!found) return [{ ok: false, text: `${reference}: not checked yet` }];
      const mislabeled = labelProblem(found);
      if (mislabeled) return [{ ok: false, text: mislabeled }];
      if (!found.exists)
        return [
          {
            ok: false,
            text: missingArtifactText(
              found.reference,
              artifactBuild(found, config.components, repos),
              'images build 15-20 min after the tag',
            ),
          },
        ];
      return [{ ok: true, text: `${found.reference} in the registry${found.digest ? ` (${shortDigest(found.digest)})` : ''}` }];
    }),
    ...makeup.problems,
  ];
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
 * appVersion) for the version the manifest names for it, and the image its first release
 * candidate built (`naming.rcImageTag`); none before the versions are known.
 */
export function artifactTargets(config: Pick<AppConfig, 'components' | 'naming'>, makeup: ReleaseMakeup): ArtifactTarget[] {
  if (!makeup.known) return [];
  return makeup.components.flatMap(({ component: c, version: { target: version, rc } }) => [
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
      // The RC the manifest names (the one under test), or the first before it names one.
      tag: fillTemplate(config.naming.rcImageTag, version, rc ?? 1),
      labelVersion: withoutV(fillTemplate(config.naming.rcTag, version, rc ?? 1)),
    },
  ]);
}

/** When the last component of the release got its tag of this kind: the moment "every component has it" became true. */
function completedAt(repos: readonly RepoFacts[] | undefined, makeup: ReleaseMakeup, naming: Naming, kind: 'rcTag' | 'componentTag') {
  if (!makeup.known) return undefined;
  const times = makeup.components.map(
    ({ component, version }) => repos?.find((r) => r.repo === component.repo)?.taggedAt?.[componentTag(naming, kind, version.target)],
  );
  return times.every((t): t is EpochMs => t !== undefined) && times.length > 0 ? Math.max(...times) : undefined;
}

/**
 * Deadline anchors read from GitHub's tags: `rc-tag` (every component of the release has its
 * first RC) and `ga-tag` (each has its GA tag), each component's for its own version.
 */
export function releaseTagAnchors(
  naming: Naming,
  makeup: ReleaseMakeup,
  repos: readonly RepoFacts[] | undefined,
): Record<'rc-tag' | 'ga-tag', EpochMs | undefined> {
  return { 'rc-tag': completedAt(repos, makeup, naming, 'rcTag'), 'ga-tag': completedAt(repos, makeup, naming, 'componentTag') };
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
  /** The release branch's manifest and the affected release's, to check that only this component was bumped. */
  readonly manifest: PatchManifest | null;
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
    manifest: patchManifest(config.naming, hotfix, releaseRepo?.manifest),
  };
}

/**
 * What a patch check found, when it has evidence to show: the manifest check's entries. The
 * tag, image and release-tag checks say only what is missing (see patchProblems).
 */
export function patchFindings(which: CheckSpec['patch'], facts: PatchFacts | null | undefined): Finding[] | null {
  if (which !== 'manifest' || !facts?.manifest) return [];
  return patchManifestFindings(facts.manifest);
}

/** Why a patch check has not passed: the tag, the image or the release-repo tag is not there yet, or the manifest is not bumped. */
export function patchProblems(which: NonNullable<CheckSpec['patch']>, facts: PatchFacts | null | undefined): string[] | null {
  if (facts === undefined) return ['only a hotfix ships a patch'];
  if (facts === null) return ['the hotfix names no known component and X.Y.Z release'];
  if (which === 'manifest') {
    if (!facts.manifest) return ['the hotfix names no X.Y.Z release'];
    return patchManifestFindings(facts.manifest)?.flatMap((f) => (f.ok ? [] : [f.text])) ?? null;
  }
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

/** The newest RC tag a repository has of a version (rc1, rc2, … while each next one exists); 0 with none. */
export function newestRc(naming: Naming, target: Version, tags: readonly string[]): number {
  const has = new Set(tags);
  let n = 0;
  while (has.has(componentTag(naming, 'rcTag', target, n + 1))) n += 1;
  return n;
}

/**
 * "RELEASE_MANIFEST.yaml names the RC versions" (`rc`) or "the GA versions" (`ga`), decided from
 * the manifest on the release branch (main's does not count: the runbook edits the branch's),
 * each component against its own repository's tags:
 * - rc: each names an RC whose tag exists and is its newest RC (a newer one means the manifest
 *   was not updated after a fix), or a GA version already tagged (a component pinned to a
 *   release, or the manifest already moved to GA); a -dev version is not an RC yet.
 * - ga: each names its GA version, and that tag exists.
 */
export function manifestFindings(
  spec: CheckSpec,
  makeup: ReleaseMakeup,
  repos: readonly RepoFacts[] | undefined,
  naming: Naming,
): Finding[] | null {
  if (!spec.manifest) return [];
  if (!repos) return null;
  if (!makeup.known) return [versionsUnknown(makeup.why)];
  if (makeup.branch === 'main') return [{ ok: false, text: 'RELEASE_MANIFEST.yaml is on main only: set it on the release branch' }];
  const wanted = spec.manifest;
  return [
    ...makeup.components.map(({ component: c, version }): Finding => {
      const tags = repos.find((r) => r.repo === c.repo)?.tags;
      const named = `${c.name}: ${version.text}`;
      if (!tags) return { ok: false, text: `${c.name}: repository not read` };
      const gaTag = componentTag(naming, 'componentTag', version.target);
      if (version.stage === 'ga')
        return tags.includes(gaTag) ? { ok: true, text: `${named} (tag ${gaTag})` } : { ok: false, text: `${named}: no tag ${gaTag} yet` };
      if (wanted === 'ga') return { ok: false, text: `${named}, not the GA version ${versionText(version.target)} yet` };
      if (version.stage === 'dev') return { ok: false, text: `${named}, not an RC version yet` };
      const rcTag = componentTag(naming, 'rcTag', version.target, version.rc);
      if (!tags.includes(rcTag)) return { ok: false, text: `${named}: no tag ${rcTag}` };
      const newest = newestRc(naming, version.target, tags);
      if (newest > version.rc!)
        return { ok: false, text: `${named}, but ${componentTag(naming, 'rcTag', version.target, newest)} is tagged: name the newest RC` };
      return { ok: true, text: `${named} (tag ${rcTag})` };
    }),
    ...makeup.problems,
  ];
}
