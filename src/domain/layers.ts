import type { Component, LayerSpec } from './config.js';
import type { LayerResult, StatusSnapshot } from './status.js';
import { addDuration, formatSpan, type EpochMs } from './time.js';

/** What one layer means for a gate or check right now. */
export type LayerVerdict = 'pass' | 'fail' | 'pending' | 'advisory';

export interface LayerEvaluation {
  readonly layer: LayerSpec;
  readonly verdict: LayerVerdict;
  /** One per expected cell; an absent result is reported as `missing`, never as passed. */
  readonly cells: readonly LayerResult[];
  readonly reasons: readonly string[];
}

function expectedCells(layer: LayerSpec, components: readonly Component[]): Array<string | null> {
  return layer.scope === 'component' ? components.map((c) => c.name) : [null];
}

function missingCell(layer: LayerSpec, component: string | null, now: EpochMs): LayerResult {
  const detail = layer.source.kind === 'none' ? layer.source.note : 'no result reported';
  return { layer: layer.id, component, state: 'missing', fetchedAt: now, source: layer.source.kind, detail };
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
  const cells = expectedCells(layer, components).map(
    (component) => snapshot.results.find((r) => r.layer === layer.id && r.component === component) ?? missingCell(layer, component, now),
  );
  const problems = cells.flatMap((cell) => {
    const problem = cellProblem(layer, cell, now);
    return problem ? [{ cell, problem }] : [];
  });
  const reasons = problems.map((p) => p.problem);
  if (layer.gate === 'advisory') return { layer, verdict: 'advisory', cells, reasons };
  const settled = problems.filter((p) => p.cell.state !== 'running' && p.cell.state !== 'pending');
  const verdict = settled.length > 0 ? 'fail' : problems.length > 0 ? 'pending' : 'pass';
  return { layer, verdict, cells, reasons };
}
