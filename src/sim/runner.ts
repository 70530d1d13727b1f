// Run an experiment to the end (design.md): a RunSession (session.ts) advances a bounded number
// of steps per tick and hands each tick's records on, while the summary (fit, early fit,
// ensemble bands) accumulates without keeping them (summary.ts).
import type { ExperimentConfig } from './config';
import { RunSession } from './session';
import { recordsByRun, type Summary } from './summary';
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
  const session = new RunSession(config, backend);
  const perTick = Math.max(1, opts.stepsPerTick ?? config.steps);
  for (;;) {
    const { records, step, totalSteps, done } = await session.tick(perTick);
    if (opts.keepRecords ?? true) for (const r of records) kept.push(r);
    await opts.onTick?.({ step, totalSteps, records, done });
    if (done || records.length === 0) break;
  }
  return { records: recordsByRun(kept, config.runs), summary: session.summary() };
}
