// Messages between the Sweep panel and its worker: the page sends a sweep input (a config with
// its "sweep"), the worker answers with its issues or with the cells' results as they grow.
import type { ConfigIssue } from '../../sim/config';
import type { CellResult } from '../../sim/sweepSession';

export type SweepRequest = { type: 'start'; input: Record<string, unknown> } | { type: 'cancel' };

export type SweepReply =
  | { type: 'invalid'; issues: ConfigIssue[] }
  | { type: 'started'; cells: number; runsPerCell: number; totalSteps: number; backend: string }
  | { type: 'progress'; step: number; totalSteps: number; results: CellResult[] }
  | { type: 'done'; results: CellResult[]; seconds: number }
  | { type: 'error'; message: string };
