// The one owner of time (style.md rule 5): a session advances a Backend by a bounded number of
// steps per tick, never past the configured steps, takes the tick's bands the backend reduced
// itself, feeds the streaming summary and says when the experiment is done. The CLI (runner.ts
// runToEnd), the worker's SimSession and the sweeps (sweepSession.ts) all drive a session; none
// calls backend.advance itself.
import type { ExperimentConfig } from './config';
import type { StepBands } from './ensemble';
import { SummaryBuilder, type Summary } from './summary';
import { metricKeys } from './tickDigest';
import type { Backend, RunStatus, StepRecord } from './types';

export interface SessionTick {
  /** The tick's records, run-major, each run's steps in order. */
  records: StepRecord[];
  /** Bands of the tick's steps that the backend reduced itself (the GPU does), if any. */
  bands?: StepBands;
  /** Steps completed by every run so far. */
  step: number;
  totalSteps: number;
  statuses: { status: RunStatus; reason?: string }[];
  /** Every run finished or diverged, or the configured steps are reached. */
  done: boolean;
}

export class RunSession {
  private readonly summaryBuilder: SummaryBuilder | undefined;

  /** `summary: false` when the caller summarises the ticks itself (the worker's TickDigester). */
  constructor(
    readonly config: ExperimentConfig,
    readonly backend: Backend,
    opts: { summary?: boolean } = {},
  ) {
    if (opts.summary ?? true) this.summaryBuilder = new SummaryBuilder(config.runs, config.steps);
  }

  get step(): number {
    return this.backend.step;
  }

  get done(): boolean {
    return this.backend.step >= this.config.steps || this.backend.statuses().every((s) => s.status !== 'running');
  }

  /** Advance every run by up to `maxSteps` steps (0 only reports) and add them to the summary. */
  async tick(maxSteps: number): Promise<SessionTick> {
    const remaining = this.config.steps - this.backend.step;
    const steps = Math.min(Math.max(0, Math.floor(maxSteps)), remaining);
    const records = steps > 0 && !this.done ? await this.backend.advance(steps) : [];
    const bands = records.length > 0 ? this.backend.takeBands?.(metricKeys(records)) : undefined;
    if (records.length > 0) this.summaryBuilder?.add(records, bands);
    return { records, ...(bands ? { bands } : {}), step: this.backend.step, totalSteps: this.config.steps, statuses: this.backend.statuses(), done: this.done };
  }

  /** The summary of every step so far (the CLI contract's summary line). */
  summary(): Summary {
    if (!this.summaryBuilder) throw new Error('this session was built without a summary');
    return this.summaryBuilder.finish(this.backend.name, this.backend.statuses());
  }
}
