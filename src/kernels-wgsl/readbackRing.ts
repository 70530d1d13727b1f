// The readback ring of the `webgpu` backend: a block of steps is encoded as its training
// passes (paced so no submit trips a GPU watchdog), then copied into one of RING staging slots
// and mapped, so the GPU computes block b+1 while block b is read. Chunk 0's slot also carries
// the GPU's ensemble bands and the pass timestamps, after its own readback.
import type { BandsReadback } from './bandsReadback';
import { PassTimer } from './passTimer';
import { DISPATCH_PARAMS, ENV_KIND } from './train/layout';
import type { TrainPlan } from './train/plan';
import { DISPATCH_SLOT_BYTES, type TrainChunk, type TrainKernel } from './train/TrainKernel';
import type { GpuWaiter } from './webgpuOptions';

/** Rough kernel work (simple operations) one submit may hold, so no submit trips a GPU watchdog. */
const SUBMIT_WORK = 2 ** 28;
/** Blocks in flight at once (staging slots). */
export const RING = 2;

/** A submitted block of steps: its staging slot (one buffer per chunk) and their mapping. */
export interface Block {
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

/** Steps per dispatch: `requested`, else as many as keep one submit of `runs` runs under SUBMIT_WORK (at most a block). */
export function stepsPerDispatchFor(plan: TrainPlan, runs: number, requested: number | undefined): number {
  const work = stepWork(plan) * runs;
  return Math.max(1, Math.min(plan.slotsPerRun, requested ?? Math.floor(SUBMIT_WORK / Math.max(1, work))));
}

/** What the ring encodes and reads: the ensemble's kernel, chunks and per-dispatch uniforms. */
export interface RingParts {
  kernel: TrainKernel;
  plan: TrainPlan;
  runs: number;
  chunks: readonly TrainChunk[];
  dispatchBuffer: GPUBuffer;
  stepsPerDispatch: number;
  bands?: BandsReadback;
  timer?: PassTimer;
  waitForGpu?: GpuWaiter;
}

export class ReadbackRing {
  private readonly staging: GPUBuffer[][] = [];
  /** GPU seconds of the training passes read back so far (with a timer). */
  timedSeconds = 0;

  constructor(private readonly parts: RingParts) {}

  /** Staging bytes allocated so far. */
  get bytes(): number {
    return this.staging.flat().reduce((s, b) => s + b.size, 0);
  }

  /** Bytes of the GPU bands in chunk 0's readback. */
  private get bandBytes(): number {
    return this.parts.bands?.bytes ?? 0;
  }

  /** Encode, submit and start mapping one block of steps into staging ring slot `ring`. */
  submit(start: number, steps: number, ring: number): Block {
    const { kernel, plan, runs, chunks, dispatchBuffer, stepsPerDispatch, bands, timer } = this.parts;
    const device = kernel.device;
    // Chunk 0's staging also holds the bands and the pass timestamps, after its metrics, run
    // states and logits.
    const extraBytes = (c: number) => (c === 0 ? this.bandBytes + (timer?.bytes ?? 0) : 0);
    this.staging[ring] ??= chunks.map((c, i) => device.createBuffer({ label: `WebGpuBackend.stagingBuffer${ring}`, size: c.readbackBytes + extraBytes(i), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST }));
    const dispatches: { stepStart: number; stepCount: number; slotStart: number }[] = [];
    for (let s = 0; s < steps; s += stepsPerDispatch) dispatches.push({ stepStart: start + s, stepCount: Math.min(stepsPerDispatch, steps - s), slotStart: s });
    dispatches.forEach((d, i) => device.queue.writeBuffer(dispatchBuffer, i * DISPATCH_SLOT_BYTES, DISPATCH_PARAMS.encode({ ...d, reserved: 0 })));
    // One submit per dispatch keeps each under the watchdog budget; small ensembles fit one.
    const perSubmit = Math.max(1, Math.floor(SUBMIT_WORK / Math.max(1, stepWork(plan) * runs * stepsPerDispatch)));
    let encoder = device.createCommandEncoder({ label: 'WebGpuBackend.encoder' });
    dispatches.forEach((_, i) => {
      const pass = encoder.beginComputePass({ label: 'WebGpuBackend.trainPass', timestampWrites: timer?.writes(i) });
      pass.setPipeline(kernel.pipeline);
      for (const chunk of chunks) {
        pass.setBindGroup(0, chunk.bindGroup, [i * DISPATCH_SLOT_BYTES]);
        pass.dispatchWorkgroups(chunk.runCount);
      }
      pass.end();
      if ((i + 1) % perSubmit === 0 && i + 1 < dispatches.length) {
        device.queue.submit([encoder.finish()]);
        encoder = device.createCommandEncoder({ label: 'WebGpuBackend.encoder' });
      }
    });
    chunks.forEach((chunk, c) => chunk.copyToStaging(encoder, this.staging[ring][c]));
    bands?.encode(encoder, start, steps, this.staging[ring][0], chunks[0].readbackBytes);
    timer?.encodeCopy(encoder, dispatches.length, this.staging[ring][0], chunks[0].readbackBytes + this.bandBytes);
    device.queue.submit([encoder.finish()]);
    const staging = this.staging[ring];
    const mapped = Promise.all(staging.map((b) => b.mapAsync(GPUMapMode.READ)));
    // A block still in flight when the device is lost is abandoned (the CPU redoes its steps):
    // its rejected mapping must not surface as an unhandled rejection.
    mapped.catch(() => undefined);
    return { start, steps, passes: dispatches.length, staging, mapped };
  }

  /** Wait for a block's mapping, hand each chunk's readback to `readChunk`, keep the bands and pass times, unmap. */
  async read(block: Block, readChunk: (chunk: TrainChunk, c: number, bytes: ArrayBuffer) => void): Promise<void> {
    const { chunks, bands, timer, waitForGpu } = this.parts;
    await (waitForGpu ? waitForGpu(block.mapped) : block.mapped);
    chunks.forEach((chunk, c) => {
      const bytes = block.staging[c].getMappedRange();
      readChunk(chunk, c, bytes);
      if (c === 0 && bands) bands.read(bytes, chunk.readbackBytes, block.start, block.steps);
      if (c === 0 && timer) this.timedSeconds += PassTimer.seconds(bytes, chunk.readbackBytes + this.bandBytes, block.passes);
      block.staging[c].unmap();
    });
  }

  /** Destroy the staging buffers (the parts belong to the ensemble). */
  destroy(): void {
    for (const b of this.staging.flat()) b.destroy();
  }
}
