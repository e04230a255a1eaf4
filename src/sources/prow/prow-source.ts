import * as z from 'zod/mini';
import '../../zod-setup.js';
import type { AppConfig, LayerSpec } from '../../domain/config.js';
import { PROW_SOURCE } from '../../domain/snapshot.js';
import { resultsFromJobs, type JobRun } from '../../domain/observations.js';
import type { RcE2eRun } from '../../domain/rc-e2e.js';
import type { LayerResult, LayerState } from '../../domain/status.js';
import { fillTemplate, parseVersion } from '../../domain/version.js';
import { MB, readCappedText } from '../capped-body.js';
import { httpFetch, type HttpResponse } from '../http-fetch.js';
import { readRunOverrides } from './prowjob-spec.js';
import { describeFetchFailure, parseInstant } from '../http-errors.js';
import { SourceError, type SourceReport, type StatusSource } from '../source.js';

/** Prow's job list is large and untrusted: only the fields we use are parsed, each item on its own. */
const optionalText = z.optional(z.string());
const prowJob = z.object({
  metadata: z.optional(z.object({ name: z.optional(z.string()) })),
  spec: z.object({ job: z.string() }),
  status: z.object({
    state: z.string(),
    startTime: optionalText,
    completionTime: optionalText,
    url: optionalText,
    build_id: optionalText,
    description: optionalText,
  }),
});
const jobList = z.object({ items: z.array(z.unknown()) });

const STATES: Record<string, LayerState> = {
  success: 'passed',
  failure: 'failed',
  error: 'error',
  aborted: 'error',
  pending: 'running',
  triggered: 'pending',
};

/**
 * The most of Prow's job list we read. Deck lists every job its cluster still keeps (a day or two
 * of them); with the fields we omit a job is 1-2 KB, so a list of 10,000 jobs is 10-20 MB. Past
 * 32 MB the answer is not one we can afford: parsed, it would cost ten times its size in memory.
 * If a Prow's list ever outgrows it, the error says so in these words, and this is the number to raise.
 */
const MAX_ANSWER_BYTES = 32 * MB;

/**
 * How many of the RC E2E job's newest runs have their spec read. The job runs only when the
 * release repository is tagged (its cron is @yearly), so Deck's list holds a few; each read is
 * one small request, and a run's spec never changes, so each is read once per session.
 */
const RC_E2E_RUNS_READ = 10;

export interface ProwSourceOptions {
  readonly config: AppConfig;
  /** The release ("v0.4.0"): it names the release-branch jobs (`releaseJob`) to read beside main's. */
  readonly release?: string;
  readonly baseUrl: string | PromiseLike<string>;
  readonly timeoutMs?: number;
}

/** Periodic jobs do not report to GitHub: their latest runs come from Prow's /prowjobs.js. */
export class ProwSource implements StatusSource {
  readonly name = PROW_SOURCE;
  private readonly jobs: Set<string>;
  /** The layers with a release-branch job, as layers that read it, and the branch it runs on. */
  private readonly branchLayers: { readonly branch: string; readonly layers: readonly LayerSpec[] } | null;
  /** Each RC E2E run's overrides, by ProwJob name: Gangway sets them at creation, so they never change. */
  private readonly overrides = new Map<string, Readonly<Record<string, string>>>();

  constructor(private readonly options: ProwSourceOptions) {
    const { layers, naming } = options.config;
    const version = options.release ? parseVersion(options.release) : null;
    this.branchLayers = version
      ? {
          branch: fillTemplate(naming.releaseBranch, version),
          layers: layers.flatMap((l) =>
            l.source.kind === 'prow-job' && l.source.releaseJob
              ? [{ ...l, source: { kind: 'prow-job' as const, job: fillTemplate(l.source.releaseJob.job, version) } }]
              : [],
          ),
        }
      : null;
    const jobsOf = (of: readonly LayerSpec[]) => of.flatMap((l) => (l.source.kind === 'prow-job' ? [l.source.job] : []));
    this.jobs = new Set([...jobsOf(layers), ...jobsOf(this.branchLayers?.layers ?? [])]);
  }

