import type { AppConfig, Milestone } from './config.js';
import {
  artifactReference,
  artifactTargets,
  componentTag,
  newestRc,
  type PatchFacts,
  type ReleaseComponent,
  type ReleaseMakeup,
} from './facts.js';
import { fixPullRequests, type FixTracking } from './fix.js';
import type { HotfixState } from './fold.js';
import { evaluateLayer } from './layers.js';
import { link, mrkdwn, type Mrkdwn, type NoticeValue } from './notices.js';
import type { StatusSnapshot } from './status.js';
import { formatUtc, type EpochMs } from './time.js';
import { HOTFIX_KIND_TITLE, hotfixKind } from './hotfix.js';
import { fillTemplate, nextPatch, parseVersion, releaseTitle, type Version } from './version.js';

/** The values a notice template may use: `{name}` in its text. The config loader checks them. */
export const RELEASE_NOTICE_VALUES = [
  'title',
  'release',
  'version',
  'rcTag',
  'branch',
  'ga',
  'channel',
  'notes',
  'more',
  'components',
  'rcComponents',
  'images',
  'tested',
] as const;
export const HOTFIX_NOTICE_VALUES = [
  'key',
  'kind',
  'severity',
  'component',
  'summary',
  'affects',
  'patch',
  'image',
  'reported',
  'deadline',
  'channel',
  'notes',
  'more',
  'prs',
  'digest',
] as const;

type Config = Pick<AppConfig, 'github' | 'components' | 'naming' | 'slack' | 'layers'> & {
  readonly hotfix: Pick<AppConfig['hotfix'], 'emergency'>;
};

const repoUrl = (config: Config, repo: string): string => `${config.github.web}/${config.github.org}/${repo}`;

/** The release notes in the release repository: the X.Y notes, or (`template`) a patch's own. */
function notesLink(config: Config, version: Version, template = config.naming.releaseNotes): Mrkdwn {
  const path = fillTemplate(template, version);
  const branch = fillTemplate(config.naming.releaseBranch, version);
  return link(`${repoUrl(config, config.github.releaseRepo)}/blob/${branch}/${path}`, path);
}

/** A component's newest RC tag of the version it ships ("v1.5.0-rc2"), or rc1 before any. */
function latestRc(config: Config, { component, version }: ReleaseComponent, snapshot: StatusSnapshot | null): string {
  const tags = snapshot?.repos?.find((r) => r.repo === component.repo)?.tags ?? [];
  return componentTag(config.naming, 'rcTag', version.target, Math.max(1, newestRc(config.naming, version.target, tags)));
}

/** "• *hyperfleet-api* v1.5.0": each component of the release with its own tag, linked to its release page. */
function componentLines(config: Config, makeup: ReleaseMakeup, tagOf: (component: ReleaseComponent) => string): Mrkdwn[] {
  if (!makeup.known) return [mrkdwn(`component versions not known yet: ${makeup.why}`)];
  return makeup.components.map((c) => {
    const tag = tagOf(c);
    const release = link(`${repoUrl(config, c.component.repo)}/releases/tag/${tag}`, tag);
    return { mrkdwn: `• *${mrkdwn(c.component.name).mrkdwn}* ${release.mrkdwn}` };
  });
}

export function releaseNoticeValues(
  config: Config,
  release: string,
  milestones: Partial<Record<Milestone, EpochMs>>,
  snapshot: StatusSnapshot | null,
  now: EpochMs,
  /** The release's components and the version each ships (its manifest). */
  makeup: ReleaseMakeup,
): Record<string, NoticeValue> {
  const version = parseVersion(release);
  if (!version) return { title: releaseTitle(release), release, channel: config.slack.channel };
  const listed = makeup.known ? makeup.components : [];
  const gaTag = (c: ReleaseComponent) => componentTag(config.naming, 'componentTag', c.version.target);
  // Each component has its own RC: "hyperfleet-api v1.5.0-rc2, hyperfleet-sentinel v1.4.2-rc1".
  const rcTag = makeup.known
    ? listed.map((c) => `${c.component.name} ${latestRc(config, c, snapshot)}`).join(', ')
    : 'not known yet (no component versions)';
  const notes = notesLink(config, version);
  const tested = config.layers
    .filter((l) => l.scope === 'release' && l.owner !== 'HyperFleet')
    .map((layer) => {
      const evaluation = evaluateLayer(layer, snapshot, config.components, now);
      const cell = evaluation.cells[0];
      const state = cell?.state ?? 'missing';
      const shown = cell?.url ? link(cell.url, state).mrkdwn : mrkdwn(state).mrkdwn;
      return { mrkdwn: `• ${mrkdwn(layer.name).mrkdwn} (${layer.gate}): ${shown}` };
    });
  return {
    title: releaseTitle(release),
    release,
    version: `${version.major}.${version.minor}.${version.patch}`,
    rcTag,
    branch: fillTemplate(config.naming.releaseBranch, version),
    ga: milestones.ga === undefined ? 'not planned yet' : formatUtc(milestones.ga),
    channel: config.slack.channel,
    notes,
    more: notes,
    components: componentLines(config, makeup, gaTag),
    rcComponents: componentLines(config, makeup, (c) => latestRc(config, c, snapshot)),
    images: makeup.known
      ? artifactTargets(config, makeup)
          .filter((t) => t.kind === 'image')
          .map((t) => ({ mrkdwn: `• \`${mrkdwn(artifactReference(t)).mrkdwn}\`` }))
      : [mrkdwn(`not known yet: ${makeup.why}`)],
    tested,
  };
}

/** "• main: #212 fix: re-establish the watch (merged, 1a2b3c4)": each fix PR, its branch, state and commit. */
function pullRequestLines(fix: FixTracking | null): Mrkdwn[] {
  const prs = fixPullRequests(fix);
  if (prs.length === 0) return [mrkdwn('no fix PR found yet')];
  return prs.map((pr) => {
    const commit = pr.commit ? `, ${mrkdwn(pr.commit.slice(0, 7)).mrkdwn}` : '';
    return { mrkdwn: `• ${mrkdwn(pr.base).mrkdwn}: ${link(pr.url, `#${pr.number} ${pr.title}`).mrkdwn} (${pr.state}${commit})` };
  });
}

export function hotfixNoticeValues(
  config: Config,
  hotfix: HotfixState,
  deadline: EpochMs,
  /** Its fix PRs and patch facts (null when it names no known component and X.Y.Z release). */
  live: { readonly fix: FixTracking | null; readonly patch: PatchFacts | null },
): Record<string, NoticeValue> {
  const version = parseVersion(hotfix.affects);
  const patch = live.patch?.tag ?? `${hotfix.affects} + 1`;
  const image = live.patch ? artifactReference(live.patch.image) : '—';
  // A patch release has notes of its own beside the X.Y ones (RELEASE/RELEASE-NOTES-v0.2.1.md).
  const notes = version ? notesLink(config, nextPatch(version), config.naming.patchReleaseNotes) : mrkdwn('the release notes');
  return {
    key: hotfix.key,
    kind: HOTFIX_KIND_TITLE[hotfixKind(hotfix.severity, config.hotfix)],
    severity: hotfix.severity,
    component: hotfix.component,
    summary: hotfix.summary,
    affects: hotfix.affects,
    patch,
    image,
    reported: formatUtc(hotfix.reportedAt),
    deadline: formatUtc(deadline),
    channel: config.slack.channel,
    notes,
    more: notes,
    prs: pullRequestLines(live.fix),
    digest: live.patch?.imageFound?.digest ?? 'not built yet',
  };
}
