// Every run of an ensemble on the GPU, stepped by the fused WGSL training kernel: one
// workgroup per run, several steps per dispatch, metrics reduced on the GPU and read back once
// per block of steps through the readback ring. It throws when the device is lost or fails;
// WebGpuBackend then continues on the CPU from the last readback's checkpoint.
import type { ExperimentConfig } from '../sim/config';
import { createEnvironment } from '../sim/experiment';
import type { Checkpoint, Environment, StepRecord } from '../sim/types';
import type { StepBands } from '../sim/ensemble';
import { maxOf } from '../sim/arrays';
import { planTraining, runsPerChunk, type TrainPlan } from './train/plan';
import { readRecords, recordShape, type RecordShape, type RunProgress } from './train/records';
import { DISPATCH_SLOT_BYTES, TrainChunk, TrainKernel } from './train/TrainKernel';
import { BandsKernel } from './bands/BandsKernel';
import { MAX_BAND_RUNS, MIN_BAND_RUNS } from './bands/layout';
import { BandsReadback } from './bandsReadback';
import { PassTimer } from './passTimer';
import { ReadbackRing, RING, stepsPerDispatchFor, type Block } from './readbackRing';
import { RunSnapshots } from './runSnapshots';
import { workgroupSizeFor, type WebGpuOptions } from './webgpuOptions';
import { batchConfig, runOrigins, type RunOrigin } from './cellBatch';

export class GpuEnsemble {
  private readonly chunks: TrainChunk[] = [];
  private readonly envTableBuffer: GPUBuffer;
  private readonly dispatchBuffer: GPUBuffer;
  private readonly shape: RecordShape;
  private readonly progress: RunProgress[];
  /** Each run's logits and stage state at the last readback (one checkpoint). */
  private readonly snapshots: RunSnapshots;
  /** Bands reduced on the GPU (one chunk of MIN_BAND_RUNS to MAX_BAND_RUNS runs). */
  private readonly bands?: BandsReadback;
  private readonly ring: ReadbackRing;
  /** Times the training passes where the device has timestamp queries. */
  private readonly timer?: PassTimer;
  private disposed = false;
  /** Why the device was lost, once it was. */
  lostReason?: string;
  /** Step every running run has reached on the GPU (all advance in lockstep). */
  lockstep = 0;

  /** Each run's cell config and index there (one cell: the config itself, run for run). */
  private readonly origins: RunOrigin[];

