// The step loop over a Backend (design.md): it alone owns time, advancing a bounded number
// of steps per tick and handing each tick's records on, while the summary (fit, early fit,
// ensemble bands) accumulates without keeping them (summary.ts).
import type { ExperimentConfig } from './config';
import { ENSEMBLE_KEYS, recordsByRun, SummaryBuilder, type Summary } from './summary';
import type { Backend, StepRecord } from './types';

export interface TickInfo {
  step: number;
  totalSteps: number;
  records: StepRecord[];
  done: boolean;
}

/**
 * Run a backend to the end in ticks of `stepsPerTick`, reporting each tick (and waiting for
 * onTick's promise: a writer's backpressure). Records are kept
 * and returned only with `keepRecords` (tests, small runs); the CLI streams them instead.
 */
export async function runToEnd(
  config: ExperimentConfig,
  backend: Backend,
  opts: { stepsPerTick?: number; onTick?: (t: TickInfo) => void | Promise<void>; keepRecords?: boolean } = {},
): Promise<{ records: StepRecord[][]; summary: Summary }> {
  const kept: StepRecord[] = [];
  const summary = new SummaryBuilder(config.runs, config.steps);
  const perTick = Math.max(1, opts.stepsPerTick ?? config.steps);
  for (;;) {
    const records = await backend.advance(perTick);
    summary.add(records, backend.takeBands?.(ENSEMBLE_KEYS));
    if (opts.keepRecords ?? true) for (const r of records) kept.push(r);
    const done = backend.statuses().every((s) => s.status !== 'running');
    await opts.onTick?.({ step: backend.step, totalSteps: config.steps, records, done });
    if (done || records.length === 0) break;
  }
  return { records: recordsByRun(kept, config.runs), summary: summary.finish(backend.name, backend.statuses()) };
}
