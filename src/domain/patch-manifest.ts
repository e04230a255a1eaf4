import type { Naming } from './config.js';
import type { Finding } from './finding.js';
import type { ManifestFacts, ManifestRead } from './manifest.js';
import { fillTemplate, nextPatch, parseVersion, type Version } from './version.js';

/**
 * "Bump only that component in the manifest": after a hotfix's patch image is validated, the
 * release branch's RELEASE_MANIFEST.yaml names the component at its patch tag, and every other
 * entry is as the affected release's tag in the release repository recorded it.
 */

/** A fully qualified ref: a branch and a tag may share a name (release-0.3 is both), and git prefers the tag. */
export const branchRef = (branch: string): string => `refs/heads/${branch}`;
export const tagRef = (tag: string): string => `refs/tags/${tag}`;

/** Where the patch's manifest is checked: the release branch, and the tag of the release it patches. */
export interface PatchManifestRefs {
  /** release-0.3 for a hotfix of v0.3.1. */
  readonly branch: string;
  /** release-0.3.1 (release-0.3 for v0.3.0: the GA tag). */
  readonly baseTag: string;
}

/** The GA release's tag for X.Y.0, the patch release's for X.Y.Z. */
const releaseTagOf = (naming: Naming, release: Version): string =>
  fillTemplate(release.patch === 0 ? naming.releaseTag : naming.patchReleaseTag, release);

/** Null when the affected release is not X.Y.Z. */
export function patchManifestRefs(naming: Naming, affects: string): PatchManifestRefs | null {
  const release = parseVersion(affects);
  if (!release) return null;
  return { branch: fillTemplate(naming.releaseBranch, release), baseTag: releaseTagOf(naming, release) };
}

/** The refs whose manifest the release repository is asked for, beyond main's and the release branch's. */
export const patchManifestReads = (refs: PatchManifestRefs): string[] => [branchRef(refs.branch), tagRef(refs.baseTag)];

/** The patch release's manifest as read: on the branch, and at the tag it is compared with; undefined: not read yet. */
export interface PatchManifest extends PatchManifestRefs {
  /** `hyperfleet-adapter`, and the tag it must be at: v0.3.2. */
  readonly component: string;
  readonly patchTag: string;
  readonly onBranch?: ManifestRead;
  readonly atBase?: ManifestRead;
}

export function patchManifest(
  naming: Naming,
  hotfix: { readonly component: string; readonly affects: string },
  facts: ManifestFacts | undefined,
): PatchManifest | null {
  const refs = patchManifestRefs(naming, hotfix.affects);
  const release = parseVersion(hotfix.affects);
  if (!refs || !release) return null;
  const onBranch = facts?.byRef?.[branchRef(refs.branch)];
  const atBase = facts?.byRef?.[tagRef(refs.baseTag)];
  return {
    ...refs,
    component: hotfix.component,
    patchTag: fillTemplate(naming.componentTag, nextPatch(release)),
    ...(onBranch ? { onBranch } : {}),
    ...(atBase ? { atBase } : {}),
  };
}

const readProblem = (read: ManifestRead, where: string): string | null =>
  read.state === 'absent'
    ? `no RELEASE_MANIFEST.yaml ${where} (${read.why})`
    : read.state === 'invalid'
      ? `RELEASE_MANIFEST.yaml ${where} is not valid: ${read.problem}`
      : null;

/**
 * What the manifest check found: the component at its patch tag, and each other entry as the
 * release tag has it. Null while the manifest has not been read. Every entry that moved, was
 * added or was dropped is a finding of its own, so the screen says exactly what to put back.
 */
export function patchManifestFindings(manifest: PatchManifest): Finding[] | null {
  const { onBranch, atBase, branch, baseTag, component, patchTag } = manifest;
  if (!onBranch || !atBase) return null;
  const onBranchText = `on ${branch}`;
  const atBaseText = `at tag ${baseTag}`;
  const unreadable = [readProblem(onBranch, onBranchText), readProblem(atBase, `${atBaseText} to compare with`)];
  if (onBranch.state !== 'found' || atBase.state !== 'found') return unreadable.flatMap((text) => (text ? [{ ok: false, text }] : []));
  const now = onBranch.manifest.components;
  const before = atBase.manifest.components;
  const named = now[component];
  const bumped: Finding =
    named === patchTag
      ? { ok: true, text: `${component}: ${patchTag} ${onBranchText} (was ${before[component] ?? 'not named'} ${atBaseText})` }
      : { ok: false, text: `${component}: ${named ?? 'not named'} ${onBranchText}, not the patch ${patchTag} yet` };
  const others = [...new Set([...Object.keys(before), ...Object.keys(now)])].filter((name) => name !== component);
  const moved = others.flatMap((name): Finding[] => {
    if (now[name] === before[name]) return [];
    const was = before[name] === undefined ? 'not named' : before[name];
    const is = now[name] === undefined ? 'dropped' : now[name];
    return [{ ok: false, text: `${name}: ${is} ${onBranchText}, was ${was} ${atBaseText}: a hotfix bumps only ${component}` }];
  });
  const release: Finding[] =
    onBranch.manifest.release === atBase.manifest.release
      ? []
      : [{ ok: false, text: `release: "${onBranch.manifest.release}" ${onBranchText}, was "${atBase.manifest.release}" ${atBaseText}` }];
  const count = others.length === 1 ? 'the other component' : `the ${others.length} other components`;
  const unchanged: Finding[] = moved.length === 0 && others.length > 0 ? [{ ok: true, text: `${count} as ${atBaseText}` }] : [];
  return [bumped, ...moved, ...release, ...unchanged];
}
