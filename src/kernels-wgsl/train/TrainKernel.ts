// Host class of the fused training kernel (train/*.wgsl and the config's stages, assemble.ts):
// the pipeline with its explicit bind group layout, and TrainChunk, the labelled buffers of a
// contiguous block of runs. A chunk holds at most as many runs as fit one storage binding and
// one dispatch dimension.
import { DISPATCH_PARAMS, RUN_STATE, TRAIN_PARAMS } from './layout';
import type { TrainPlan } from './plan';
import { assembleTrainWgsl, STAGE_PARAMS_BINDING } from './assemble';
import type { AnyGpuStage } from './stages/types';
import { compileOnce } from '../compileOnce';

/** Bytes between DispatchParams slots (the default minUniformBufferOffsetAlignment). */
export const DISPATCH_SLOT_BYTES = 256;

/** Compiled pipelines per device, workgroup size and stage set: backends on one device share them. */
const compiled = new WeakMap<GPUDevice, Map<string, Promise<TrainKernel>>>();

export class TrainKernel {
  readonly bindGroupLayout: GPUBindGroupLayout;
  private constructor(
    readonly device: GPUDevice,
    readonly pipeline: GPUComputePipeline,
    bindGroupLayout: GPUBindGroupLayout,
    readonly workgroupSize: number,
  ) {
    this.bindGroupLayout = bindGroupLayout;
  }

  static create(device: GPUDevice, workgroupSize: number, stages: readonly AnyGpuStage[]): Promise<TrainKernel> {
    if (!compiled.has(device)) compiled.set(device, new Map());
    const key = [workgroupSize, ...stages.map((s) => s.id)].join(' ');
    return compileOnce(compiled.get(device)!, key, () => TrainKernel.compile(device, workgroupSize, stages));
  }

  private static async compile(device: GPUDevice, workgroupSize: number, stages: readonly AnyGpuStage[]): Promise<TrainKernel> {
    const storage = (binding: number, type: GPUBufferBindingType): GPUBindGroupLayoutEntry => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type } });
    const bindGroupLayout = device.createBindGroupLayout({
      label: 'TrainKernel.bindGroupLayout',
      entries: [
        storage(0, 'uniform'),
        { binding: 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform', hasDynamicOffset: true, minBindingSize: DISPATCH_PARAMS.uniformSize } },
        storage(2, 'read-only-storage'),
        storage(3, 'storage'),
        storage(4, 'read-only-storage'),
        storage(5, 'storage'),
        storage(6, 'storage'),
        storage(7, 'storage'),
        storage(8, 'storage'),
        storage(9, 'storage'),
        storage(STAGE_PARAMS_BINDING, 'uniform'),
      ],
    });
    const module = device.createShaderModule({ label: 'TrainKernel.module', code: assembleTrainWgsl(stages) });
    const pipeline = await device.createComputePipelineAsync({
      label: 'TrainKernel.pipeline',
      layout: device.createPipelineLayout({ label: 'TrainKernel.pipelineLayout', bindGroupLayouts: [bindGroupLayout] }),
      compute: { module, entryPoint: 'trainSteps', constants: { WORKGROUP_SIZE: workgroupSize } },
    });
    return new TrainKernel(device, pipeline, bindGroupLayout, workgroupSize);
  }
}

/** The buffers of runs [runOffset, runOffset + runCount) and their bind group. */
export class TrainChunk {
  readonly paramsBuffer: GPUBuffer;
  readonly stageParamsBuffer: GPUBuffer;
  readonly logitsBuffer: GPUBuffer;
  readonly refBuffer: GPUBuffer;
  readonly scratchBuffer: GPUBuffer;
  readonly tokenBuffer: GPUBuffer;
  readonly accumBuffer: GPUBuffer;
  readonly metricsBuffer: GPUBuffer;
  readonly runStateBuffer: GPUBuffer;
  readonly bindGroup: GPUBindGroup;
  readonly bytes: number;
  /** Where the runs' stage state sits in scratchBuffer, and its bytes. */
  private readonly stateByteOffset: number;
  private readonly stateBytes: number;
  private readonly device: GPUDevice;

