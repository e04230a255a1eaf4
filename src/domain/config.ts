import type { ArtifactKind } from './status.js';
import type { Duration, WorkCalendar } from './time.js';
import type { DisplayZone } from './display-time.js';

/** Typed configuration, produced once by the config loader; the domain trusts it. */
export interface AppConfig {
  /** `web` is where people browse (https://github.com, or a GitHub Enterprise host). */
  readonly github: { readonly org: string; readonly releaseRepo: string; readonly web: string };
  readonly prow: { readonly url: string };
  /** The shared ledger: a branch of a repository of `github.org`; without it, the journal is this machine's only. */
  readonly ledger?: { readonly repo: string; readonly branch: string };
  /** How the person reads times (`--tz` and TZ come after it); the release's calendar is `hotfix.timeZone`. */
  readonly display?: { readonly timeZone?: DisplayZone };
  /** The RC E2E job the release repository's rc tag starts, and how its runs name the versions they test. */
  readonly rcE2e: RcE2eSpec;
  readonly components: readonly Component[];
  readonly supportRepos: readonly string[];
  readonly naming: Naming;
  readonly layers: readonly LayerSpec[];
  readonly status: { readonly refreshEvery: Duration };
  readonly slack: { readonly channel: string; readonly notices: readonly NoticeTemplate[] };
  readonly roles: Readonly<Record<string, Role>>;
  readonly approvals: { readonly twoPersonRule: boolean };
  /** What a pull request merged into a release branch after code freeze must carry (domain/exceptions). */
  readonly codeFreeze: CodeFreezePolicy;
  readonly cadence: { readonly sprintLength: Duration; readonly dueSoon: Duration };
  /** Patch SLAs, and the calendar working days are counted on (its zone, weekends and holidays). */
  readonly hotfix: HotfixPolicy;
  readonly playbooks: { readonly release: Playbook; readonly hotfix: Playbook };
}

export interface HotfixPolicy extends WorkCalendar {
  /** The severities that take the emergency runbook; any other is a scheduled patch release. */
  readonly emergency: readonly Severity[];
  /** The deadline from the report: an emergency hotfix's SLA, or a scheduled patch release's. */
  readonly sla: Readonly<Record<Severity, Duration>>;
  readonly timeZone: string;
  /** The scope guard: a fix PR touching more files, or labelled as a feature, needs a second look. */
  readonly scope: { readonly maxFiles: number; readonly featureLabels: readonly string[] };
}

export interface CodeFreezePolicy {
  /** Approving reviews each post-freeze PR needs: the release process says 2 (a reviewer and the Release Owner). */
  readonly minApprovals: number;
  /** Headings of the description's section that justifies the PR, and of its risk assessment (any level, any case). */
  readonly justificationHeadings: readonly string[];
  readonly riskHeadings: readonly string[];
}

export interface Component {
  readonly name: string;
  readonly repo: string;
  readonly image: string;
  readonly chart: string;
}

/** Templates with {version}, {n}, {major}, {minor}, {patch} placeholders. */
export interface Naming {
  readonly componentTag: string;
  readonly rcTag: string;
  readonly releaseBranch: string;
  readonly releaseTag: string;
  readonly patchReleaseTag: string;
  readonly imageTag: string;
  /** The image a release candidate's tag builds ("{version}-rc{n}"). */
  readonly rcImageTag: string;
  readonly releaseNotes: string;
  /** A patch release's own notes (RELEASE/RELEASE-NOTES-vX.Y.Z.md), filled with the patch version. */
  readonly patchReleaseNotes: string;
}

export type LayerSource =
  | { readonly kind: 'commit-status'; readonly context: string }
  | {
      readonly kind: 'prow-job';
      readonly job: string;
      /**
       * The job that runs on the release branch ("…-release-{major}.{minor}-e2e-tier0-candidate"):
       * once `branchRepo` has the release branch, the layer reads it instead of `job`.
       */
      readonly releaseJob?: { readonly job: string; readonly branchRepo: string };
    }
  | { readonly kind: 'none'; readonly note: string };

export interface LayerSpec {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  /** `component`: one result per component repository; `release`: one for the whole release. */
  readonly scope: 'component' | 'release';
  /** Advisory layers are shown but never block a gate (the contract's TBD layers). */
  readonly gate: 'mandatory' | 'advisory';
  readonly maxAge: Duration;
  readonly source: LayerSource;
  /**
   * For a partner integration: the platform and version its job runs on ("ROSA, OpenShift 4.17").
   * Prow's job list does not say it, and a partner job is pinned to one, so it is configuration;
   * the compatibility matrix lists it as tested only when the layer's latest run passed.
   */
  readonly platform?: string;
}

/**
 * The RC E2E run: tagging the release repository (`tag`) runs its workflow (`workflow`), which
 * checks the images and starts `job` through Gangway with each component's image tag and the
 * e2e ref as `MULTISTAGE_PARAM_OVERRIDE_*` variables read from the manifest.
 */
export interface RcE2eSpec {
  readonly job: string;
  /** Component name → the variable that carries its image tag (the manifest's version without `v`). */
  readonly imageTags: Readonly<Record<string, string>>;
  /** The variable that carries the manifest's `e2e_ref`. */
  readonly e2eRef: string;
  /** The release repository's tag that runs the workflow: "release-{major}.{minor}-rc{n}". */
  readonly tag: string;
  /** The workflow's name, which its check suite on the tag's commit carries. */
  readonly workflow: string;
}

