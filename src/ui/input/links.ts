import type { LayerEvaluation } from '../../domain/layers.js';
import type { StepView } from '../../domain/playbook.js';
import type { NoticeView } from '../../store/view.js';

/** The run to look at for a layer: a failing cell's first, else any cell's. */
export function layerLink(evaluation: LayerEvaluation): string | undefined {
  const failing = evaluation.cells.filter((c) => c.state !== 'passed');
  return [...failing, ...evaluation.cells].find((c) => c.url)?.url;
}

/** For a step: its layers' runs (failing first), else the run its frozen evidence names. */
export function stepLink(view: StepView): string | undefined {
  return view.layers.map(layerLink).find(Boolean) ?? view.frozen?.check.evidence.find((e) => e.url)?.url;
}

/** For a notice: the sent message's permalink. */
export const noticeLink = (notice: NoticeView): string | undefined => notice.record?.sent?.permalink;
