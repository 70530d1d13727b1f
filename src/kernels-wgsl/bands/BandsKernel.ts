// Host side of the ensemble-bands kernel (bands/ensembleBands.wgsl): the pipeline, and per
// training chunk the output buffer and bind group. Dispatched after a block's training
// passes, in the same command encoder, so the bands travel back with the block's readback.
import bandsWgsl from './ensembleBands.wgsl?raw';
import type { TrainChunk } from '../train/TrainKernel';
import { BAND_PARAMS } from './layout';
import { RUN_STATE } from '../train/layout';
import { compileOnce } from '../compileOnce';

/** Words per (step, metric) in the readback: mean, q10, q50, q90. */
export const BAND_WORDS = 4;

/** One compiled pipeline per device: every backend on a device shares it. */
const compiled = new WeakMap<GPUDevice, Promise<BandsKernel>>();

export class BandsKernel {
  private constructor(
    readonly device: GPUDevice,
    readonly pipeline: GPUComputePipeline,
  ) {}

  static create(device: GPUDevice): Promise<BandsKernel> {
    return compileOnce(compiled, device, async () => {
      const module = device.createShaderModule({ label: 'BandsKernel.module', code: bandsWgsl });
      const pipeline = await device.createComputePipelineAsync({ label: 'BandsKernel.pipeline', layout: 'auto', compute: { module, entryPoint: 'ensembleBands' } });
      return new BandsKernel(device, pipeline);
    });
  }
}

/** The bands of one chunk's runs: its parameters, output and bind group. */
export class ChunkBands {
  readonly paramsBuffer: GPUBuffer;
  readonly bandsBuffer: GPUBuffer;
  private readonly bindGroup: GPUBindGroup;

  constructor(
    private readonly kernel: BandsKernel,
    private readonly chunk: TrainChunk,
    private readonly slotsPerRun: number,
    /** Words of one metric record (plan.ts recordWords). */
    private readonly recordWords: number,
  ) {
    const device = kernel.device;
    this.paramsBuffer = device.createBuffer({ label: 'ChunkBands.paramsBuffer', size: BAND_PARAMS.uniformSize, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.bandsBuffer = device.createBuffer({ label: 'ChunkBands.bandsBuffer', size: 4 * slotsPerRun * recordWords * BAND_WORDS, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    this.bindGroup = device.createBindGroup({
      label: 'ChunkBands.bindGroup',
      layout: kernel.pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: this.paramsBuffer } },
        { binding: 1, resource: { buffer: chunk.metricsBuffer } },
        { binding: 2, resource: { buffer: chunk.runStateBuffer } },
        { binding: 3, resource: { buffer: this.bandsBuffer } },
      ],
    });
  }

  /** Queue the parameters and encode the reduction of slots [0, steps) of a block starting at blockStart. */
  encode(encoder: GPUCommandEncoder, blockStart: number, steps: number): void {
    const stepsDoneWord = RUN_STATE.fields.find((f) => f.name === 'stepsDone')!.offset / 4;
    const params = { runCount: this.chunk.runCount, slotsPerRun: this.slotsPerRun, wordsPerRecord: this.recordWords, blockStart, runStateWords: RUN_STATE.stride / 4, stepsDoneWord };
    this.kernel.device.queue.writeBuffer(this.paramsBuffer, 0, BAND_PARAMS.encode(params));
    const pass = encoder.beginComputePass({ label: 'ChunkBands.pass' });
    pass.setPipeline(this.kernel.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.dispatchWorkgroups(steps, this.recordWords);
    pass.end();
  }

  destroy(): void {
    this.paramsBuffer.destroy();
    this.bandsBuffer.destroy();
  }
}
