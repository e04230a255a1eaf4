import { artifactReference, type PatchFacts } from './facts.js';
import { fixPullRequests, type FixTracking } from './fix.js';
import type { HotfixState, StepRecord } from './fold.js';
import { mdCell, mdLink, mdText } from './markdown.js';
import { formatUtc, type EpochMs } from './time.js';

/**
 * The QE handoff package: the "clear articulation of the PR handed to QE for scoped validation"
 * the hotfix epic asks for. What to test and what not to are typed by the release manager (the
 * qe-handoff notice's fields); everything else comes from the journal and live data.
 */
export interface HandoffInput {
  readonly hotfix: HotfixState;
  readonly deadline: EpochMs;
  readonly fix: FixTracking | null;
  readonly patch: PatchFacts | null;
  /** `changed`, `test`, `skip`: free text, as edited. */
  readonly fields: Readonly<Record<string, string>>;
  /** The scope attestation ("patch to existing function only"), when given. */
  readonly attestation?: StepRecord;
  readonly generatedAt: EpochMs;
}

/** A multi-line field as Markdown paragraphs: each line kept, its Markdown escaped. */
const paragraph = (text: string, empty: string): string[] => {
  const lines = text.split(/\r?\n/).map(mdText).filter(Boolean);
  return lines.length > 0 ? lines : [`_${empty}_`];
};

export function handoffMarkdown(input: HandoffInput): string {
  const { hotfix, fix, patch, fields } = input;
  const prs = fixPullRequests(fix);
  const image = patch ? artifactReference(patch.image) : null;
  const built = patch?.imageFound;
  const imageLine = !image
    ? 'unknown (the hotfix names no known component and X.Y.Z release)'
    : `\`${mdText(image)}\` — ${built?.exists ? `digest \`${mdText(built.digest ?? 'not reported')}\`` : 'not in the registry yet'}`;
  const attested = input.attestation
    ? `Attested by @${mdText(input.attestation.by)} at ${formatUtc(input.attestation.at)}${input.attestation.note ? `: ${mdText(input.attestation.note)}` : ''}.`
    : '**Not attested yet.**';
  return [
    `# QE handoff: ${mdText(hotfix.key)} (${hotfix.severity})`,
    '',
    `- **Component:** ${mdText(hotfix.component)}, affected release ${mdText(hotfix.affects)}, patch ${mdText(patch?.tag ?? 'unknown')}`,
    `- **Summary:** ${mdText(hotfix.summary)}`,
    `- **Reported:** ${formatUtc(hotfix.reportedAt)}; **patch due:** ${formatUtc(input.deadline)}`,
    `- **Patch tag:** ${patch ? `${mdText(patch.tag)} (${patch.tagExists ? 'tagged' : 'not tagged yet'})` : 'unknown'}`,
    `- **Image:** ${imageLine}`,
    '',
    '## Pull requests',
    '',
    ...(prs.length === 0
      ? ['_No PR names this hotfix yet (title, branch or label)._']
      : [
          '| Branch | PR | State | CI | Review | Commit |',
          '| --- | --- | --- | --- | --- | --- |',
          ...prs.map(
            (pr) =>
              `| ${mdCell(pr.base)} | ${mdLink(`#${pr.number} ${pr.title}`, pr.url)} | ${pr.state} | ${pr.ci} | ${pr.review} | ${pr.commit ? `\`${mdText(pr.commit)}\`` : '—'} |`,
          ),
        ]),
    '',
    '## What changed',
    '',
    ...paragraph(fields.changed ?? '', 'not described'),
    '',
    '## What to test',
    '',
    ...paragraph(fields.test ?? '', 'not described: ask the release manager before starting'),
    '',
    '## What not to test',
    '',
    ...paragraph(fields.skip ?? '', 'not described'),
    '',
    '## Scope',
    '',
    `A hotfix is a patch to existing function, never a new feature. ${attested}`,
    ...(fix?.scope ?? []).map((flag) => `- ⚠ #${flag.pr.number} ${mdText(flag.reason)}`),
    '',
    `_Generated ${formatUtc(input.generatedAt)} by hyperfleet-tui._`,
    '',
  ].join('\n');
}
