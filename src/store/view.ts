import { allSteps, type AppConfig, type Component, type NoticeTemplate, type Playbook } from '../domain/config.js';
import { isHandoverStep, type GateRecord, type HotfixState, type NoticeRecord, type ReleaseState, type StepRecord } from '../domain/fold.js';
import { hotfixStream, releaseStream } from '../domain/events.js';
import { hotfixNoticeValues, releaseNoticeValues } from '../domain/notice-values.js';
import { noticeKey, noticePayload, renderNotice, type NoticePayload, type RenderedNotice } from '../domain/notices.js';
import { componentTag, patchFacts, releaseMakeup, releaseTagAnchors, type PatchFacts, type ReleaseMakeup } from '../domain/facts.js';
import { trackFix, type FixTracking } from '../domain/fix.js';
import { hotfixDeadline } from '../domain/hotfix.js';
import { evaluateLayer, type LayerEvaluation } from '../domain/layers.js';
import { evaluatePlaybook, stepTitles, type PhaseView, type PlaybookInput, type StepView } from '../domain/playbook.js';
import { anchorAfterGate, earlyTags, firstApprovalAt, patchTagSeen, releaseTagsSeen, type EarlyTag } from '../domain/early-tags.js';
import { freezeExceptions, freezeStart, type ExceptionPr, type FreezeStart, type ReleaseBranch } from '../domain/exceptions.js';
import { fillTemplate, parseVersion } from '../domain/version.js';
import { releaseVersions, type ReleaseVersions } from '../domain/manifest.js';
import { compatibilityMatrix, type CompatibilityMatrix } from '../domain/compatibility.js';
import { evaluateRcE2e, type RcE2eCheck } from '../domain/rc-e2e.js';
import type { StatusSnapshot } from '../domain/status.js';
import { repoStaleReason } from '../domain/snapshot.js';
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
  makeup?: ReleaseMakeup,
): PlaybookInput {
  const { steps, gates } = state;
  return {
    version,
    naming: config.naming,
    ...(makeup ? { makeup } : {}),
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
    tagsOf: (step) => releaseTagsSeen(step, releaseMakeupOf(config, release, snapshot), snapshot?.repos, config.naming),
  });
}

export function releasePhases(config: AppConfig, state: ReleaseState, snapshot: StatusSnapshot | null, now: EpochMs): PhaseView[] {
  const release = state.release ?? '';
  const makeup = releaseMakeupOf(config, release, snapshot);
  const tags = releaseTagAnchors(config.naming, makeup, snapshot?.repos);
  const gaTags = new Set(makeup.known ? makeup.components.map((c) => componentTag(config.naming, 'componentTag', c.version.target)) : []);
  // GA tags made before the gate are no GA day: the deadlines that hang on it wait for the approval.
  const early = releaseEarlyTags(config, state, snapshot).find((e) => gaTags.has(e.tag));
  const anchors = { ...state.milestones, ...tags, 'ga-tag': anchorAfterGate(tags['ga-tag'], early) };
  const input = playbookInput(config, config.playbooks.release, state, anchors, snapshot, now, release, state.plannedBy, makeup);
  const rcE2e = releaseRcE2e(config, release, snapshot);
  return evaluatePlaybook({ ...input, ...(rcE2e ? { rcE2e } : {}) });
}

/** The RC E2E run for the release's manifest (domain/rc-e2e); undefined for a release that is not X.Y.Z. */
export function releaseRcE2e(config: AppConfig, release: string, snapshot: StatusSnapshot | null): RcE2eCheck | undefined {
  const version = parseVersion(release);
  if (!version) return undefined;
  return evaluateRcE2e({
    spec: config.rcE2e,
    version,
    versions: releaseVersionsOf(config, release, snapshot),
    runs: snapshot?.rcE2eRuns,
    releaseRepo: snapshot?.repos?.find((r) => r.repo === config.github.releaseRepo),
  });
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

/**
 * The release's test layers, per component of the release: a component its manifest does not
 * name is not part of it. Until the manifest is read, every configured component counts (a gate
 * then asks of more components, never of fewer).
 */
export function layerEvaluations(config: AppConfig, release: string, snapshot: StatusSnapshot | null, now: EpochMs): LayerEvaluation[] {
  const components = releaseComponents(config, releaseMakeupOf(config, release, snapshot));
  return config.layers.map((layer) => evaluateLayer(layer, snapshot, components, now));
}

/** The components a release is made of: the ones its manifest names, or every configured one before it is known. */
export const releaseComponents = (config: AppConfig, makeup: ReleaseMakeup): readonly Component[] =>
  makeup.known ? makeup.components.map((c) => c.component) : config.components;

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
      ? releaseNoticeValues(
          config,
          notice.owner,
          data.releaseState.milestones,
          data.snapshot,
          data.now,
          releaseMakeupOf(config, notice.owner, data.snapshot),
        )
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
  return (stream) => (id) => byStream.get(stream)?.get(id) ?? (isHandoverStep(id) ? 'the hand-over' : id);
}

