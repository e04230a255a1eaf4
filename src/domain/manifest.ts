import { parseVersion, type Version } from './version.js';

/**
 * RELEASE_MANIFEST.yaml of the release repository: the record of which component versions make
 * "HyperFleet Release X.Y" (`release: "0.4"`, `e2e_ref`, `components.<name>: vX.Y.Z[-rcN]`).
 * The source parses the file (YAML and a schema) into this once; the domain trusts it.
 */
export interface ReleaseManifest {
  /** "0.4": the HyperFleet release this combination is. */
  readonly release: string;
  /** The hyperfleet-e2e ref the RC E2E job runs its tests from. */
  readonly e2eRef: string;
  /** Component name → version as written ("v1.5.0", "v1.5.0-rc2"). */
  readonly components: Readonly<Record<string, string>>;
}

/** The manifest as read from one branch: found, not there (no branch or no file), or not parseable. */
export type ManifestRead =
  | { readonly state: 'found'; readonly manifest: ReleaseManifest; readonly commit?: string }
  | { readonly state: 'absent'; readonly why: string }
  | { readonly state: 'invalid'; readonly problem: string };

/** The manifest on `main` and on the release branch, read in the same request. */
export interface ManifestFacts {
  readonly main?: ManifestRead;
  readonly release?: ManifestRead;
  /** At other refs, by fully qualified name (`refs/heads/release-0.3`, `refs/tags/release-0.3.1`): an open hotfix's. */
  readonly byRef?: Readonly<Record<string, ManifestRead>>;
}

/** One component's version in this release, as the manifest names it. */
export interface ComponentVersion {
  readonly component: string;
  /** As written in the manifest: "v1.5.0-rc2". */
  readonly text: string;
  readonly version: Version;
}

export type ReleaseVersions =
  | {
      readonly state: 'known';
      /** The branch whose manifest this is ("release-0.4", or "main" before the branch has one). */
      readonly branch: string;
      readonly manifest: ReleaseManifest;
      /** The configured components the manifest names, in configuration order: the release. */
      readonly components: readonly ComponentVersion[];
      /** Configured components the manifest does not name: not part of this release. */
      readonly unlisted: readonly string[];
      /** Entries the manifest names that are not X.Y.Z versions: "hyperfleet-api: latest". */
      readonly unparsed: ReadonlyArray<{ readonly component: string; readonly text: string }>;
    }
  | { readonly state: 'unknown'; readonly why: string };

/** "0.4" for v0.4.0: how the manifest's `release` field names a release. */
export const manifestRelease = (release: Version): string => `${release.major}.${release.minor}`;

function describeRead(read: ManifestRead | undefined, branch: string, wanted: string): string {
  if (!read) return `RELEASE_MANIFEST.yaml on ${branch} has not been read yet`;
  if (read.state === 'absent') return `no RELEASE_MANIFEST.yaml on ${branch} (${read.why})`;
  if (read.state === 'invalid') return `RELEASE_MANIFEST.yaml on ${branch} is not valid: ${read.problem}`;
  return `RELEASE_MANIFEST.yaml on ${branch} is for release ${read.manifest.release}, not ${wanted}`;
}

/**
 * Which component versions make the release: the manifest on the release branch, or the one on
 * main while its `release` is this one (before the branch exists). A manifest for another release,
 * one that does not parse, or none at all leaves the versions unknown, and says why.
 */
export function releaseVersions(
  configured: readonly string[],
  release: string,
  releaseBranch: string,
  facts: ManifestFacts | undefined,
): ReleaseVersions {
  const version = parseVersion(release);
  if (!version) return { state: 'unknown', why: `the release ${release} is not an X.Y.Z version` };
  const wanted = manifestRelease(version);
  const candidates: Array<[string, ManifestRead | undefined]> = [
    [releaseBranch, facts?.release],
    ['main', facts?.main],
  ];
  // A release branch whose manifest is broken must not fall back to main's: that is another state.
  if (facts?.release?.state === 'invalid') return { state: 'unknown', why: describeRead(facts.release, releaseBranch, wanted) };
  for (const [branch, read] of candidates) {
    if (read?.state !== 'found' || read.manifest.release !== wanted) continue;
    const components: ComponentVersion[] = [];
    const unparsed: Array<{ component: string; text: string }> = [];
    for (const name of configured) {
      const text = read.manifest.components[name];
      if (text === undefined) continue;
      const parsed = parseVersion(text);
      if (parsed) components.push({ component: name, text, version: parsed });
      else unparsed.push({ component: name, text });
    }
    const unlisted = configured.filter((name) => read.manifest.components[name] === undefined);
    return { state: 'known', branch, manifest: read.manifest, components, unlisted, unparsed };
  }
  return {
    state: 'unknown',
    why: `${describeRead(facts?.release, releaseBranch, wanted)}; ${describeRead(facts?.main, 'main', wanted)}`,
  };
}

/** The GA version an RC version leads to: v1.5.0-rc2 → v1.5.0. */
export const gaVersion = (version: Version): Version => ({ ...version, rc: null });

/** A version as a git tag names it: "v1.5.0", "v1.5.0-rc2". */
export const versionText = (version: Version): string =>
  `v${version.major}.${version.minor}.${version.patch}${version.rc === null ? '' : `-rc${version.rc}`}`;

/** Where a component's manifest entry stands: in development (v1.5.0-dev), a release candidate, or GA. */
export type ComponentStage = 'dev' | 'rc' | 'ga';

/** A component of the release and the X.Y.Z it ships, from its manifest entry whatever its stage. */
export interface ComponentTarget {
  readonly component: string;
  /** As written in the manifest: "v1.5.0-dev", "v1.5.0-rc2", "v1.5.0". */
  readonly text: string;
  /** The version it ships: v1.5.0 for each of the above. Its tags, images and charts are named from it. */
  readonly target: Version;
  readonly stage: ComponentStage;
  /** The RC the manifest names, for stage `rc`. */
  readonly rc?: number;
}

/** "v1.5.0-dev": the version main's manifest (and a branch cut from it) names before the first RC. */
const DEV_VERSION = /^(v?\d+\.\d+\.\d+)-dev$/;

/**
 * Each configured component the manifest names, with the version it ships, in configuration
 * order; an entry that is neither X.Y.Z, an RC of it, nor its -dev is left in `notVersions`.
 */
export function componentTargets(
  configured: readonly string[],
  versions: Extract<ReleaseVersions, { state: 'known' }>,
): { readonly targets: ComponentTarget[]; readonly notVersions: ReadonlyArray<{ readonly component: string; readonly text: string }> } {
  const parsed = new Map(versions.components.map((c) => [c.component, c]));
  const targets: ComponentTarget[] = [];
  const notVersions: Array<{ component: string; text: string }> = [];
  const unparsed = new Map(versions.unparsed.map((u) => [u.component, u.text]));
  for (const name of configured) {
    const known = parsed.get(name);
    const text = known?.text ?? unparsed.get(name);
    if (text === undefined) continue;
    const dev = DEV_VERSION.exec(text.trim());
    const version = known?.version ?? (dev ? parseVersion(dev[1]!) : null);
    if (!version) notVersions.push({ component: name, text });
    else if (dev) targets.push({ component: name, text, target: version, stage: 'dev' });
    else if (version.rc === null) targets.push({ component: name, text, target: version, stage: 'ga' });
    else targets.push({ component: name, text, target: gaVersion(version), stage: 'rc', rc: version.rc });
  }
  return { targets, notVersions };
}
