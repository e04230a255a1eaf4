/** A component or release version: v0.4.0, v0.4.0-rc1 or v0.4.0-rc.1. */
export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly rc: number | null;
}

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:-rc\.?(\d+))?$/;

export function parseVersion(text: string): Version | null {
  const m = VERSION.exec(text.trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), rc: m[4] === undefined ? null : Number(m[4]) };
}

/** The patch a hotfix ships: vX.Y.(Z+1) of the affected release, never an RC. */
export function nextPatch(version: Version): Version {
  return { ...version, patch: version.patch + 1, rc: null };
}

/** "HyperFleet Release 0.4" for v0.4.0 and its patches. */
export function releaseTitle(version: string): string {
  const v = parseVersion(version);
  return v ? `HyperFleet Release ${v.major}.${v.minor}` : `HyperFleet ${version}`;
}

/** Fills a naming template ("release-{major}.{minor}", "v{version}-rc{n}") for a version. */
export function fillTemplate(template: string, version: Version, n?: number): string {
  const values: Record<string, string> = {
    version: `${version.major}.${version.minor}.${version.patch}`,
    major: String(version.major),
    minor: String(version.minor),
    patch: String(version.patch),
    n: n === undefined ? '{n}' : String(n),
  };
  return template.replace(/\{(version|major|minor|patch|n)\}/g, (_, key: string) => values[key]!);
}

/**
 * Playbook text says "release-X.Y", "vX.Y.Z-rc1" or "vX.Y.(Z+1)"; for a known version the
 * checklist shows the real names ("release-0.4", "v0.4.0-rc1", "v0.3.2").
 */
export function personalise(text: string, version: string | undefined): string {
  const v = version ? parseVersion(version) : null;
  if (!v) return text;
  return text
    .replace(/X\.Y\.\(Z\+1\)/g, `${v.major}.${v.minor}.${v.patch + 1}`)
    .replace(/X\.Y\.Z/g, `${v.major}.${v.minor}.${v.patch}`)
    .replace(/X\.Y/g, `${v.major}.${v.minor}`);
}
