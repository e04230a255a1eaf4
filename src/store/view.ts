import type { AppConfig, NoticeTemplate, Playbook } from '../domain/config.js';
import type { GateRecord, HotfixState, NoticeRecord, ReleaseState, StepRecord } from '../domain/fold.js';
import { hotfixStream, releaseStream } from '../domain/events.js';
import { hotfixNoticeValues, releaseNoticeValues } from '../domain/notice-values.js';
import { noticeKey, noticePayload, renderNotice, type NoticePayload, type RenderedNotice } from '../domain/notices.js';
import { patchFacts, releaseTagAnchors, type PatchFacts } from '../domain/facts.js';
import { trackFix, type FixTracking } from '../domain/fix.js';
import { hotfixDeadline } from '../domain/hotfix.js';
import { evaluateLayer, type LayerEvaluation } from '../domain/layers.js';
import { evaluatePlaybook, stepTitles, type PhaseView, type PlaybookInput, type StepView } from '../domain/playbook.js';
import { anchorAfterGate, earlyTags, patchTagSeen, releaseTagsSeen, type EarlyTag } from '../domain/early-tags.js';
import { fillTemplate, parseVersion } from '../domain/version.js';
import { releaseVersions, type ReleaseVersions } from '../domain/manifest.js';
import type { StatusSnapshot } from '../domain/status.js';
import { addDuration, type EpochMs } from '../domain/time.js';

/**
 * Views the screens and the plain-text summary share, computed by the domain from store data.
 * The UI wraps them in useMemo; the headless printers call them directly.
 */

function playbookInput(
  config: AppConfig,
  playbook: Playbook,
  state: { readonly steps: Readonly<Record<string, StepRecord>>; readonly gates: Readonly<Record<string, GateRecord>> },
  anchors: Record<string, EpochMs | undefined>,
  snapshot: StatusSnapshot | null,
  now: EpochMs,
  version: string,
  plannedBy: string | null,
): PlaybookInput {
  const { steps, gates } = state;
  return {
    version,
    naming: config.naming,
    gates,
    policy: { roles: config.roles, twoPersonRule: config.approvals.twoPersonRule, plannedBy },
    playbook,
    steps,
    anchors,
    snapshot,
    layers: config.layers,
    components: config.components,
    calendar: config.hotfix,
    dueSoonMs: addDuration(0, config.cadence.dueSoon),
    sprintLength: config.cadence.sprintLength,
    now,
  };
}

/** GA tags made before the release gate was approved (domain/early-tags). */
export function releaseEarlyTags(config: AppConfig, state: ReleaseState, snapshot: StatusSnapshot | null): EarlyTag[] {
  const { release: playbook } = config.playbooks;
  const release = state.release ?? '';
  return earlyTags({
    playbook,
    gates: state.gates,
    policy: { roles: config.roles, twoPersonRule: config.approvals.twoPersonRule, plannedBy: state.plannedBy },
    titles: stepTitles(playbook, release),
    tagsOf: (step) => releaseTagsSeen(step, config.components, snapshot?.repos, config.naming, release),
  });
}

export function releasePhases(config: AppConfig, state: ReleaseState, snapshot: StatusSnapshot | null, now: EpochMs): PhaseView[] {
  const tags = releaseTagAnchors(config, state.release ?? '', snapshot?.repos);
  const version = parseVersion(state.release ?? '');
  const gaTag = version ? fillTemplate(config.naming.componentTag, version) : undefined;
  // GA tags made before the gate are no GA day: the deadlines that hang on it wait for the approval.
  const early = releaseEarlyTags(config, state, snapshot).find((e) => e.tag === gaTag);
  const anchors = { ...state.milestones, ...tags, 'ga-tag': anchorAfterGate(tags['ga-tag'], early) };
  return evaluatePlaybook(
    playbookInput(config, config.playbooks.release, state, anchors, snapshot, now, state.release ?? '', state.plannedBy),
  );
}

/** What live data says of a hotfix: its fix PRs on both branches, and its patch tag and image. */
export interface HotfixLive {
  readonly fix: FixTracking | null;
  readonly patch: PatchFacts | null;
}

export function hotfixLive(config: AppConfig, hotfix: HotfixState, snapshot: StatusSnapshot | null): HotfixLive {
  return { fix: trackFix(config, hotfix, snapshot?.repos), patch: patchFacts(config, hotfix, snapshot) };
}

/** A hotfix's patch tag made before its QE gate was approved (domain/early-tags). */
export function hotfixEarlyTags(config: AppConfig, hotfix: HotfixState, live: HotfixLive): EarlyTag[] {
  const { hotfix: playbook } = config.playbooks;
  return earlyTags({
    playbook,
    gates: hotfix.gates,
    policy: { roles: config.roles, twoPersonRule: config.approvals.twoPersonRule, plannedBy: hotfix.openedBy },
    titles: stepTitles(playbook, hotfix.affects),
    tagsOf: (step) => patchTagSeen(step, live.patch, hotfix.component),
  });
}

export function hotfixPhases(
  config: AppConfig,
  hotfix: HotfixState,
  snapshot: StatusSnapshot | null,
  now: EpochMs,
  live: HotfixLive = hotfixLive(config, hotfix, snapshot),
): PhaseView[] {
  const patchTag = anchorAfterGate(live.patch?.taggedAt, hotfixEarlyTags(config, hotfix, live)[0]);
  const anchors = { reported: hotfix.reportedAt, sla: hotfixDeadline(hotfix, config), 'patch-tag': patchTag };
  const input = playbookInput(config, config.playbooks.hotfix, hotfix, anchors, snapshot, now, hotfix.affects, hotfix.openedBy);
  return evaluatePlaybook({ ...input, fix: live.fix, fixKey: hotfix.key, patch: live.patch });
}

