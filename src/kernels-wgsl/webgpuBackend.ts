// The `webgpu` backend (design.md): the GPU ensemble (gpuEnsemble.ts), wrapped so that a lost
// or failing device never ends a run: it continues on the CPU from the last readback's
// checkpoint (the counter RNG replays the same draws) and says so in `notice`. It trains one
// config's runs, or a sweep's cells as one ensemble (cellBatch.ts).
import type { ExperimentConfig } from '../sim/config';
import { CpuBackend } from '../sim/cpuBackend';
import type { StepBands } from '../sim/ensemble';
import type { Backend, BackendName, Checkpoint, Environment, StepRecord } from '../sim/types';
import { GpuEnsemble } from './gpuEnsemble';
import { batchConfig, cellBatchProblem } from './cellBatch';
import { CellBatchBackend } from '../sim/sweepSession';
import type { TrainPlan } from './train/plan';
import type { WebGpuOptions } from './webgpuOptions';

export class WebGpuBackend implements Backend {
  readonly env: Environment;
  readonly plan: TrainPlan;
  private fallback?: Backend;
  /** A message for the user about the backend (e.g. the device was lost), or undefined. */
  notice?: string;

  private readonly config: ExperimentConfig;

  private constructor(
    private readonly cells: readonly ExperimentConfig[],
    private readonly gpu: GpuEnsemble,
    private readonly adapterName: string | undefined,
  ) {
    this.config = batchConfig(cells);
    this.env = gpu.env;
    this.plan = gpu.plan;
  }

  /** Compile the kernel and allocate every run's buffers on `device`. */
  static async create(config: ExperimentConfig, device: GPUDevice, opts: WebGpuOptions = {}): Promise<WebGpuBackend> {
    return WebGpuBackend.createBatch([config], device, opts);
  }

  /** A sweep's cells as one ensemble: global run c·R + r is run r of cells[c] (check cellBatchProblem first). */
  static async createBatch(cells: readonly ExperimentConfig[], device: GPUDevice, opts: WebGpuOptions = {}): Promise<WebGpuBackend> {
    const problem = cellBatchProblem(cells);
    if (problem) throw new Error(`webgpu backend: ${problem}`);
    return new WebGpuBackend(cells, await GpuEnsemble.create(cells, device, opts), opts.adapterName);
  }

  get name(): BackendName {
    return this.fallback ? 'cpu' : 'webgpu';
  }

  get label(): string {
    // Precision first, so the badge's fixed width shows it; exact mode says so (agreement.ts).
    const precision = this.config.algorithm.mode === 'exact' ? 'float32 exact' : 'float32';
    return this.fallback ? this.fallback.label : `WebGPU ${precision} (${this.adapterName || 'adapter'})`;
  }

  get step(): number {
    return this.fallback ? this.fallback.step : this.gpu.step;
  }

  /** GPU seconds of the training passes read back so far; undefined without timestamp queries. */
  get gpuBusySeconds(): number | undefined {
    return this.gpu.gpuBusySeconds;
  }

  /** GPU memory held by this backend, in bytes. */
  get gpuBytes(): number {
    return this.gpu.gpuBytes;
  }

  async advance(maxSteps: number): Promise<StepRecord[]> {
    if (this.fallback) return this.fallback.advance(maxSteps);
    const out: StepRecord[][] = Array.from({ length: this.config.runs }, () => []);
    const target = Math.min(this.config.steps, this.gpu.lockstep + Math.max(0, Math.floor(maxSteps)));
    try {
      await this.gpu.advanceTo(target, out);
    } catch (e) {
      const cpu = this.fallBack(this.gpu.lostReason ?? `WebGPU failed (${(e as Error).message})`);
      for (const r of await cpu.advance(target - this.gpu.lockstep)) out[r.run].push(r);
    }
    return out.flat();
  }

  /** Continue on the CPU from the last readback's checkpoint (the counter RNG replays the same draws). */
  private fallBack(reason: string): Backend {
    const cp = this.gpu.checkpoint();
    const cpu = this.cells.length === 1 ? new CpuBackend(this.cells[0]) : new CellBatchBackend(this.cells.map((c) => new CpuBackend(c)), this.cells[0].runs);
    cpu.restore(cp);
    this.fallback = cpu;
    this.notice = `${reason}; continued on the CPU from step ${cp.step}`;
    this.gpu.dispose();
    return cpu;
  }

  /** The GPU's bands of the recorded metrics among `keys` at the steps since the last call, or undefined (see Backend). */
  takeBands(keys: readonly string[]): StepBands | undefined {
    return this.fallback ? undefined : this.gpu.takeBands(keys);
  }

  statuses() {
    return this.fallback ? this.fallback.statuses() : this.gpu.statuses();
  }

  logits(run: number): Float64Array {
    return this.fallback ? this.fallback.logits(run) : this.gpu.logits(run);
  }

  checkpoint(): Checkpoint {
    return this.fallback ? this.fallback.checkpoint() : this.gpu.checkpoint();
  }

  /** Resume from a checkpoint. The GPU steps runs in lockstep: running runs must share one step. */
  restore(cp: Checkpoint): void {
    if (this.fallback) return this.fallback.restore(cp);
    this.gpu.restore(cp);
  }

  dispose(): void {
    this.gpu.dispose();
    this.fallback?.dispose();
  }
}
