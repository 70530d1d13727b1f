// The `webgpu` backend (design.md): every run of an ensemble stepped by the fused WGSL
// training kernel, one workgroup per run, several steps per dispatch. Metrics are reduced on
// the GPU and read back with mapAsync once per block of steps into a ring of two staging
// buffers, so the GPU computes block b+1 while block b is read. Each readback also keeps a
// checkpoint of the logits; if the device is lost the run continues on the CPU from there.
import type { ExperimentConfig } from '../sim/config';
import { CpuBackend } from '../sim/cpuBackend';
import { createEnvironment } from '../sim/experiment';
import { initialLogits, logSoftmaxTable } from '../sim/policy';
import type { Backend, BackendName, Checkpoint, Environment, StepRecord } from '../sim/types';
import { DISPATCH_PARAMS, ENV_KIND, RUN_STATE, RUN_STATUS } from './train/layout';
import { planTraining, runsPerChunk, type TrainPlan } from './train/plan';
import { interventionStates, readRecords, recordShape, stateWords, type RecordShape, type RunProgress } from './train/records';
import { DISPATCH_SLOT_BYTES, TrainChunk, TrainKernel } from './train/TrainKernel';
import { BAND_WORDS, BandsKernel, ChunkBands } from './bands/BandsKernel';
import { MAX_BAND_RUNS, MIN_BAND_RUNS } from './bands/layout';
import { PassTimer } from './passTimer';
import type { Band, StepBands } from '../sim/ensemble';
import { maxOf } from '../sim/arrays';

export interface WebGpuOptions {
  /** Steps per readback (metric slots per run). Default 16. */
  readbackEvery?: number;
  /** Steps per dispatch; default: as many as keep one submit under SUBMIT_WORK. */
  stepsPerDispatch?: number;
  /** Invocations per workgroup (a power of two, 4–256). Default: workgroupSizeFor the adapter. */
  workgroupSize?: number;
  /** The adapter's name, for the backend badge. */
  adapterName?: string;
  /** Destroy the device on dispose (the factory created it). */
  ownsDevice?: boolean;
  /** How to await a readback; Node passes one that keeps Dawn from spinning a core (nodeGpu.ts). */
  waitForGpu?: GpuWaiter;
}

/** Awaits a promise of the GPU (mapAsync) the way the host prefers. */
export type GpuWaiter = <T>(pending: Promise<T>) => Promise<T>;

/**
 * Invocations per workgroup for an adapter: 64 on GPUs; 16 on a CPU adapter (SIMD width 4,
 * SwiftShader), where a workgroup runs as 4-lane fibres that switch at every barrier and
 * fewer, longer invocations measured 1.8× faster (256 runs of the bench workload, 16 vs 64).
 */
export function workgroupSizeFor(info: Pick<GPUAdapterInfo, 'subgroupMaxSize'> | undefined): number {
  const width = info?.subgroupMaxSize ?? 0;
  return width > 0 && width <= 4 ? 16 : 64;
}

/** Rough kernel work (simple operations) one submit may hold, so no submit trips a GPU watchdog. */
const SUBMIT_WORK = 2 ** 28;
const RING = 2;

interface Block {
  start: number;
  steps: number;
  passes: number;
  staging: GPUBuffer[];
  mapped: Promise<unknown>;
}

/** Estimated operations of one step of one run (sampling, epochs, evaluation). */
function stepWork(plan: TrainPlan): number {
  const p = plan.params;
  const visitation = p.envKind === ENV_KIND.tokens ? p.groups * p.maxLength * p.actions * p.actions : p.envKind === ENV_KIND.mdp ? p.maxLength * plan.tableSize * 4 : 0;
  return plan.tokens * (p.actions + 60) + plan.tableSize * (8 + 4 * p.epochs) + visitation;
}

export class WebGpuBackend implements Backend {
  private readonly chunks: TrainChunk[] = [];
  private readonly envTableBuffer: GPUBuffer;
  private readonly dispatchBuffer: GPUBuffer;
  private readonly staging: GPUBuffer[][] = [];
  private readonly shape: RecordShape;
  private readonly progress: RunProgress[];
  private readonly snapshot: Float32Array<ArrayBuffer>[];
  /** Per chunk, the stages' state words of its runs at the last readback (with the logits: one checkpoint). */
  private readonly stateSnapshot: Float32Array<ArrayBuffer>[];
  /** Bands reduced on the GPU (one chunk of MIN_BAND_RUNS to MAX_BAND_RUNS runs), and per step not yet taken their rows. */
  private readonly bands?: ChunkBands;
  private readonly bandRows = new Map<number, Float32Array>();
  /** The first step whose bands takeBands has not handed out. */
  private bandsTaken = 0;
  private readonly stepsPerDispatch: number;
  /** Times the training passes where the device has timestamp queries. */
  private readonly timer?: PassTimer;
  private timedSeconds = 0;
  private fallback?: CpuBackend;
  private lostReason?: string;
  private disposed = false;
  /** Step every running run has reached on the GPU (all advance in lockstep). */
  private lockstep = 0;
  /** A message for the user about the backend (e.g. the device was lost), or undefined. */
  notice?: string;

