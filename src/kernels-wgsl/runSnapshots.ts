// The host's copy of every run's GPU state at the last readback (its logits and its stages'
// state words): the `webgpu` backend's checkpoint, from which the CPU carries on if the device
// is lost. Also the writes that put initial or checkpointed runs on the GPU.
import { initialLogits, logSoftmaxTable } from '../sim/policy';
import type { Checkpoint, Environment } from '../sim/types';
import { RUN_STATE, RUN_STATUS } from './train/layout';
import type { RunOrigin } from './cellBatch';
import type { TrainPlan } from './train/plan';
import { interventionStates, stateWords, type RunProgress } from './train/records';
import type { TrainChunk } from './train/TrainKernel';

export class RunSnapshots {
  /** Per chunk, the logits of its runs (plan.tableSize each). */
  private readonly logits: Float32Array<ArrayBuffer>[];
  /** Per chunk, the stages' state words of its runs (plan.stateStride each). */
  private readonly states: Float32Array<ArrayBuffer>[];

  constructor(
    private readonly device: GPUDevice,
    private readonly chunks: readonly TrainChunk[],
    private readonly plan: TrainPlan,
    /** Each run's cell config and index there: its initial logits, learning rate and streams. */
    private readonly origins: readonly RunOrigin[],
  ) {
    this.logits = chunks.map((c) => new Float32Array(c.runCount * plan.tableSize));
    this.states = chunks.map((c) => new Float32Array(c.runCount * plan.stateStride));
  }

  /** Upload every run's initial logits, reference log-policy, RunState and stage state, each from its origin. */
  uploadInitial(env: Environment): void {
    const { plan, origins } = this;
    const T = plan.tableSize;
    const start = ({ config, run }: RunOrigin) => initialLogits(config.policy.init, env.shape, () => env.initialLogits(), config.seed, run);
    const shared = plan.sharedReference ? start({ config: origins[0].config, run: 0 }) : undefined;
    for (const [c, chunk] of this.chunks.entries()) {
      const ref = new Float32Array((plan.sharedReference ? 1 : chunk.runCount) * T);
      const runStates = new DataView(new ArrayBuffer(chunk.runCount * RUN_STATE.size));
      for (let r = 0; r < chunk.runCount; r++) {
        const origin = origins[chunk.runOffset + r];
        const z = shared ?? start(origin);
        this.logits[c].set(z, r * T);
        if (!plan.sharedReference || r === 0) ref.set(logSoftmaxTable(z, env.shape), r * T);
        this.writeRunState(runStates, r * RUN_STATE.size, chunk.runOffset + r, RUN_STATUS.running, 0);
      }
      this.device.queue.writeBuffer(chunk.runStateBuffer, 0, runStates.buffer);
      for (let r = 0; r < chunk.runCount; r++) this.states[c].set(plan.initialState, r * plan.stateStride);
      this.device.queue.writeBuffer(chunk.logitsBuffer, 0, this.logits[c]);
      this.device.queue.writeBuffer(chunk.refBuffer, 0, ref);
      for (let r = 0; r < chunk.runCount; r++) chunk.writeStageState(r, plan.initialState);
    }
  }

  /** Write run `run`'s RunState at `byteOffset`: its status and steps done, its origin's learning rate and stream index. */
  private writeRunState(view: DataView, byteOffset: number, run: number, status: number, stepsDone: number): void {
    const { config, run: streamRun } = this.origins[run];
    RUN_STATE.write({ status, divergedStep: 0, divergedField: 0, stepsDone, lr: config.algorithm.lr, streamRun }, view, byteOffset);
  }

  /** Take chunk `c`'s logits and stage state from its mapped readback. */
  takeFrom(c: number, bytes: ArrayBuffer): void {
    const chunk = this.chunks[c];
    this.logits[c].set(new Float32Array(bytes, chunk.readbackOffset('logits'), this.logits[c].length));
    this.states[c].set(new Float32Array(bytes, chunk.readbackOffset('stageState'), this.states[c].length));
  }

  private chunkOf(run: number): { chunk: TrainChunk; index: number; local: number } {
    const index = this.chunks.findIndex((c) => run >= c.runOffset && run < c.runOffset + c.runCount);
    if (index < 0) throw new Error(`no run ${run} (the ensemble has ${this.chunks.reduce((s, c) => s + c.runCount, 0)})`);
    return { chunk: this.chunks[index], index, local: run - this.chunks[index].runOffset };
  }

  logitsOf(run: number): Float64Array {
    const { index, local } = this.chunkOf(run);
    const T = this.plan.tableSize;
    return Float64Array.from(this.logits[index].subarray(local * T, (local + 1) * T));
  }

  /** A run's stage state words at the last readback. */
  private stateWordsOf(run: number): Float32Array {
    const { index, local } = this.chunkOf(run);
    const S = this.plan.stateStride;
    return this.states[index].subarray(local * S, (local + 1) * S);
  }

  /** The checkpoint of every run at the last readback, `step` the ensemble's. */
  checkpoint(step: number, progress: readonly RunProgress[]): Checkpoint {
    return {
      step,
      runs: progress.map((p, run) => ({
        run,
        step: p.stepsDone,
        status: p.status,
        reason: p.reason,
        logits: Array.from(this.logitsOf(run)),
        interventionState: interventionStates(this.plan, this.stateWordsOf(run)),
      })),
    };
  }

  /** Write one saved run's logits, stage state and run state to the GPU and this copy; its progress after `steps` steps in all. */
  restoreRun(saved: Checkpoint['runs'][number], steps: number): RunProgress {
    const T = this.plan.tableSize;
    const { chunk, index, local } = this.chunkOf(saved.run);
    const z = Float32Array.from(saved.logits);
    this.logits[index].set(z, local * T);
    this.device.queue.writeBuffer(chunk.logitsBuffer, local * T * 4, z);
    const state = stateWords(this.plan, saved.interventionState);
    this.states[index].set(state, local * this.plan.stateStride);
    chunk.writeStageState(local, state);
    const diverged = saved.status === 'diverged';
    const runState = new DataView(new ArrayBuffer(RUN_STATE.size));
    this.writeRunState(runState, 0, saved.run, diverged ? RUN_STATUS.diverged : RUN_STATUS.running, saved.step);
    this.device.queue.writeBuffer(chunk.runStateBuffer, local * RUN_STATE.size, runState.buffer);
    return { status: saved.step >= steps ? 'done' : diverged ? 'diverged' : 'running', reason: saved.reason, stepsDone: saved.step };
  }
}
