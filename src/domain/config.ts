import type { Duration } from './time.js';

/** Typed configuration, produced once by the config loader; the domain trusts it. */
export interface AppConfig {
  readonly github: { readonly org: string; readonly releaseRepo: string };
  readonly prow: { readonly url: string };
  readonly components: readonly Component[];
  readonly supportRepos: readonly string[];
  readonly naming: Naming;
  readonly layers: readonly LayerSpec[];
  readonly status: { readonly refreshEvery: Duration };
  readonly slack: { readonly channel: string };
  readonly roles: Readonly<Record<string, Role>>;
  readonly approvals: { readonly twoPersonRule: boolean };
  readonly cadence: { readonly sprintLength: Duration; readonly dueSoon: Duration };
  readonly hotfix: { readonly sla: Readonly<Record<Severity, Duration>>; readonly holidays: readonly string[] };
  readonly playbooks: { readonly release: Playbook; readonly hotfix: Playbook };
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
  readonly releaseNotes: string;
}

export type LayerSource =
  | { readonly kind: 'commit-status'; readonly context: string }
  | { readonly kind: 'prow-job'; readonly job: string }
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
  /** A named anchor (a milestone, "reported", "sla") or "step:<id>". */
  readonly at: string;
  readonly offset?: Duration;
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
}

export interface CheckSpec {
  readonly layers?: readonly string[];
  /** The layers' periodic jobs have passed without a break for at least this long. */
  readonly greenFor?: Duration;
  /** Every component has this tag (a `naming` template: the first RC, or the GA tag). */
  readonly tags?: 'rcTag' | 'componentTag';
  /** Every component's image and/or chart for the release exists in its registry. */
  readonly artifacts?: ReadonlyArray<'image' | 'chart'>;
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
export const HOTFIX_ANCHORS = ['reported', 'sla'] as const;

export function allSteps(playbook: Playbook): Step[] {
  return playbook.phases.flatMap((phase) => phase.steps);
}
