import type { Component } from './config.js';
import type { ArtifactKind, ArtifactResult, LayerState, RepoFacts } from './status.js';
import type { EpochMs } from './time.js';

/**
 * Konflux builds each component tag: Pipelines as Code runs the component's on-tag PipelineRuns
 * (`.tekton/<component>-tag.yaml` named `<component>-on-tag` for the image,
 * `<component>-chart-tag.yaml` named `<component>-chart-on-tag` for the chart) for every
 * `vX.Y.Z[-rcN]` tag and reports each on the tag's commit as "Konflux / <PipelineRun>". Its
 * release pipeline then pushes the artifact to the registry, so the build's state is why an
 * image is, or is not yet, there.
 */
export const onTagPipelineRun = (component: string, kind: ArtifactKind = 'image'): string =>
  kind === 'chart' ? `${component}-chart-on-tag` : `${component}-on-tag`;

export type BuildState = 'passed' | 'failed' | 'building';

/** The Konflux on-tag build of one component's tag, as its commit status (or check run) says. */
export interface KonfluxBuild {
  readonly component: string;
  readonly tag: string;
  readonly state: BuildState;
  /** The PipelineRun in the Konflux UI. */
  readonly url?: string;
  readonly at?: EpochMs;
}

const BUILD_STATES: Partial<Record<LayerState, BuildState>> = {
  passed: 'passed',
  failed: 'failed',
  error: 'failed',
  running: 'building',
  pending: 'building',
};

/**
 * The on-tag build of `tag`, from the checks on its commit; undefined when the commit reports
 * none (yet). Pipelines as Code names its status "<application> / <PipelineRun>": the documents
 * write "Konflux / …", so only the PipelineRun part is compared.
 */
export function konfluxBuild(
  facts: RepoFacts | undefined,
  component: string,
  tag: string,
  kind: ArtifactKind = 'image',
): KonfluxBuild | undefined {
  const run = onTagPipelineRun(component, kind);
  const check = facts?.tagChecks?.[tag]?.find((c) => c.name === run || c.name.endsWith(` / ${run}`));
  const state = check ? BUILD_STATES[check.state] : undefined;
  if (!check || !state) return undefined;
  const at = check.finishedAt ?? check.startedAt;
  return { component, tag, state, ...(check.url ? { url: check.url } : {}), ...(at !== undefined ? { at } : {}) };
}

/**
 * The git tag an artifact was built from: the one whose name without its `v` is the artifact's
 * version (Konflux strips `refs/tags/v` and builds with the rest as APP_VERSION and
 * CHART_VERSION; the registry's tag is that version, as is an image's `Labels.version`).
 */
function builtFrom(artifact: ArtifactResult, facts: RepoFacts | undefined): string | undefined {
  const version = (artifact.label?.expected ?? artifact.reference.slice(artifact.reference.lastIndexOf(':') + 1)).replace(/^v/, '');
  return facts?.tags.find((tag) => tag.replace(/^v/, '') === version);
}

/** The Konflux build behind an artifact (the release's image or chart, its first RC's image, a hotfix's patch image). */
export function artifactBuild(
  artifact: ArtifactResult,
  components: readonly Pick<Component, 'name' | 'repo'>[],
  repos: readonly RepoFacts[] | undefined,
): KonfluxBuild | undefined {
  const repo = components.find((c) => c.name === artifact.component)?.repo;
  const facts = repos?.find((r) => r.repo === repo);
  const tag = builtFrom(artifact, facts);
  return tag === undefined ? undefined : konfluxBuild(facts, artifact.component, tag, artifact.kind);
}

/** "Konflux build failed: <link>", in one wording for the checklist, the Status screen and the CLI. */
export function buildText(build: KonfluxBuild): string {
  const link = build.url ? `: ${build.url}` : '';
  if (build.state === 'failed') return `Konflux build failed${link}`;
  if (build.state === 'building') return `Konflux is building ${build.tag}${link}`;
  return `Konflux build passed${link}`;
}

/**
 * Why an artifact is not in the registry: its build failed, is still running, or passed and the
 * release pipeline has not pushed it yet (the build and the release are separate runs). Without
 * any build status, `waiting` (how long images take) is all that can be said.
 */
export function missingArtifactText(reference: string, build: KonfluxBuild | undefined, waiting: string): string {
  if (!build) return `${reference}: not in the registry yet (${waiting})`;
  if (build.state === 'passed')
    return `${reference}: not in the registry yet; ${buildText(build)} (its release pipeline pushes it: Konflux → Releases)`;
  if (build.state === 'building') return `${reference}: not in the registry yet; ${buildText(build)}`;
  return `${reference}: ${buildText(build)}`;
}
