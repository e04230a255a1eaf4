import type { AppConfig } from '../domain/config.js';
import { HOUR, type EpochMs } from '../domain/time.js';
import { fillTemplate, type Version } from '../domain/version.js';
import type { FakeProwRun } from '../fakes/world.js';

/**
 * The demo's RC E2E runs, as the release repository's workflow starts them through Gangway:
 * each carries the image tags (the manifest's versions without `v`) and the e2e ref it tested.
 */

/** The override variables a run for these versions (component → version as the manifest names it) carries. */
export function rcE2eEnv(config: AppConfig, versions: Readonly<Record<string, string>>, e2eRef: string): Record<string, string> {
  const env: Record<string, string> = { MULTISTAGE_PARAM_OVERRIDE_NAMESPACE_PREFIX: 'rc-e2e' };
  for (const [component, text] of Object.entries(versions)) {
    const name = config.rcE2e.imageTags[component];
    if (name) env[name] = text.replace(/^v/, '');
  }
  if (e2eRef) env[config.rcE2e.e2eRef] = e2eRef;
  return env;
}

/** One run of the RC E2E job for `versions`. */
export function rcE2eRun(
  config: AppConfig,
  versions: Readonly<Record<string, string>>,
  e2eRef: string,
  run: { readonly state: string; readonly buildId: string; readonly finishedAt: EpochMs; readonly description?: string },
): FakeProwRun {
  return {
    job: config.rcE2e.job,
    state: run.state,
    buildId: run.buildId,
    startedAt: run.finishedAt - HOUR,
    finishedAt: run.finishedAt,
    env: rcE2eEnv(config, versions, e2eRef),
    ...(run.description ? { description: run.description } : {}),
  };
}

/** The release branch's own job of a layer ("…-release-0.4-e2e-tier1-candidate"), if it has one. */
export function releaseJobOf(config: AppConfig, layer: string, version: Version): string | undefined {
  const source = config.layers.find((l) => l.id === layer)?.source;
  return source?.kind === 'prow-job' && source.releaseJob ? fillTemplate(source.releaseJob.job, version) : undefined;
}
