// Host class of rngFill.wgsl: draws `count` RNG blocks for one (seed, stream, counter) on the
// GPU and reads them back. Used to check the WGSL RNG bit for bit against src/sim/rng.ts.
import rngWgsl from './rng.wgsl?raw';
import fillWgsl from './rngFill.wgsl?raw';
import { RNG_FILL_PARAMS } from './layout';

export interface RngDraws {
  word0: Uint32Array;
  word1: Uint32Array;
  uniform: Float32Array;
  normal: Float32Array;
}

export class RngFillKernel {
  private readonly pipeline: GPUComputePipeline;

  constructor(private readonly device: GPUDevice) {
    const module = device.createShaderModule({ label: 'RngFillKernel.module', code: `${rngWgsl}\n${fillWgsl}` });
    this.pipeline = device.createComputePipeline({ label: 'RngFillKernel.pipeline', layout: 'auto', compute: { module, entryPoint: 'fillRng' } });
  }

  async draw(seed: number, stream: number, counter: number, indexStart: number, count: number): Promise<RngDraws> {
    const { device } = this;
    const paramsBuffer = device.createBuffer({ label: 'RngFillKernel.paramsBuffer', size: RNG_FILL_PARAMS.uniformSize, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(paramsBuffer, 0, RNG_FILL_PARAMS.encode({ seed, stream, counter, indexStart, count }));
    const bytes = Math.max(16, count * 16);
    const outBuffer = device.createBuffer({ label: 'RngFillKernel.outBuffer', size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    const readBuffer = device.createBuffer({ label: 'RngFillKernel.readBuffer', size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const bindGroup = device.createBindGroup({
      label: 'RngFillKernel.bindGroup',
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: paramsBuffer } },
        { binding: 1, resource: { buffer: outBuffer } },
      ],
    });
    const encoder = device.createCommandEncoder({ label: 'RngFillKernel.encoder' });
    const pass = encoder.beginComputePass({ label: 'RngFillKernel.pass' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(count / 64));
    pass.end();
    encoder.copyBufferToBuffer(outBuffer, 0, readBuffer, 0, bytes);
    device.queue.submit([encoder.finish()]);
    await readBuffer.mapAsync(GPUMapMode.READ);
    const words = new Uint32Array(readBuffer.getMappedRange().slice(0));
    readBuffer.unmap();
    for (const b of [paramsBuffer, outBuffer, readBuffer]) b.destroy();
    const floats = new Float32Array(words.buffer);
    const pick = <T extends Uint32Array | Float32Array>(src: T, lane: number, make: (n: number) => T): T => {
      const out = make(count);
      for (let i = 0; i < count; i++) out[i] = src[4 * i + lane];
      return out;
    };
    return {
      word0: pick(words, 0, (n) => new Uint32Array(n)),
      word1: pick(words, 1, (n) => new Uint32Array(n)),
      uniform: pick(floats, 2, (n) => new Float32Array(n)),
      normal: pick(floats, 3, (n) => new Float32Array(n)),
    };
  }
}