  private constructor(
    private readonly config: ExperimentConfig,
    readonly env: Environment,
    readonly plan: TrainPlan,
    private readonly kernel: TrainKernel,
    private readonly opts: WebGpuOptions,
    bandsKernel: BandsKernel | undefined,
  ) {
    const device = kernel.device;
    this.shape = recordShape(config, env, plan);
    this.envTableBuffer = device.createBuffer({ label: 'WebGpuBackend.envTableBuffer', size: Math.max(16, Math.ceil(plan.envTable.byteLength / 16) * 16), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(this.envTableBuffer, 0, plan.envTable);
    const work = stepWork(plan) * config.runs;
    this.stepsPerDispatch = Math.max(1, Math.min(plan.slotsPerRun, opts.stepsPerDispatch ?? Math.floor(SUBMIT_WORK / Math.max(1, work))));
    const dispatchSlots = Math.ceil(plan.slotsPerRun / this.stepsPerDispatch);
    this.timer = PassTimer.forDevice(device, dispatchSlots);
    this.dispatchBuffer = device.createBuffer({ label: 'WebGpuBackend.dispatchBuffer', size: dispatchSlots * DISPATCH_SLOT_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    const perChunk = runsPerChunk(plan, device.limits.maxStorageBufferBindingSize, device.limits.maxComputeWorkgroupsPerDimension);
    for (let offset = 0; offset < config.runs; offset += perChunk) {
      this.chunks.push(new TrainChunk(kernel, plan, this.envTableBuffer, this.dispatchBuffer, offset, Math.min(perChunk, config.runs - offset)));
    }
    this.progress = Array.from({ length: config.runs }, () => ({ status: 'running' as const, stepsDone: 0 }));
    this.snapshot = this.chunks.map((c) => new Float32Array(c.runCount * plan.tableSize));
    this.stateSnapshot = this.chunks.map((c) => new Float32Array(c.runCount * plan.stateStride));
    if (bandsKernel && this.chunks.length === 1) this.bands = new ChunkBands(bandsKernel, this.chunks[0], plan.slotsPerRun, plan.recordWords);
    this.uploadInitialPolicy();
    device.lost.then((info) => {
      if (!this.disposed) this.lostReason = `the WebGPU device was lost (${info.message || info.reason || 'no reason given'})`;
    });
  }

  /** Compile the kernel and allocate every run's buffers on `device`. */
  static async create(config: ExperimentConfig, device: GPUDevice, opts: WebGpuOptions = {}): Promise<WebGpuBackend> {
    const env = createEnvironment(config);
    const plan = planTraining(config, env, Math.max(1, opts.readbackEvery ?? 16));
    // GPUDevice.adapterInfo is recent (Chrome 132); without it, the GPU default.
    const info = (device as GPUDevice & { adapterInfo?: GPUAdapterInfo }).adapterInfo;
    const kernel = await TrainKernel.create(device, opts.workgroupSize ?? workgroupSizeFor(info), plan.stages);
    // The bands pipeline is compiled only for ensembles it serves.
    const bands = config.runs >= MIN_BAND_RUNS && config.runs <= MAX_BAND_RUNS ? await BandsKernel.create(device) : undefined;
    return new WebGpuBackend(config, env, plan, kernel, opts, bands);
  }

  get name(): BackendName {
    return this.fallback ? 'cpu' : 'webgpu';
  }

  get label(): string {
    return this.fallback ? this.fallback.label : `WebGPU (${this.opts.adapterName || 'adapter'}, float32)`;
  }

  get step(): number {
    return this.fallback ? this.fallback.step : maxOf(this.progress.map((p) => p.stepsDone), 0);
  }

  /** GPU seconds of the training passes read back so far; undefined without timestamp queries. */
  get gpuBusySeconds(): number | undefined {
    return this.timer ? this.timedSeconds : undefined;
  }

  /** GPU memory held by this backend, in bytes. */
  get gpuBytes(): number {
    const bands = this.bands ? this.bands.bandsBuffer.size + this.bands.paramsBuffer.size : 0;
    return this.chunks.reduce((s, c) => s + c.bytes, 0) + bands + (this.timer?.bytes ?? 0) + this.envTableBuffer.size + this.dispatchBuffer.size + this.staging.flat().reduce((s, b) => s + b.size, 0);
  }

  private uploadInitialPolicy(): void {
    const { env, config, plan } = this;
    const T = plan.tableSize;
    const shared = plan.sharedReference ? initialLogits(config.policy.init, env.shape, () => env.initialLogits(), config.seed, 0) : undefined;
    for (const [c, chunk] of this.chunks.entries()) {
      const ref = new Float32Array((plan.sharedReference ? 1 : chunk.runCount) * T);
      for (let r = 0; r < chunk.runCount; r++) {
        const z = shared ?? initialLogits(config.policy.init, env.shape, () => env.initialLogits(), config.seed, chunk.runOffset + r);
        this.snapshot[c].set(z, r * T);
        if (!plan.sharedReference || r === 0) ref.set(logSoftmaxTable(z, env.shape), r * T);
      }
      for (let r = 0; r < chunk.runCount; r++) this.stateSnapshot[c].set(plan.initialState, r * plan.stateStride);
      this.kernel.device.queue.writeBuffer(chunk.logitsBuffer, 0, this.snapshot[c]);
      this.kernel.device.queue.writeBuffer(chunk.refBuffer, 0, ref);
      for (let r = 0; r < chunk.runCount; r++) chunk.writeStageState(r, plan.initialState);
    }
  }

  private anyRunning(): boolean {
    return this.progress.some((p) => p.status === 'running');
  }

  /** Bytes of the GPU bands in chunk 0's readback. */
  private get bandBytes(): number {
    return this.bands ? this.bands.bandsBuffer.size : 0;
  }

  /** Encode, submit and start mapping one block of steps into staging ring slot `ring`. */
  private submitBlock(start: number, steps: number, ring: number): Block {
    const device = this.kernel.device;
    // Chunk 0's staging also holds the bands and the pass timestamps, after its metrics, run
    // states and logits.
    const extraBytes = (c: number) => (c === 0 ? this.bandBytes + (this.timer?.bytes ?? 0) : 0);
    this.staging[ring] ??= this.chunks.map((c, i) => device.createBuffer({ label: `WebGpuBackend.stagingBuffer${ring}`, size: c.readbackBytes + extraBytes(i), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST }));
    const dispatches: { stepStart: number; stepCount: number; slotStart: number }[] = [];
    for (let s = 0; s < steps; s += this.stepsPerDispatch) dispatches.push({ stepStart: start + s, stepCount: Math.min(this.stepsPerDispatch, steps - s), slotStart: s });
    dispatches.forEach((d, i) => device.queue.writeBuffer(this.dispatchBuffer, i * DISPATCH_SLOT_BYTES, DISPATCH_PARAMS.encode({ ...d, reserved: 0 })));
    // One submit per dispatch keeps each under the watchdog budget; small ensembles fit one.
    const perSubmit = Math.max(1, Math.floor(SUBMIT_WORK / Math.max(1, stepWork(this.plan) * this.config.runs * this.stepsPerDispatch)));
    let encoder = device.createCommandEncoder({ label: 'WebGpuBackend.encoder' });
    dispatches.forEach((_, i) => {
      const pass = encoder.beginComputePass({ label: 'WebGpuBackend.trainPass', timestampWrites: this.timer?.writes(i) });
      pass.setPipeline(this.kernel.pipeline);
      for (const chunk of this.chunks) {
        pass.setBindGroup(0, chunk.bindGroup, [i * DISPATCH_SLOT_BYTES]);
        pass.dispatchWorkgroups(chunk.runCount);
      }
      pass.end();
      if ((i + 1) % perSubmit === 0 && i + 1 < dispatches.length) {
        device.queue.submit([encoder.finish()]);
        encoder = device.createCommandEncoder({ label: 'WebGpuBackend.encoder' });
      }
    });
    this.chunks.forEach((chunk, c) => chunk.copyToStaging(encoder, this.staging[ring][c]));
    if (this.bands) {
      this.bands.encode(encoder, start, steps);
      encoder.copyBufferToBuffer(this.bands.bandsBuffer, 0, this.staging[ring][0], this.chunks[0].readbackBytes, this.bands.bandsBuffer.size);
    }
    this.timer?.encodeCopy(encoder, dispatches.length, this.staging[ring][0], this.chunks[0].readbackBytes + this.bandBytes);
    device.queue.submit([encoder.finish()]);
    const staging = this.staging[ring];
    const mapped = Promise.all(staging.map((b) => b.mapAsync(GPUMapMode.READ)));
    // A block still in flight when the device is lost is abandoned (the CPU redoes its steps):
    // its rejected mapping must not surface as an unhandled rejection.
    mapped.catch(() => undefined);
    return { start, steps, passes: dispatches.length, staging, mapped };
  }

  /** Wait for a block's readback, turn it into records and take the logits checkpoint. */
  private async finishBlock(block: Block, out: StepRecord[][]): Promise<void> {
    await (this.opts.waitForGpu ? this.opts.waitForGpu(block.mapped) : block.mapped);
    this.chunks.forEach((chunk, c) => {
      const bytes = block.staging[c].getMappedRange();
      const rb = {
        runOffset: chunk.runOffset,
        runCount: chunk.runCount,
        slotsPerRun: this.plan.slotsPerRun,
        metrics: new Float32Array(bytes, 0, chunk.metricsBuffer.size / 4),
        states: new Uint32Array(bytes, chunk.readbackOffset('runStates'), chunk.runStateBuffer.size / 4),
      };
      readRecords(rb, block.start, block.steps, this.shape, this.config, this.progress, out);
      this.snapshot[c].set(new Float32Array(bytes, chunk.readbackOffset('logits'), this.snapshot[c].length));
      this.stateSnapshot[c].set(new Float32Array(bytes, chunk.readbackOffset('stageState'), this.stateSnapshot[c].length));
      if (c === 0 && this.bands) {
        const row = this.plan.recordWords * BAND_WORDS;
        for (let s = 0; s < block.steps; s++) this.bandRows.set(block.start + s, new Float32Array(bytes.slice(chunk.readbackBytes + s * row * 4, chunk.readbackBytes + (s + 1) * row * 4)));
      }
      if (c === 0 && this.timer) this.timedSeconds += PassTimer.seconds(bytes, chunk.readbackBytes + this.bandBytes, block.passes);
      block.staging[c].unmap();
    });
    this.lockstep = block.start + block.steps;
  }

  async advance(maxSteps: number): Promise<StepRecord[]> {
    if (this.fallback) return this.fallback.advance(maxSteps);
    const out: StepRecord[][] = this.progress.map(() => []);
    const target = Math.min(this.config.steps, this.lockstep + Math.max(0, Math.floor(maxSteps)));
    try {
      const inFlight: Block[] = [];
      let next = this.lockstep;
      let ring = 0;
      for (;;) {
        if (this.lostReason) throw new Error(this.lostReason);
        if (next < target && inFlight.length < RING && this.anyRunning()) {
          const steps = Math.min(this.plan.slotsPerRun, target - next);
          inFlight.push(this.submitBlock(next, steps, ring));
          ring = (ring + 1) % RING;
          next += steps;
        } else if (inFlight.length > 0) {
          await this.finishBlock(inFlight.shift()!, out);
        } else {
          break;
        }
      }
    } catch (e) {
      const cpu = this.fallBack(this.lostReason ?? `WebGPU failed (${(e as Error).message})`);
      for (const r of cpu.advanceSync(target - this.lockstep)) out[r.run].push(r);
    }
    return out.flat();
  }

  /** Continue on the CPU from the last readback's checkpoint (the counter RNG replays the same draws). */
  private fallBack(reason: string): CpuBackend {
    const cp = this.checkpoint();
    const cpu = new CpuBackend(this.config);
    cpu.restore(cp);
    this.fallback = cpu;
    this.notice = `${reason}; continued on the CPU from step ${cp.step}`;
    this.releaseGpu();
    return cpu;
  }

  /** The GPU's bands of the recorded metrics among `keys` at the steps since the last call, or undefined (see Backend). */
  takeBands(keys: readonly string[]): StepBands | undefined {
    const from = this.bandsTaken;
    const to = this.lockstep;
    this.bandsTaken = to;
    const rows = Array.from({ length: to - from }, (_, i) => this.bandRows.get(from + i));
    for (let t = from; t < to; t++) this.bandRows.delete(t);
    if (this.fallback || !this.bands || rows.some((r) => !r)) return undefined;
    const recorded = [...this.shape.fields, ...this.shape.interventionMetrics.filter((m) => 'word' in m)] as { name: string; word: number }[];
    // The keys the kernel records; the caller reduces any others itself.
    const words = keys.flatMap((k) => recorded.filter((f) => f.name === k));
    if (words.length === 0) return undefined;
    const at = (row: Float32Array, w: number): Band => {
      const b = row.subarray(w * BAND_WORDS, (w + 1) * BAND_WORDS);
      return { mean: b[0], q10: b[1], q50: b[2], q90: b[3] };
    };
    return {
      steps: rows.map((_, i) => from + i),
      bands: Object.fromEntries(words.map((f) => [f.name, rows.map((row) => at(row!, f.word))])),
    };
  }

  statuses() {
    return this.fallback ? this.fallback.statuses() : this.progress.map((p) => ({ status: p.status, reason: p.reason }));
  }

  private chunkOf(run: number): { chunk: TrainChunk; index: number; local: number } {
    const index = this.chunks.findIndex((c) => run >= c.runOffset && run < c.runOffset + c.runCount);
    if (index < 0) throw new Error(`no run ${run} (the ensemble has ${this.config.runs})`);
    return { chunk: this.chunks[index], index, local: run - this.chunks[index].runOffset };
  }

  logits(run: number): Float64Array {
    if (this.fallback) return this.fallback.logits(run);
    const { index, local } = this.chunkOf(run);
    const T = this.plan.tableSize;
    return Float64Array.from(this.snapshot[index].subarray(local * T, (local + 1) * T));
  }

  /** A run's stage state words at the last readback. */
  private stateWordsOf(run: number): Float32Array {
    const { index, local } = this.chunkOf(run);
    const S = this.plan.stateStride;
    return this.stateSnapshot[index].subarray(local * S, (local + 1) * S);
  }

  checkpoint(): Checkpoint {
    if (this.fallback) return this.fallback.checkpoint();
    return {
      step: this.step,
      runs: this.progress.map((p, run) => ({
        run,
        step: p.stepsDone,
        status: p.status,
        reason: p.reason,
        logits: Array.from(this.logits(run)),
        interventionState: interventionStates(this.plan, this.stateWordsOf(run)),
      })),
    };
  }

  /** Resume from a checkpoint. The GPU steps runs in lockstep: running runs must share one step. */
  restore(cp: Checkpoint): void {
    if (this.fallback) return this.fallback.restore(cp);
    const T = this.plan.tableSize;
    const running = new Set(cp.runs.filter((r) => r.status !== 'diverged' && r.step < this.config.steps).map((r) => r.step));
    if (running.size > 1) throw new Error('webgpu restore: every running run must be at the same step');
    for (const saved of cp.runs) {
      const { chunk, index, local } = this.chunkOf(saved.run);
      const z = Float32Array.from(saved.logits);
      this.snapshot[index].set(z, local * T);
      this.kernel.device.queue.writeBuffer(chunk.logitsBuffer, local * T * 4, z);
      const state = stateWords(this.plan, saved.interventionState);
      this.stateSnapshot[index].set(state, local * this.plan.stateStride);
      chunk.writeStageState(local, state);
      const diverged = saved.status === 'diverged';
      const runState = RUN_STATE.encode({ status: diverged ? RUN_STATUS.diverged : RUN_STATUS.running, divergedStep: 0, divergedField: 0, stepsDone: saved.step });
      this.kernel.device.queue.writeBuffer(chunk.runStateBuffer, local * RUN_STATE.size, runState, 0, RUN_STATE.size);
      this.progress[saved.run] = { status: saved.step >= this.config.steps ? 'done' : diverged ? 'diverged' : 'running', reason: saved.reason, stepsDone: saved.step };
    }
    // The kernel leaves every gradient bin at zero after a step; start a new history so too.
    const encoder = this.kernel.device.createCommandEncoder({ label: 'WebGpuBackend.restore' });
    for (const chunk of this.chunks) encoder.clearBuffer(chunk.accumBuffer);
    this.kernel.device.queue.submit([encoder.finish()]);
    this.lockstep = running.size === 1 ? [...running][0] : cp.step;
    // Bands of earlier steps came from another history.
    this.bandRows.clear();
    this.bandsTaken = this.lockstep;
  }

  private releaseGpu(): void {
    this.disposed = true;
    for (const c of this.chunks) c.destroy();
    this.bands?.destroy();
    this.timer?.destroy();
    for (const b of [this.envTableBuffer, this.dispatchBuffer, ...this.staging.flat()]) b.destroy();
    if (this.opts.ownsDevice) this.kernel.device.destroy();
  }

  dispose(): void {
    if (!this.fallback && !this.disposed) this.releaseGpu();
    this.fallback?.dispose();
  }
}