  private constructor(
    cells: readonly ExperimentConfig[],
    private readonly config: ExperimentConfig,
    readonly env: Environment,
    readonly plan: TrainPlan,
    private readonly kernel: TrainKernel,
    private readonly opts: WebGpuOptions,
    bandsKernel: BandsKernel | undefined,
  ) {
    const device = kernel.device;
    this.origins = runOrigins(cells);
    this.shape = recordShape(config, env, plan);
    this.envTableBuffer = device.createBuffer({ label: 'WebGpuBackend.envTableBuffer', size: Math.max(16, Math.ceil(plan.envTable.byteLength / 16) * 16), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(this.envTableBuffer, 0, plan.envTable);
    const stepsPerDispatch = stepsPerDispatchFor(plan, config.runs, opts.stepsPerDispatch);
    const dispatchSlots = Math.ceil(plan.slotsPerRun / stepsPerDispatch);
    this.timer = PassTimer.forDevice(device, dispatchSlots);
    this.dispatchBuffer = device.createBuffer({ label: 'WebGpuBackend.dispatchBuffer', size: dispatchSlots * DISPATCH_SLOT_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    const perChunk = runsPerChunk(plan, device.limits.maxStorageBufferBindingSize, device.limits.maxComputeWorkgroupsPerDimension);
    for (let offset = 0; offset < config.runs; offset += perChunk) {
      this.chunks.push(new TrainChunk(kernel, plan, this.envTableBuffer, this.dispatchBuffer, offset, Math.min(perChunk, config.runs - offset)));
    }
    this.progress = Array.from({ length: config.runs }, () => ({ status: 'running' as const, stepsDone: 0 }));
    this.snapshots = new RunSnapshots(device, this.chunks, plan, this.origins);
    if (bandsKernel && this.chunks.length === 1) this.bands = new BandsReadback(bandsKernel, this.chunks[0], plan);
    this.ring = new ReadbackRing({ kernel, plan, runs: config.runs, chunks: this.chunks, dispatchBuffer: this.dispatchBuffer, stepsPerDispatch, bands: this.bands, timer: this.timer, waitForGpu: opts.waitForGpu });
    this.snapshots.uploadInitial(env);
    device.lost.then((info) => {
      if (!this.disposed) this.lostReason = `the WebGPU device was lost (${info.message || info.reason || 'no reason given'})`;
    });
  }

  /**
   * Compile the kernel and allocate every run's buffers on `device`: the runs of one config, or
   * of a sweep's cells as one ensemble (cellBatch.ts; the caller checked cellBatchProblem).
   */
  static async create(cells: readonly ExperimentConfig[], device: GPUDevice, opts: WebGpuOptions): Promise<GpuEnsemble> {
    const config = batchConfig(cells);
    const env = createEnvironment(config);
    const plan = planTraining(config, env, Math.max(1, opts.readbackEvery ?? 16));
    // GPUDevice.adapterInfo is recent (Chrome 132); without it, the GPU default.
    const info = (device as GPUDevice & { adapterInfo?: GPUAdapterInfo }).adapterInfo;
    const kernel = await TrainKernel.create(device, opts.workgroupSize ?? workgroupSizeFor(info), plan.stages);
    // The bands pipeline is compiled only for ensembles it serves.
    const bands = config.runs >= MIN_BAND_RUNS && config.runs <= MAX_BAND_RUNS ? await BandsKernel.create(device) : undefined;
    return new GpuEnsemble(cells, config, env, plan, kernel, opts, bands);
  }

  get step(): number {
    return maxOf(this.progress.map((p) => p.stepsDone), 0);
  }

  /** GPU seconds of the training passes read back so far; undefined without timestamp queries. */
  get gpuBusySeconds(): number | undefined {
    return this.timer ? this.ring.timedSeconds : undefined;
  }

  /** GPU memory held, in bytes. */
  get gpuBytes(): number {
    return this.chunks.reduce((s, c) => s + c.bytes, 0) + (this.bands?.gpuBytes ?? 0) + (this.timer?.bytes ?? 0) + this.envTableBuffer.size + this.dispatchBuffer.size + this.ring.bytes;
  }

  private anyRunning(): boolean {
    return this.progress.some((p) => p.status === 'running');
  }

  /** Wait for a block's readback, turn it into records and take the logits checkpoint. */
  private async finishBlock(block: Block, out: StepRecord[][]): Promise<void> {
    await this.ring.read(block, (chunk, c, bytes) => {
      const rb = {
        runOffset: chunk.runOffset,
        runCount: chunk.runCount,
        slotsPerRun: this.plan.slotsPerRun,
        metrics: new Float32Array(bytes, 0, chunk.metricsBuffer.size / 4),
        states: new Uint32Array(bytes, chunk.readbackOffset('runStates'), chunk.runStateBuffer.size / 4),
      };
      readRecords(rb, block.start, block.steps, this.shape, this.origins, this.progress, out);
      this.snapshots.takeFrom(c, bytes);
    });
    this.lockstep = block.start + block.steps;
  }

  /**
   * Step every running run up to step `target`, its records into `out` (per run), with up to
   * RING blocks in flight. Throws if the device is lost or fails; the records of the blocks read
   * back before that are in `out` and lockstep is their end.
   */
  async advanceTo(target: number, out: StepRecord[][]): Promise<void> {
    const inFlight: Block[] = [];
    let next = this.lockstep;
    let ring = 0;
    for (;;) {
      if (this.lostReason) throw new Error(this.lostReason);
      if (next < target && inFlight.length < RING && this.anyRunning()) {
        const steps = Math.min(this.plan.slotsPerRun, target - next);
        inFlight.push(this.ring.submit(next, steps, ring));
        ring = (ring + 1) % RING;
        next += steps;
      } else if (inFlight.length > 0) {
        await this.finishBlock(inFlight.shift()!, out);
      } else {
        break;
      }
    }
  }

  /** The GPU's bands of the recorded metrics among `keys` at the steps since the last call, or undefined (see Backend). */
  takeBands(keys: readonly string[]): StepBands | undefined {
    return this.bands?.take(keys, this.lockstep, this.shape);
  }

  statuses() {
    return this.progress.map((p) => ({ status: p.status, reason: p.reason }));
  }

  logits(run: number): Float64Array {
    return this.snapshots.logitsOf(run);
  }

  checkpoint(): Checkpoint {
    return this.snapshots.checkpoint(this.step, this.progress);
  }

  /** Resume from a checkpoint. The GPU steps runs in lockstep: running runs must share one step. */
  restore(cp: Checkpoint): void {
    const running = new Set(cp.runs.filter((r) => r.status !== 'diverged' && r.step < this.config.steps).map((r) => r.step));
    if (running.size > 1) throw new Error('webgpu restore: every running run must be at the same step');
    for (const saved of cp.runs) this.progress[saved.run] = this.snapshots.restoreRun(saved, this.config.steps);
    // The kernel leaves every gradient bin at zero after a step; start a new history so too.
    const encoder = this.kernel.device.createCommandEncoder({ label: 'WebGpuBackend.restore' });
    for (const chunk of this.chunks) encoder.clearBuffer(chunk.accumBuffer);
    this.kernel.device.queue.submit([encoder.finish()]);
    this.lockstep = running.size === 1 ? [...running][0] : cp.step;
    this.bands?.restart(this.lockstep);
  }

  /** Destroy every GPU buffer (and the device, if it was the factory's); once. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const c of this.chunks) c.destroy();
    this.bands?.destroy();
    this.timer?.destroy();
    this.ring.destroy();
    for (const b of [this.envTableBuffer, this.dispatchBuffer]) b.destroy();
    if (this.opts.ownsDevice) this.kernel.device.destroy();
  }
}
