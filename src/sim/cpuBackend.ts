// The `cpu` backend (design.md): every run stepped in float64 TypeScript by trainStep. It is
// the reference the webgpu and tfjs backends are compared against.
import type { ExperimentConfig } from './config';
import { createEnvironment, createRun } from './experiment';
import { initialState, trainStep, type RunSetup, type RunState } from './trainStep';
import type { Backend, Checkpoint, Environment, RunCheckpoint, RunStatus, StepRecord } from './types';
import { maxOf } from './arrays';

/** One run of a backend that steps RunStates (cpu, tfjs). */
export interface SteppedRun {
  setup: RunSetup;
  state: RunState;
  status: RunStatus;
  reason?: string;
}

/** A run's checkpoint entry: step, status, logits and intervention state. */
export function checkpointRun(r: SteppedRun): RunCheckpoint {
  return {
    run: r.setup.run,
    step: r.state.step,
    status: r.status,
    reason: r.reason,
    logits: Array.from(r.state.logits),
    interventionState: r.setup.interventions.map((iv) => ({ ...iv.state })),
  };
}

/** Put a saved run back; intervention state carries over where the lists match (a fork may change them). */
export function restoreRun(run: SteppedRun, saved: RunCheckpoint, env: Environment, totalSteps: number): void {
  Object.assign(run.state, initialState(env, Float64Array.from(saved.logits)), { step: saved.step });
  run.status = saved.step >= totalSteps ? 'done' : saved.status === 'diverged' ? 'diverged' : 'running';
  run.reason = saved.reason;
  if (saved.interventionState.length === run.setup.interventions.length) {
    run.setup.interventions.forEach((iv, i) => Object.assign(iv.state, saved.interventionState[i]));
  }
}

export class CpuBackend implements Backend {
  readonly name = 'cpu' as const;
  readonly label = 'CPU (float64)';
  readonly env: Environment;
  private readonly runs: SteppedRun[];

  constructor(private readonly config: ExperimentConfig) {
    this.env = createEnvironment(config);
    this.runs = Array.from({ length: config.runs }, (_, r) => ({ ...createRun(config, this.env, r), status: 'running' as RunStatus }));
  }

  get step(): number {
    return maxOf(this.runs.map((r) => r.state.step), 0);
  }

  /** Synchronous advance, for Node and workers. */
  advanceSync(maxSteps: number): StepRecord[] {
    const out: StepRecord[] = [];
    for (const run of this.runs) {
      for (let i = 0; i < maxSteps && run.status === 'running'; i++) {
        const res = trainStep(run.setup, run.state);
        if (res.ok) out.push(res.record);
        else {
          run.status = 'diverged';
          run.reason = res.reason;
        }
        if (run.status === 'running' && run.state.step >= this.config.steps) run.status = 'done';
      }
    }
    return out;
  }

  advance(maxSteps: number): Promise<StepRecord[]> {
    return Promise.resolve(this.advanceSync(maxSteps));
  }

  statuses() {
    return this.runs.map((r) => ({ status: r.status, reason: r.reason }));
  }

  logits(run: number): Float64Array {
    return this.runs[run].state.logits;
  }

  checkpoint(): Checkpoint {
    return { step: this.step, runs: this.runs.map(checkpointRun) };
  }

  /** Resume from a checkpoint (see restoreRun). */
  restore(cp: Checkpoint): void {
    for (const saved of cp.runs) {
      const run = this.runs[saved.run];
      if (run) restoreRun(run, saved, this.env, this.config.steps);
    }
  }

  dispose(): void {}
}
