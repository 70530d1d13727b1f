// Messages between the Sweep panel and its worker: the page sends a sweep input (a config with
// its "sweep"), the worker answers with its issues or with the cells' results as they grow.
import type { ConfigIssue } from '../../sim/config';
import type { CellResult } from '../../sim/sweepSession';

export type SweepRequest = { type: 'start'; input: Record<string, unknown> } | { type: 'cancel' };

export type SweepReply =
  | { type: 'invalid'; issues: ConfigIssue[] }
  | { type: 'started'; cells: number; runsPerCell: number; totalSteps: number }
  /** progress: run-steps done over all, in [0, 1]; finishedCells: cells 0 … n − 1 are done. */
  | { type: 'progress'; progress: number; finishedCells: number; backend: string; results: CellResult[] }
  | { type: 'done'; results: CellResult[]; seconds: number }
  | { type: 'error'; message: string };
