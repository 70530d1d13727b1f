// The `cpu` backend (design.md): every run stepped in float64 TypeScript by trainStep. It is
// the reference the webgpu and tfjs backends are compared against.
import type { ExperimentConfig } from './config';
import { createEnvironment, createRun } from './experiment';
import { initialState, trainStep, type RunSetup, type RunState } from './trainStep';
import type { Backend, Checkpoint, Environment, RunStatus, StepRecord } from './types';

interface CpuRun {
  setup: RunSetup;
  state: RunState;
  status: RunStatus;
  reason?: string;
}

export class CpuBackend implements Backend {
  readonly name = 'cpu' as const;
  readonly label = 'CPU (float64)';
  readonly env: Environment;
  private readonly runs: CpuRun[];

  constructor(private readonly config: ExperimentConfig) {
    this.env = createEnvironment(config);
    this.runs = Array.from({ length: config.runs }, (_, r) => ({ ...createRun(config, this.env, r), status: 'running' as RunStatus }));
  }

  get step(): number {
    return Math.max(0, ...this.runs.map((r) => r.state.step));
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
    return {
      step: this.step,
      runs: this.runs.map((r) => ({
        run: r.setup.run,
        step: r.state.step,
        status: r.status,
        reason: r.reason,
        logits: Array.from(r.state.logits),
        interventionState: r.setup.interventions.map((iv) => ({ ...iv.state })),
      })),
    };
  }

  /** Resume from a checkpoint; intervention state carries over where the lists match (a fork may change them). */
  restore(cp: Checkpoint): void {
    for (const saved of cp.runs) {
      const run = this.runs[saved.run];
      if (!run) continue;
      Object.assign(run.state, initialState(this.env, Float64Array.from(saved.logits)), { step: saved.step });
      run.status = saved.step >= this.config.steps ? 'done' : saved.status === 'diverged' ? 'diverged' : 'running';
      run.reason = saved.reason;
      if (saved.interventionState.length === run.setup.interventions.length) {
        run.setup.interventions.forEach((iv, i) => Object.assign(iv.state, saved.interventionState[i]));
      }
    }
  }

  dispose(): void {}
}