  constructor(
    kernel: TrainKernel,
    plan: TrainPlan,
    envTableBuffer: GPUBuffer,
    dispatchBuffer: GPUBuffer,
    readonly runOffset: number,
    readonly runCount: number,
  ) {
    const device = kernel.device;
    this.device = device;
    const make = (name: string, words: number, usage: number) =>
      device.createBuffer({ label: `TrainChunk.${name}`, size: Math.max(16, 4 * Math.ceil(words / 4) * 4), usage });
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    this.paramsBuffer = device.createBuffer({ label: 'TrainChunk.paramsBuffer', size: TRAIN_PARAMS.uniformSize, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(this.paramsBuffer, 0, TRAIN_PARAMS.encode({ ...plan.params, runOffset, runCount }));
    this.stageParamsBuffer = device.createBuffer({ label: 'TrainChunk.stageParamsBuffer', size: plan.stageParams.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(this.stageParamsBuffer, 0, plan.stageParams);
    this.logitsBuffer = make('logitsBuffer', runCount * plan.tableSize, storage);
    this.refBuffer = make('refBuffer', (plan.sharedReference ? 1 : runCount) * plan.tableSize, storage);
    // Every run's scratch, then every run's stage state (layout.wgsl stateBase).
    this.scratchBuffer = make('scratchBuffer', runCount * (plan.scratchStride + plan.stateStride), storage);
    this.stateByteOffset = 4 * runCount * plan.scratchStride;
    this.stateBytes = 4 * runCount * plan.stateStride;
    this.tokenBuffer = make('tokenBuffer', runCount * plan.tokenStride, storage);
    this.accumBuffer = make('accumBuffer', runCount * plan.accumStride, storage);
    this.metricsBuffer = make('metricsBuffer', runCount * plan.slotsPerRun * plan.recordWords, storage);
    this.runStateBuffer = make('runStateBuffer', (runCount * RUN_STATE.stride) / 4, storage);
    const buffers = this.buffers;
    this.bytes = buffers.reduce((s, b) => s + b.size, 0);
    this.bindGroup = device.createBindGroup({
      label: 'TrainChunk.bindGroup',
      layout: kernel.bindGroupLayout,
      entries: [
        { binding: 0, resource: { buffer: this.paramsBuffer } },
        { binding: 1, resource: { buffer: dispatchBuffer, size: DISPATCH_PARAMS.uniformSize } },
        { binding: 2, resource: { buffer: envTableBuffer } },
        { binding: 3, resource: { buffer: this.logitsBuffer } },
        { binding: 4, resource: { buffer: this.refBuffer } },
        { binding: 5, resource: { buffer: this.scratchBuffer } },
        { binding: 6, resource: { buffer: this.tokenBuffer } },
        { binding: 7, resource: { buffer: this.accumBuffer } },
        { binding: 8, resource: { buffer: this.metricsBuffer } },
        { binding: 9, resource: { buffer: this.runStateBuffer } },
        { binding: STAGE_PARAMS_BINDING, resource: { buffer: this.stageParamsBuffer } },
      ],
    });
  }

  private get buffers(): GPUBuffer[] {
    return [this.paramsBuffer, this.stageParamsBuffer, this.logitsBuffer, this.refBuffer, this.scratchBuffer, this.tokenBuffer, this.accumBuffer, this.metricsBuffer, this.runStateBuffer];
  }

  /** What one readback holds, in order: the metric slots, the run states, the logits, the stages' state (buffer, byte offset, bytes). */
  private get readback(): [GPUBuffer, number, number][] {
    return [
      [this.metricsBuffer, 0, this.metricsBuffer.size],
      [this.runStateBuffer, 0, this.runStateBuffer.size],
      [this.logitsBuffer, 0, this.logitsBuffer.size],
      [this.scratchBuffer, this.stateByteOffset, this.stateBytes],
    ];
  }

  /** Byte offset of each part of a readback in the staging buffer, and their total. */
  readbackOffset(part: 'metrics' | 'runStates' | 'logits' | 'stageState' | 'end'): number {
    const i = ['metrics', 'runStates', 'logits', 'stageState', 'end'].indexOf(part);
    return this.readback.slice(0, i).reduce((s, [, , bytes]) => s + bytes, 0);
  }

  get readbackBytes(): number {
    return this.readbackOffset('end');
  }

  /** Queue copies of metrics, run states, logits and stage state into `staging` (one readback). */
  copyToStaging(encoder: GPUCommandEncoder, staging: GPUBuffer): void {
    let at = 0;
    for (const [buffer, offset, bytes] of this.readback) {
      if (bytes > 0) encoder.copyBufferToBuffer(buffer, offset, staging, at, bytes);
      at += bytes;
    }
  }

  /** Write run `local`'s stage state words (plan.stateStride of them). */
  writeStageState(local: number, words: Float32Array<ArrayBuffer>): void {
    if (words.length > 0) this.device.queue.writeBuffer(this.scratchBuffer, this.stateByteOffset + local * words.byteLength, words);
  }

  destroy(): void {
    for (const b of this.buffers) b.destroy();
  }
}