/** The release's components, each with the version it ships, or why those are not known yet (domain/facts). */
export const releaseMakeupOf = (config: AppConfig, release: string, snapshot: StatusSnapshot | null): ReleaseMakeup =>
  releaseMakeup(config.components, releaseVersionsOf(config, release, snapshot));

/** The release's manifest as the screens and `status` show it: the versions it names, and why they are not fresh. */
export interface ManifestView {
  readonly versions: ReleaseVersions;
  /** The release branch it is looked for on first. */
  readonly releaseBranch: string;
  /** GitHub failing, or its last answer leaving the release repository out: this is an earlier answer's. */
  readonly stale?: string;
}

export function manifestView(config: AppConfig, release: string, snapshot: StatusSnapshot | null): ManifestView {
  const version = parseVersion(release);
  const stale = repoStaleReason(snapshot, config.github.releaseRepo);
  return {
    versions: releaseVersionsOf(config, release, snapshot),
    releaseBranch: version ? fillTemplate(config.naming.releaseBranch, version) : '',
    ...(stale !== undefined ? { stale } : {}),
  };
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

/** The compatibility matrix: the manifest's component versions, and the partner platforms whose latest run passed. */
export function compatibilityMatrixOf(
  config: AppConfig,
  release: string,
  snapshot: StatusSnapshot | null,
  evaluations: readonly LayerEvaluation[],
): CompatibilityMatrix {
  const configured = config.components.map((c) => c.name);
  return compatibilityMatrix(release, configured, releaseVersionsOf(config, release, snapshot), evaluations);
}

/** Code freeze, as far as it has begun: since when, and every PR merged into a release branch since (domain/exceptions). */
export interface FreezeView {
  /** null: not frozen yet (the milestone is ahead and the code-freeze gate not approved). */
  readonly since: FreezeStart | null;
  readonly exceptions: readonly ExceptionPr[];
  /** Each component's release branch the exceptions are looked for on. */
  readonly branches: readonly ReleaseBranch[];
  /** Components whose release merges GitHub has not listed yet (no answer since the freeze began), or listed only in an earlier answer (stale). */
  readonly unlisted: readonly string[];
  readonly stale: readonly string[];
}

/**
 * Each component's release branch: its own version's, from the manifest; while the manifest is
 * not known, the release's own (release-X.Y) for every component, as before the manifest.
 */
function releaseBranches(config: AppConfig, release: string, snapshot: StatusSnapshot | null): ReleaseBranch[] {
  const versions = releaseVersionsOf(config, release, snapshot);
  const own = parseVersion(release);
  return config.components.flatMap((c) => {
    const version = versions.state === 'known' ? versions.components.find((v) => v.component === c.name)?.version : own;
    return version ? [{ component: c.name, repo: c.repo, branch: fillTemplate(config.naming.releaseBranch, version) }] : [];
  });
}

export function releaseFreeze(config: AppConfig, state: ReleaseState, snapshot: StatusSnapshot | null, now: EpochMs): FreezeView {
  const { release: playbook } = config.playbooks;
  const gate = allSteps(playbook).find((s) => s.freeze);
  const policy = { roles: config.roles, twoPersonRule: config.approvals.twoPersonRule, plannedBy: state.plannedBy };
  const approvedAt = gate ? firstApprovalAt(gate, state.gates[gate.id], policy) : undefined;
  const since = freezeStart(state.milestones['code-freeze'], approvedAt, now);
  const branches = releaseBranches(config, state.release ?? '', snapshot);
  const owners = config.roles['release-owner']?.approvers ?? [];
  const facts = (b: ReleaseBranch) => snapshot?.repos?.find((r) => r.repo === b.repo);
  return {
    since,
    branches,
    exceptions: since ? freezeExceptions(since, branches, snapshot?.repos, config.codeFreeze, owners) : [],
    unlisted: branches.filter((b) => !facts(b)?.releaseMerges).map((b) => b.component),
    stale: branches.filter((b) => facts(b)?.stale !== undefined).map((b) => b.component),
  };
}