  /** Each layer's result from main's job, and from its release-branch job (marked with the branch; domain/layers picks). */
  private results(runs: readonly JobRun[], now: number): LayerResult[] {
    const main = resultsFromJobs(this.options.config.layers, runs, this.name, now);
    if (!this.branchLayers) return main;
    const { branch, layers } = this.branchLayers;
    const onBranch = resultsFromJobs(layers, runs, this.name, now).map((result) => {
      const job = layers.find((l) => l.id === result.layer)!.source;
      const named = result.state === 'missing' && job.kind === 'prow-job' ? `${result.detail} (${job.job})` : result.detail;
      return { ...result, branch, ...(named ? { detail: named } : {}) };
    });
    return [...main, ...onBranch];
  }

  async fetch(now: number): Promise<SourceReport> {
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    const baseUrl = await this.options.baseUrl;
    const url = `${baseUrl.replace(/\/$/, '')}/prowjobs.js?omit=annotations,labels,decoration_config,pod_spec`;
    let response: HttpResponse;
    try {
      response = await httpFetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    } catch (error) {
      throw describeFetchFailure(error, 'Prow', baseUrl, timeoutMs);
    }
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('retry-after'));
      await response.body?.cancel();
      throw new SourceError(
        `Prow answered ${response.status}`,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      );
    }
    const text = await readCappedText(response, MAX_ANSWER_BYTES, { what: 'Prow', where: baseUrl, timeoutMs });
    let parsed: z.infer<typeof jobList>;
    try {
      parsed = jobList.parse(JSON.parse(text));
    } catch {
      throw new SourceError('Prow sent a job list that is not valid JSON');
    }
    const runs: JobRun[] = [];
    const rcRuns: Array<JobRun & { readonly prowJob: string }> = [];
    const rcJob = this.options.config.rcE2e.job;
    for (const item of parsed.items) {
      const job = prowJob.safeParse(item);
      if (!job.success) continue;
      const isRc = job.data.spec.job === rcJob && job.data.metadata?.name;
      if (!this.jobs.has(job.data.spec.job) && !isRc) continue;
      const { status } = job.data;
      const startedAt = parseInstant(status.startTime);
      const finishedAt = parseInstant(status.completionTime);
      const run: JobRun = {
        name: job.data.spec.job,
        state: STATES[status.state] ?? 'error',
        ...(status.url ? { url: status.url } : {}),
        ...(startedAt !== undefined ? { startedAt } : {}),
        ...(finishedAt !== undefined ? { finishedAt } : {}),
        ...(status.build_id ? { buildId: status.build_id } : {}),
        ...(status.state !== 'success' && status.description ? { detail: status.description } : {}),
      };
      if (this.jobs.has(run.name)) runs.push(run);
      if (isRc) rcRuns.push({ ...run, prowJob: job.data.metadata!.name! });
    }
    return {
      results: this.results(runs, now),
      rcE2eRuns: await this.withOverrides(baseUrl, rcRuns, timeoutMs),
    };
  }

  /** The newest RC E2E runs, each with the override variables its ProwJob's spec carries. */
  private async withOverrides(
    baseUrl: string,
    runs: ReadonlyArray<JobRun & { readonly prowJob: string }>,
    timeoutMs: number,
  ): Promise<RcE2eRun[]> {
    const { imageTags, e2eRef } = this.options.config.rcE2e;
    const wanted = [...Object.values(imageTags), e2eRef];
    const newest = [...runs].sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0)).slice(0, RC_E2E_RUNS_READ);
    return Promise.all(
      newest.map(async (run): Promise<RcE2eRun> => {
        const known = this.overrides.get(run.prowJob);
        if (known) return { ...run, overrides: known };
        const read = await readRunOverrides(baseUrl, run.prowJob, wanted, timeoutMs);
        if (!read.ok) return { ...run, overrides: null, unreadable: read.problem };
        this.overrides.set(run.prowJob, read.overrides);
        return { ...run, overrides: read.overrides };
      }),
    );
  }
}
