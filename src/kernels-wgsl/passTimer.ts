// GPU time of compute passes by timestamp queries (design.md "Performance notes": report the
// GPU-busy fraction), where the device has 'timestamp-query'. Each pass writes its begin and
// end; the block's readback carries the resolved pairs, so timing adds no extra mapAsync.

/** WebGPU's limit on the queries of one query set. */
const MAX_QUERIES = 4096;

export class PassTimer {
  private readonly querySet: GPUQuerySet;
  private readonly resolveBuffer: GPUBuffer;

  /** Timestamps for up to `maxPasses` passes per block. */
  constructor(
    device: GPUDevice,
    readonly maxPasses: number,
  ) {
    this.querySet = device.createQuerySet({ label: 'PassTimer.querySet', type: 'timestamp', count: 2 * maxPasses });
    this.resolveBuffer = device.createBuffer({ label: 'PassTimer.resolveBuffer', size: this.bytes, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
  }

  static forDevice(device: GPUDevice, maxPasses: number): PassTimer | undefined {
    return device.features.has('timestamp-query') && 2 * maxPasses <= MAX_QUERIES ? new PassTimer(device, maxPasses) : undefined;
  }

  /** Bytes of the resolved timestamps in a readback. */
  get bytes(): number {
    return 16 * this.maxPasses;
  }

  /** The timestampWrites of pass `i` of a block. */
  writes(i: number): GPUComputePassTimestampWrites {
    return { querySet: this.querySet, beginningOfPassWriteIndex: 2 * i, endOfPassWriteIndex: 2 * i + 1 };
  }

  /** Resolve the block's `passes` pairs and copy them into `staging` at `offset`. */
  encodeCopy(encoder: GPUCommandEncoder, passes: number, staging: GPUBuffer, offset: number): void {
    encoder.resolveQuerySet(this.querySet, 0, 2 * passes, this.resolveBuffer, 0);
    encoder.copyBufferToBuffer(this.resolveBuffer, 0, staging, offset, 16 * passes);
  }

  /** Seconds the block's `passes` passes ran, from the mapped readback (a pair out of order counts 0). */
  static seconds(mapped: ArrayBuffer, offset: number, passes: number): number {
    const view = new DataView(mapped, offset, 16 * passes);
    let ns = 0n;
    for (let i = 0; i < passes; i++) {
      const [begin, end] = [view.getBigUint64(16 * i, true), view.getBigUint64(16 * i + 8, true)];
      if (end > begin) ns += end - begin;
    }
    return Number(ns) / 1e9;
  }

  destroy(): void {
    this.querySet.destroy();
    this.resolveBuffer.destroy();
  }
}
