// Counter-based RNG: Threefry-2x32 with 20 rounds (Salmon et al., "Parallel Random Numbers:
// As Easy as 1, 2, 3", SC 2011). Pure u32 add/rotate/xor, so the WGSL port in
// src/kernels-wgsl/rng.wgsl gives bit-identical words. No state: every draw is a function
// of (seed, stream, counter, index). Imports nothing.
import { cos, log } from './portableMath';

const SKEIN_PARITY = 0x1bd11bda;
/** 2^-24: uniforms carry 24 bits so they are exact in both float32 and float64. */
const INV_2_24 = 1 / 16777216;

/** The last block's two words (threefryBlock writes them; nothing is allocated per draw). */
const block = new Uint32Array(2);

const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

/**
 * Threefry-2x32-20 block: key (k0, k1), counter (c0, c1) → block[0], block[1]. Twenty rounds in
 * five groups of four with rotations 13 15 26 6 / 17 29 16 24, a key injection after each.
 */
function threefryBlock(k0: number, k1: number, c0: number, c1: number): void {
  const ks0 = k0 >>> 0;
  const ks1 = k1 >>> 0;
  const ks2 = (SKEIN_PARITY ^ ks0 ^ ks1) >>> 0;
  let x0 = (c0 + ks0) >>> 0;
  let x1 = (c1 + ks1) >>> 0;
  for (let group = 0; group < 5; group++) {
    const even = (group & 1) === 0;
    x0 = (x0 + x1) >>> 0;
    x1 = (rotl(x1, even ? 13 : 17) ^ x0) >>> 0;
    x0 = (x0 + x1) >>> 0;
    x1 = (rotl(x1, even ? 15 : 29) ^ x0) >>> 0;
    x0 = (x0 + x1) >>> 0;
    x1 = (rotl(x1, even ? 26 : 16) ^ x0) >>> 0;
    x0 = (x0 + x1) >>> 0;
    x1 = (rotl(x1, even ? 6 : 24) ^ x0) >>> 0;
    const inject = group + 1;
    const m = inject % 3;
    x0 = (x0 + (m === 0 ? ks0 : m === 1 ? ks1 : ks2)) >>> 0;
    x1 = (x1 + (m === 0 ? ks1 : m === 1 ? ks2 : ks0) + inject) >>> 0;
  }
  block[0] = x0;
  block[1] = x1;
}

/** Threefry-2x32-20 block: key (k0, k1), counter (c0, c1) → two u32 words. */
export function threefry2x32(k0: number, k1: number, c0: number, c1: number): [number, number] {
  threefryBlock(k0, k1, c0, c1);
  return [block[0], block[1]];
}

/**
 * Named streams keep each use of randomness independent of the others, so adding a use
 * (say, an intervention's random subset) never shifts the samples of another.
 */
export const RngStream = {
  SAMPLE: 0,
  REWARD: 1,
  INTERVENTION: 2,
  ENV: 3,
  INIT: 4,
  CONTEXT: 5,
} as const;
export type RngStreamId = (typeof RngStream)[keyof typeof RngStream];

/** Streams per run: stream id = run · STREAMS_PER_RUN + purpose. */
export const STREAMS_PER_RUN = 8;

/** Key word 1 for a run's stream of a given purpose. */
export function streamKey(run: number, purpose: RngStreamId): number {
  return (run * STREAMS_PER_RUN + purpose) >>> 0;
}

/** Uniform in [0, 1) with 24 random bits: uniform(seed, stream, counter, index). */
export function uniform(seed: number, stream: number, counter: number, index: number): number {
  threefryBlock(seed, stream, counter, index);
  return (block[0] >>> 8) * INV_2_24;
}

/** Both words of a block as uniforms in (0, 1]: the open-at-zero form Box–Muller needs. */
export function uniformPairOpen(seed: number, stream: number, counter: number, index: number): [number, number] {
  const [a, b] = threefry2x32(seed, stream, counter, index);
  return [((a >>> 8) + 1) * INV_2_24, ((b >>> 8) + 1) * INV_2_24];
}

/** Standard normal by Box–Muller from one Threefry block. */
export function normal(seed: number, stream: number, counter: number, index: number): number {
  const [u1, u2] = uniformPairOpen(seed, stream, counter, index);
  return Math.sqrt(-2 * log(u1)) * cos(2 * Math.PI * u2);
}

/**
 * A draw handle bound to one (seed, stream, counter): `next()` walks the index, which is
 * how a step draws its samples in a fixed, documented order.
 */
export class StreamCursor {
  private index = 0;
  constructor(
    readonly seed: number,
    readonly stream: number,
    readonly counter: number,
    startIndex = 0,
  ) {
    this.index = startIndex >>> 0;
  }
  next(): number {
    return uniform(this.seed, this.stream, this.counter, this.index++);
  }
  nextNormal(): number {
    return normal(this.seed, this.stream, this.counter, this.index++);
  }
  /** Integer in [0, n). */
  nextInt(n: number): number {
    return Math.min(n - 1, Math.floor(this.next() * n));
  }
}
