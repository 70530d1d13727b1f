// A sweep's cells as one GPU ensemble (issue 17: a sweep over learning rates or initial logits
// runs its cells at once): cells that differ only in the learning rate, or in the scale of
// random initial logits, share one kernel, each run with its own RunParams (layout.wgsl). Global
// run c·R + r trains as run r of cell c alone (sweepSession.ts): its learning rate, its initial
// logits and its random streams, keyed by r.
import type { ExperimentConfig } from '../sim/config';

/** Where a run of an ensemble comes from: its cell's config and its index within that cell. */
export interface RunOrigin {
  config: ExperimentConfig;
  run: number;
}

/** Run g of cells × R runs (R = each cell's runs) is run g mod R of cell ⌊g/R⌋. */
export function runOrigins(cells: readonly ExperimentConfig[]): RunOrigin[] {
  const R = cells[0].runs;
  return cells.flatMap((config) => Array.from({ length: R }, (_, run) => ({ config, run })));
}

/** A cell's config without what a run's RunParams and initial logits carry. */
function sharedPart(config: ExperimentConfig): string {
  const init = config.policy.init as { type: string; scale?: number };
  const { scale: _scale, ...initRest } = init;
  return JSON.stringify({ ...config, algorithm: { ...config.algorithm, lr: 0 }, policy: { ...config.policy, init: init.type === 'random' ? initRest : init } });
}

/** Why `cells` cannot train as one ensemble, or undefined. */
export function cellBatchProblem(cells: readonly ExperimentConfig[]): string | undefined {
  if (cells.length === 0) return 'no cells';
  const first = sharedPart(cells[0]);
  const other = cells.findIndex((c) => sharedPart(c) !== first);
  return other < 0 ? undefined : `cell ${other} differs from cell 0 in more than the learning rate and the initial logits' scale`;
}

/** The ensemble's config: cell 0's, with every cell's runs. */
export function batchConfig(cells: readonly ExperimentConfig[]): ExperimentConfig {
  return { ...cells[0], runs: cells.length * cells[0].runs };
}
