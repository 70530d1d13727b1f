// The `tfjs` backend (design.md): neural policies (MLP, tiny attention) trained run by run on
// tfjs's WebGPU or CPU backend, with the same configs, step records and checkpoints as the
// cpu backend. Checkpoints carry each network's weights next to its logits table.
import type { ExperimentConfig } from '../config';
import { createEnvironment } from '../experiment';
import { checkpointRun, restoreRun, type SteppedRun } from '../cpuBackend';
import type { Backend, Checkpoint, Environment, StepRecord } from '../types';
import { readWeights, writeWeights } from './network';
import { createNeuralRun, neuralTrainStep, type NeuralRun } from './neuralRun';
import { activateTfDevice, selectTfDevice, type TfDevice, type TfDevicePreference } from './tfjsDevice';
import { maxOf } from '../arrays';

interface TfjsRun extends NeuralRun, SteppedRun {
  /** Host copy of the weights, refreshed after every advance (checkpoint() is synchronous). */
  weights: Float32Array;
}

export class TfjsBackend implements Backend {
  readonly name = 'tfjs' as const;

  private constructor(
    private readonly config: ExperimentConfig,
    readonly env: Environment,
    readonly device: TfDevice,
    readonly label: string,
    private readonly runs: TfjsRun[],
  ) {}

  /** Pick the tfjs device and build every run's network (fitted once, see createNeuralRun). */
  static async create(config: ExperimentConfig, opts: { device?: TfDevicePreference } = {}): Promise<TfjsBackend> {
    const choice = await selectTfDevice(opts.device);
    const env = createEnvironment(config);
    const runs: TfjsRun[] = [];
    for (let r = 0; r < config.runs; r++) {
      const run = await createNeuralRun(config, env, r, runs[0]?.weights);
      runs.push({ ...run, status: 'running', weights: await readWeights(run.net) });
    }
    return new TfjsBackend(config, env, choice.device, choice.label, runs);
  }

  get step(): number {
    return maxOf(this.runs.map((r) => r.state.step), 0);
  }

  async advance(maxSteps: number): Promise<StepRecord[]> {
    await activateTfDevice(this.device);
    const out: StepRecord[] = [];
    for (const run of this.runs) {
      let stepped = false;
      for (let i = 0; i < maxSteps && run.status === 'running'; i++) {
        const res = await neuralTrainStep(run);
        stepped = true;
        if (res.ok) out.push(res.record);
        else {
          run.status = 'diverged';
          run.reason = res.reason;
        }
        if (run.status === 'running' && run.state.step >= this.config.steps) run.status = 'done';
      }
      if (stepped) run.weights = await readWeights(run.net);
    }
    return out;
  }

  statuses() {
    return this.runs.map((r) => ({ status: r.status, reason: r.reason }));
  }

  logits(run: number): Float64Array {
    return this.runs[run].state.logits;
  }

  checkpoint(): Checkpoint {
    return { step: this.step, runs: this.runs.map((r) => ({ ...checkpointRun(r), weights: Array.from(r.weights) })) };
  }

  /** Resume from a checkpoint of this backend (it needs the network weights, not only logits). */
  restore(cp: Checkpoint): void {
    for (const saved of cp.runs) {
      const run = this.runs[saved.run];
      if (!run) continue;
      if (!saved.weights) throw new Error(`checkpoint run ${saved.run} has no network weights; a neural policy resumes only from a tfjs checkpoint`);
      writeWeights(run.net, saved.weights);
      run.weights = Float32Array.from(saved.weights);
      restoreRun(run, saved, this.env, this.config.steps);
    }
  }

  dispose(): void {
    for (const run of this.runs) run.net.dispose();
  }
}
