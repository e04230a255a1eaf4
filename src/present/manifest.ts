import { oneLine } from '../domain/sanitize.js';
import type { ManifestView } from '../store/view.js';
import type { Tone } from './looks.js';

/** A part of the manifest's line, with its tone. */
export interface ManifestPart {
  readonly text: string;
  readonly tone: Tone;
}

const short = (component: string): string => component.replace(/^hyperfleet-/, '');

/**
 * "Manifest (release-0.4): api v1.5.0-rc1 · sentinel v1.4.2 · adapter v2.0.0-rc1", or why the
 * versions are not known (no manifest, one for another release, one that does not parse), with
 * a stale mark when it is from an earlier answer of GitHub's. The Status screen and `status`
 * say it the same way.
 */
export function manifestParts(view: ManifestView): ManifestPart[] {
  const stale: ManifestPart[] = view.stale !== undefined ? [{ text: ` * stale: ${oneLine(view.stale)}`, tone: 'muted' }] : [];
  const { versions } = view;
  if (versions.state === 'unknown') {
    // The branch whose manifest does not parse first: that is what someone has to fix.
    const reads = versions.why.split('; ').sort((a, b) => Number(b.includes('is not valid')) - Number(a.includes('is not valid')));
    const invalid = reads[0]!.includes('is not valid');
    return [
      { text: `Manifest: ${invalid ? '✗ invalid' : '… not known'}: ${oneLine(reads.join('; '))}`, tone: invalid ? 'bad' : 'warn' },
      ...stale,
    ];
  }
  const entries = [
    ...versions.components.map((c): ManifestPart => ({ text: `${short(c.component)} ${oneLine(c.text)}`, tone: 'info' })),
    ...versions.unparsed.map((u): ManifestPart => ({ text: `${short(u.component)} "${oneLine(u.text)}" (not a version)`, tone: 'bad' })),
  ];
  const from = versions.branch === view.releaseBranch ? versions.branch : `${versions.branch}, none on ${view.releaseBranch} yet`;
  return [
    { text: `Manifest (${oneLine(from)}):`, tone: 'muted' },
    ...entries.map((e, i) => ({ ...e, text: `${i === 0 ? ' ' : ' · '}${e.text}` })),
    ...(versions.unlisted.length
      ? [{ text: `; not in this release: ${versions.unlisted.map(short).join(', ')}`, tone: 'muted' as const }]
      : []),
    ...stale,
  ];
}

/** The same, as one line of plain text. */
export const manifestText = (view: ManifestView): string =>
  manifestParts(view)
    .map((p) => p.text)
    .join('');
