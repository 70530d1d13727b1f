// The ensemble bands the GPU reduces for the `webgpu` backend (one chunk of MIN_BAND_RUNS to
// MAX_BAND_RUNS runs): encoded after each block's training passes, copied behind chunk 0's
// readback, and kept per step until takeBands hands them out (see Backend.takeBands).
import type { Band, StepBands } from '../sim/ensemble';
import { BAND_WORDS, ChunkBands, type BandsKernel } from './bands/BandsKernel';
import type { TrainPlan } from './train/plan';
import type { RecordShape } from './train/records';
import type { TrainChunk } from './train/TrainKernel';

export class BandsReadback {
  private readonly chunkBands: ChunkBands;
  /** Per step not yet taken, its row of bands (BAND_WORDS per recorded word). */
  private readonly rows = new Map<number, Float32Array>();
  /** The first step whose bands take() has not handed out. */
  private taken = 0;

  constructor(
    kernel: BandsKernel,
    chunk: TrainChunk,
    private readonly plan: TrainPlan,
  ) {
    this.chunkBands = new ChunkBands(kernel, chunk, plan.slotsPerRun, plan.recordWords);
  }

  /** Bytes of the bands in a readback. */
  get bytes(): number {
    return this.chunkBands.bandsBuffer.size;
  }

  /** GPU memory held, in bytes. */
  get gpuBytes(): number {
    return this.chunkBands.bandsBuffer.size + this.chunkBands.paramsBuffer.size;
  }

  /** Encode the reduction of a block's steps and its copy into `staging` at byte `offset`. */
  encode(encoder: GPUCommandEncoder, start: number, steps: number, staging: GPUBuffer, offset: number): void {
    this.chunkBands.encode(encoder, start, steps);
    encoder.copyBufferToBuffer(this.chunkBands.bandsBuffer, 0, staging, offset, this.chunkBands.bandsBuffer.size);
  }

  /** Keep the rows of a block's steps from its mapped readback (`offset`: where encode copied them). */
  read(bytes: ArrayBuffer, offset: number, start: number, steps: number): void {
    const row = this.plan.recordWords * BAND_WORDS;
    for (let s = 0; s < steps; s++) this.rows.set(start + s, new Float32Array(bytes.slice(offset + s * row * 4, offset + (s + 1) * row * 4)));
  }

  /** The bands of the recorded metrics among `keys` at the steps from the last call up to `to`, or undefined (see Backend). */
  take(keys: readonly string[], to: number, shape: RecordShape): StepBands | undefined {
    const from = this.taken;
    this.taken = to;
    const rows = Array.from({ length: to - from }, (_, i) => this.rows.get(from + i));
    for (let t = from; t < to; t++) this.rows.delete(t);
    if (rows.some((r) => !r)) return undefined;
    const recorded = [...shape.fields, ...shape.interventionMetrics.filter((m) => 'word' in m)] as { name: string; word: number }[];
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

  /** Start again at `step` after a restore: bands of earlier steps came from another history. */
  restart(step: number): void {
    this.rows.clear();
    this.taken = step;
  }

  destroy(): void {
    this.chunkBands.destroy();
  }
}
