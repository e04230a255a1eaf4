import type { Component, LayerSpec } from './config.js';
import { GITHUB_SOURCE, PROW_SOURCE, staleReason } from './snapshot.js';
import type { LayerResult, StatusSnapshot } from './status.js';
import { addDuration, formatSpan, type EpochMs } from './time.js';

/** What one layer means for a gate or check right now. */
export type LayerVerdict = 'pass' | 'fail' | 'pending' | 'advisory';

export interface LayerEvaluation {
  readonly layer: LayerSpec;
  readonly verdict: LayerVerdict;
  /**
   * One per expected cell; an absent result is reported as `missing`, never as passed. A cell
   * whose source is failing now, or whose repository the last answer left out, carries `stale`.
   */
  readonly cells: readonly LayerResult[];
  readonly reasons: readonly string[];
}

function expectedCells(layer: LayerSpec, components: readonly Component[]): Array<string | null> {
  return layer.scope === 'component' ? components.map((c) => c.name) : [null];
}

/** The source that reports a layer of this kind (the names the live sources go by). */
const SOURCE_OF_KIND: Record<LayerSpec['source']['kind'], { name: string; title: string } | null> = {
  'commit-status': { name: GITHUB_SOURCE, title: 'GitHub' },
  'prow-job': { name: PROW_SOURCE, title: 'Prow' },
  none: null,
};

/**
 * A cell with no result. Only a source that has answered can say a result is missing; before its
 * first answer (still asking, or failing since start) the cell is unknown, which never fails a gate.
 */
function absentCell(layer: LayerSpec, component: string | null, snapshot: StatusSnapshot, now: EpochMs): LayerResult {
  const base = { layer: layer.id, component, fetchedAt: now, source: layer.source.kind };
  if (layer.source.kind === 'none') return { ...base, state: 'missing', detail: layer.source.note };
  const source = SOURCE_OF_KIND[layer.source.kind]!;
  const health = snapshot.sources.find((s) => s.source === source.name);
  if (health?.lastSuccessAt !== undefined) return { ...base, state: 'missing', detail: 'no result reported' };
  const detail = health?.error ? `no answer from ${source.title} yet: ${health.error}` : `waiting for ${source.title}'s first answer`;
  return { ...base, state: 'unknown', detail };
}

/** A layer with a release-branch job, before GitHub has said whether the branch is cut: unknown, never main's result. */
function branchUnknownCell(layer: LayerSpec, snapshot: StatusSnapshot, now: EpochMs): LayerResult {
  const github = snapshot.sources.find((s) => s.source === GITHUB_SOURCE);
  const repo = layer.source.kind === 'prow-job' ? layer.source.releaseJob?.branchRepo : undefined;
  const why = github?.error ? `: ${github.error}` : '';
  return {
    layer: layer.id,
    component: null,
    fetchedAt: now,
    source: layer.source.kind,
    state: 'unknown',
    detail: `waiting for GitHub to say whether ${repo} has its release branch (its job runs there once it is cut)${why}`,
  };
}

/**
 * A layer's cells that are not from their source's latest answer, with why: the last good data
 * kept, or `unknown` when the answer that left them out is the only one there has been.
 */
export function staleCells(evaluation: LayerEvaluation): Array<LayerResult & { readonly stale: string }> {
  return evaluation.cells.filter((c): c is LayerResult & { readonly stale: string } => c.stale !== undefined);
}

/** Why a cell does not count as a fresh pass, or null when it does. */
function cellProblem(layer: LayerSpec, cell: LayerResult, now: EpochMs): string | null {
  const where = cell.component ? `${cell.component}: ` : '';
  if (cell.state !== 'passed') return `${where}${cell.state}${cell.detail ? ` (${cell.detail})` : ''}`;
  if (cell.finishedAt === undefined) return `${where}passed, but when is unknown`;
  if (addDuration(cell.finishedAt, layer.maxAge) < now) {
    return `${where}passed ${formatSpan(now - cell.finishedAt)} ago, older than its maximum age`;
  }
  return null;
}

/**
 * The branch whose job a layer reads: a layer with a release-branch job (`releaseJob`) reads it
 * once its repository has the release branch (the branch cut), and main's job before. Null while
 * GitHub has not said whether the branch exists: main's nightly must not stand in for it unasked.
 */
function branchRead(layer: LayerSpec, snapshot: StatusSnapshot): { readonly branch?: string } | null {
  if (layer.source.kind !== 'prow-job' || !layer.source.releaseJob) return {};
  const { branchRepo } = layer.source.releaseJob;
  const repo = snapshot.repos?.find((r) => r.repo === branchRepo);
  if (!repo?.branches) return null;
  const branch = snapshot.results.find((r) => r.layer === layer.id && r.branch !== undefined)?.branch;
  return branch && repo.branches.includes(branch) ? { branch } : {};
}

/** Whether a cell with no result is plainly absent: the branch is known, or no release-branch job was read. */
const branchKnownOrMoot = (layer: LayerSpec, snapshot: StatusSnapshot): boolean =>
  branchRead(layer, snapshot) !== null || !snapshot.results.some((r) => r.layer === layer.id && r.branch !== undefined);

/** The result a layer's cell shows: for a layer with a release-branch job, the job of the branch it reads. */
export function layerResult(layer: LayerSpec, component: string | null, snapshot: StatusSnapshot): LayerResult | undefined {
  const read = branchRead(layer, snapshot);
  const on = (branch: string | undefined) =>
    snapshot.results.find((r) => r.layer === layer.id && r.component === component && r.branch === branch);
  if (read) return on(read.branch);
  // Before GitHub says which branch counts: with no release-branch job read (Prow was not told the
  // release) main's is the only one; when both are missing or failing alike, either says the same.
  const main = on(undefined);
  const release = snapshot.results.find((r) => r.layer === layer.id && r.component === component && r.branch !== undefined);
  if (!release) return main;
  return main && main.state === release.state && main.state !== 'passed' ? release : undefined;
}

/**
 * Evaluates one test layer against the snapshot. `snapshot` is null before the first refresh,
 * which is "pending", not "failed": nothing has been asked yet.
 */
export function evaluateLayer(
  layer: LayerSpec,
  snapshot: StatusSnapshot | null,
  components: readonly Component[],
  now: EpochMs,
): LayerEvaluation {
  if (!snapshot)
    return { layer, verdict: layer.gate === 'advisory' ? 'advisory' : 'pending', cells: [], reasons: ['waiting for the first refresh'] };
  const cells = expectedCells(layer, components).map((component) => {
    const found = layerResult(layer, component, snapshot);
    if (!found)
      return branchKnownOrMoot(layer, snapshot) ? absentCell(layer, component, snapshot, now) : branchUnknownCell(layer, snapshot, now);
    const stale = staleReason(found, snapshot);
    return stale === found.stale ? found : { ...found, stale: stale! };
  });
  const problems = cells.flatMap((cell) => {
    const problem = cellProblem(layer, cell, now);
    return problem ? [{ cell, problem }] : [];
  });
  const reasons = problems.map((p) => p.problem);
  if (layer.gate === 'advisory') return { layer, verdict: 'advisory', cells, reasons };
  const settled = problems.filter((p) => p.cell.state !== 'running' && p.cell.state !== 'pending' && p.cell.state !== 'unknown');
  const verdict = settled.length > 0 ? 'fail' : problems.length > 0 ? 'pending' : 'pass';
  return { layer, verdict, cells, reasons };
}