export function layerEvaluations(config: AppConfig, snapshot: StatusSnapshot | null, now: EpochMs): LayerEvaluation[] {
  return config.layers.map((layer) => evaluateLayer(layer, snapshot, config.components, now));
}

/** A hotfix's notices carry what live data says of it (its fix PRs, its patch), as its runbook was evaluated with. */
export type NoticeSubject =
  { readonly kind: 'release' } | { readonly kind: 'hotfix'; readonly hotfix: HotfixState; readonly live: HotfixLive };

export interface NoticeView {
  /** The release or hotfix key the notice belongs to. */
  readonly owner: string;
  readonly subject: NoticeSubject;
  readonly view: StepView;
  readonly template: NoticeTemplate;
  /** Stable across restarts and machines: what the message metadata carries in Slack. */
  readonly key: string;
  readonly record?: NoticeRecord;
}

/** Notice steps of the release and of the given hotfixes, earliest deadline first. */
export function noticeViews(
  config: AppConfig,
  release: { readonly name: string; readonly state: ReleaseState; readonly phases: readonly PhaseView[] },
  hotfixes: ReadonlyArray<{ readonly hotfix: HotfixState; readonly phases: readonly PhaseView[]; readonly live: HotfixLive }>,
): NoticeView[] {
  const notices = (owner: string, subject: NoticeSubject, of: readonly PhaseView[], records: Readonly<Record<string, NoticeRecord>>) =>
    of
      .flatMap((p) => p.steps)
      .flatMap((view): NoticeView[] => {
        const template = config.slack.notices.find((t) => t.kind === view.step.notice);
        if (view.step.kind !== 'notice' || !template) return [];
        const record = records[view.step.id];
        return [{ owner, subject, view, template, key: noticeKey(owner, template.kind), ...(record ? { record } : {}) }];
      });
  return [
    ...notices(release.name, { kind: 'release' }, release.phases, release.state.notices),
    ...hotfixes.flatMap((h) => notices(h.hotfix.key, { kind: 'hotfix', hotfix: h.hotfix, live: h.live }, h.phases, h.hotfix.notices)),
  ].sort((a, b) => (a.view.dueAt ?? Infinity) - (b.view.dueAt ?? Infinity));
}

/** Exactly what would be posted for a notice now: its blocks and fallback, and the chat.postMessage payload. */
export function noticeContent(
  config: AppConfig,
  notice: NoticeView,
  data: { readonly releaseState: ReleaseState; readonly snapshot: StatusSnapshot | null; readonly now: EpochMs },
  /** The free-text fields as they will be sent (NoticeActions.fieldsOf: edits, then the last send, then defaults). */
  fields: Readonly<Record<string, string>>,
): { readonly rendered: RenderedNotice; readonly payload: NoticePayload } {
  const values =
    notice.subject.kind === 'release'
      ? releaseNoticeValues(config, notice.owner, data.releaseState.milestones, data.snapshot, data.now)
      : hotfixNoticeValues(config, notice.subject.hotfix, hotfixDeadline(notice.subject.hotfix, config), notice.subject.live);
  const rendered = renderNotice(notice.template, values, fields);
  return { rendered, payload: noticePayload(rendered, notice.template.channel, notice.key) };
}

export type NoticeState = 'sent' | 'done-by-hand' | 'failed' | 'unconfirmed' | 'blocked' | 'ready' | 'due' | 'overdue';

/** A notice's state in one word, the same on screen and in JSON. */
export function noticeState(notice: NoticeView, error?: string): NoticeState {
  if (notice.record?.sent) return 'sent';
  if (notice.view.state === 'done') return 'done-by-hand';
  if (error) return 'failed';
  if (notice.record?.intendedAt !== undefined) return 'unconfirmed';
  if (notice.view.state === 'blocked') return 'blocked';
  return notice.view.timing === 'none' || notice.view.timing === 'scheduled' ? 'ready' : notice.view.timing;
}

export const flatSteps = (phases: readonly PhaseView[]): StepView[] => phases.flatMap((p) => p.steps);

/** The Status screen's `/` filter: a layer matches by its name, id, gate, verdict, or any cell's component or state. */
export function matchesFilter(evaluation: LayerEvaluation, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  const haystack = [
    evaluation.layer.name,
    evaluation.layer.id,
    evaluation.layer.gate,
    evaluation.verdict,
    ...evaluation.cells.flatMap((c) => [c.component ?? 'release', c.state]),
  ];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

/** Each step's title as its stream's checklist shows it: the release's, or a hotfix's (its affected release filled in). */
export function streamStepTitles(
  config: AppConfig,
  release: string,
  hotfixes: readonly HotfixState[],
): (stream: string) => (id: string) => string {
  const byStream = new Map([
    [releaseStream(release), stepTitles(config.playbooks.release, release)],
    ...hotfixes.map((h) => [hotfixStream(h.key), stepTitles(config.playbooks.hotfix, h.affects)] as const),
  ]);
  return (stream) => (id) => byStream.get(stream)?.get(id) ?? id;
}

/** The component versions this release is made of, from the release repository's manifest (domain/manifest). */
export function releaseVersionsOf(config: AppConfig, release: string, snapshot: StatusSnapshot | null): ReleaseVersions {
  const version = parseVersion(release);
  if (!version) return { state: 'unknown', why: `the release ${release || '(none)'} is not an X.Y.Z version` };
  const releaseRepo = snapshot?.repos?.find((r) => r.repo === config.github.releaseRepo);
  return releaseVersions(
    config.components.map((c) => c.name),
    release,
    fillTemplate(config.naming.releaseBranch, version),
    releaseRepo?.manifest,
  );
}