export interface Role {
  readonly title: string;
  /** GitHub logins. Identity always comes from the token's viewer login, never a local name. */
  readonly approvers: readonly string[];
}

export const SEVERITIES = ['Blocker', 'Critical', 'Major'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STEP_KINDS = ['task', 'check', 'gate', 'notice'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export interface DueSpec {
  /**
   * Named anchors (a milestone, a tag's time, "reported", "sla") or "step:<id>"; the first one
   * that is known counts, so "the RC tag, or the planned feature freeze before it exists" works.
   */
  readonly at: readonly string[];
  readonly offset?: Duration;
  /** Earlier than the anchor: a duration, or "sprint" for `cadence.sprintLength`. */
  readonly before?: Duration | 'sprint';
  /** The end (23:59:59 UTC) of the anchor's day: "on RC cut day". */
  readonly endOfDay?: boolean;
}

export interface Step {
  readonly id: string;
  readonly title: string;
  readonly owner: string;
  readonly kind: StepKind;
  readonly needs: readonly string[];
  readonly help?: string;
  readonly due?: DueSpec;
  /** What decides a check step (or what a gate shows): test layers, tags, registry artifacts. */
  readonly check?: CheckSpec;
  /** For a notice step: the kind of its template in the notices file. */
  readonly notice?: string;
  /** A task attesting "patch to existing function only": it shows the scope guard's flags, and needs a note when there are any. */
  readonly scopeGuard?: boolean;
  /** A task ticked only with a link in its note: what was looked at (a bug query, QE's results). */
  readonly evidence?: 'link';
  /** The gate that starts code freeze: PRs merged into the release branches after it are exceptions. */
  readonly freeze?: boolean;
  /**
   * For a gate step: the roles that must each sign it, each by a different person (the release
   * process's final sign-off: QE Owner, CI Owner, Tech Lead). Without it the owner's role signs.
   */
  readonly signoff?: readonly string[];
}

export interface CheckSpec {
  readonly layers?: readonly string[];
  /** The layers' periodic jobs have passed without a break for at least this long. */
  readonly greenFor?: Duration;
  /** Every component has this tag (a `naming` template: the first RC, or the GA tag). */
  readonly tags?: 'rcTag' | 'componentTag';
  /** Every component's image and/or chart for the release exists in its registry. */
  readonly artifacts?: ReadonlyArray<ArtifactKind>;
  /** A hotfix's fix PR is merged into main, into its release branch, or into both. */
  readonly fix?: 'main' | 'release' | 'both';
  /**
   * RELEASE_MANIFEST.yaml on the release branch names each component's RC version (`rc`) or its
   * GA version (`ga`), tagged in the component's repository.
   */
  readonly manifest?: 'rc' | 'ga';
  /**
   * A hotfix's patch tag vX.Y.(Z+1), its image in the registry, release-X.Y.Z in the release
   * repository, or the release branch's manifest naming that component (only it) at its patch tag.
   */
  readonly patch?: 'tag' | 'image' | 'release-tag' | 'manifest';
  /** A run of the RC E2E job passed for exactly the manifest's versions (a gate: required to open it). */
  readonly rcE2e?: boolean;
}

export interface Phase {
  readonly id: string;
  readonly title: string;
  readonly steps: readonly Step[];
}

export interface Playbook {
  readonly id: string;
  readonly title: string;
  readonly phases: readonly Phase[];
}

export const RELEASE_MILESTONES = ['readiness-review', 'feature-freeze', 'code-freeze', 'ga'] as const;
export type Milestone = (typeof RELEASE_MILESTONES)[number];
/** Times read from GitHub: when the first component got its first RC tag, or its GA tag. */
export const RELEASE_TAG_ANCHORS = ['rc-tag', 'ga-tag'] as const;
export const RELEASE_ANCHORS = [...RELEASE_MILESTONES, ...RELEASE_TAG_ANCHORS] as const;
/** `patch-tag`: when the hotfix's component got its patch tag vX.Y.(Z+1). */
export const HOTFIX_ANCHORS = ['reported', 'sla', 'patch-tag'] as const;

/** A free-text field of a notice, edited before sending. */
export interface NoticeField {
  readonly name: string;
  readonly label: string;
  readonly default: string;
}

/** Block Kit blocks as a template: text with {placeholders}; `header` is plain text, the rest mrkdwn. */
export type BlockTemplate =
  | { readonly type: 'header'; readonly text: string }
  | { readonly type: 'section'; readonly text: string }
  | { readonly type: 'context'; readonly text: string }
  | { readonly type: 'divider' };

/**
 * One Slack notice. Template text is trusted (it may mention people); every value filled in
 * from release data or typed by a person is escaped, so it never mentions anyone or forges a link.
 */
export interface NoticeTemplate {
  readonly kind: string;
  readonly title: string;
  /** Where it posts: its own `channel`, else slack.channel (filled in when the config loads). */
  readonly channel: string;
  /** One of the four notices the release contract names (the rest are operational). */
  readonly contract: boolean;
  readonly fields: readonly NoticeField[];
  /** The plain-text fallback: notifications and clients that do not show blocks. */
  readonly text: string;
  readonly blocks: readonly BlockTemplate[];
}

export function allSteps(playbook: Playbook): Step[] {
  return playbook.phases.flatMap((phase) => phase.steps);
}
