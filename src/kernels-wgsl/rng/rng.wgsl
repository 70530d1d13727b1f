// Counter-based RNG shared by every kernel: Threefry-2x32-20 (Salmon et al., SC 2011), a
// bit-exact port of src/sim/rng.ts. Pure u32 add/rotate/xor, so each word matches the CPU's;
// uniforms keep 24 bits and are exact in f32. Prepended to the kernels that draw numbers.

const SKEIN_PARITY: u32 = 0x1bd11bdau;
const INV_2_24: f32 = 5.9604644775390625e-8;
const STREAMS_PER_RUN: u32 = 8u;
const STREAM_SAMPLE: u32 = 0u;
const STREAM_REWARD: u32 = 1u;
const STREAM_INTERVENTION: u32 = 2u;
const PI_F32: f32 = 3.14159265358979;
const LN2_F32: f32 = 0.693147180559945;

fn rotl(x: u32, r: u32) -> u32 {
  return (x << r) | (x >> (32u - r));
}

// Four rounds with rotations (ra, rb, rc, rd), then the key injection `inject`.
fn threefryFourRounds(x: vec2<u32>, r: vec4<u32>, k0: u32, k1: u32, inject: u32) -> vec2<u32> {
  var x0 = x.x;
  var x1 = x.y;
  x0 += x1; x1 = rotl(x1, r.x) ^ x0;
  x0 += x1; x1 = rotl(x1, r.y) ^ x0;
  x0 += x1; x1 = rotl(x1, r.z) ^ x0;
  x0 += x1; x1 = rotl(x1, r.w) ^ x0;
  return vec2<u32>(x0 + k0, x1 + k1 + inject);
}

/** Threefry-2x32-20 block: key (k0, k1), counter (c0, c1) → two u32 words. */
fn threefry2x32(k0: u32, k1: u32, c0: u32, c1: u32) -> vec2<u32> {
  let k2 = SKEIN_PARITY ^ k0 ^ k1;
  let ra = vec4<u32>(13u, 15u, 26u, 6u);
  let rb = vec4<u32>(17u, 29u, 16u, 24u);
  var x = vec2<u32>(c0 + k0, c1 + k1);
  x = threefryFourRounds(x, ra, k1, k2, 1u);
  x = threefryFourRounds(x, rb, k2, k0, 2u);
  x = threefryFourRounds(x, ra, k0, k1, 3u);
  x = threefryFourRounds(x, rb, k1, k2, 4u);
  x = threefryFourRounds(x, ra, k2, k0, 5u);
  return x;
}

/** Key word 1 of a run's stream of one purpose (rng.ts streamKey). */
fn streamKey(run: u32, purpose: u32) -> u32 {
  return run * STREAMS_PER_RUN + purpose;
}

/** The 24 random bits behind uniform(): uniform = bits · 2^-24. */
fn uniformBits(seed: u32, stream: u32, counter: u32, index: u32) -> u32 {
  return threefry2x32(seed, stream, counter, index).x >> 8u;
}

/** Uniform in [0, 1) with 24 random bits, identical to rng.ts uniform(). */
fn uniform01(seed: u32, stream: u32, counter: u32, index: u32) -> f32 {
  return f32(uniformBits(seed, stream, counter, index)) * INV_2_24;
}

/**
 * log(x) for x in (0, 1] to a few ulp, relative: WGSL only bounds log's error absolutely
 * (2^-21 near 1), which Box–Muller's sqrt(−2 log u) magnifies. x = m·2^e with m in
 * [0.5, 1); log m = 2 atanh(s), s = (m − 1)/(m + 1), by its odd series.
 */
fn logUnit(x: f32) -> f32 {
  let parts = frexp(x);
  let s = (parts.fract - 1.0) / (parts.fract + 1.0);
  let s2 = s * s;
  var term = s;
  var sum = s;
  for (var k = 3.0; k < 20.0; k += 2.0) {
    term *= s2;
    sum += term / k;
  }
  return f32(parts.exp) * LN2_F32 + 2.0 * sum;
}

/**
 * cos(2πu) for u in [0, 1] to about an ulp: u splits exactly into a quarter turn q/4 and a
 * remainder f in [−1/8, 1/8], then short Taylor series in φ = 2πf (|φ| ≤ π/4). WGSL's cos
 * is only bounded to 2^-11 absolute, and SwiftShader's is that coarse.
 */
fn cosTwoPi(u: f32) -> f32 {
  let q = round(4.0 * u);
  let phi = 2.0 * PI_F32 * (u - 0.25 * q);
  let p2 = phi * phi;
  let c = 1.0 - p2 / 2.0 * (1.0 - p2 / 12.0 * (1.0 - p2 / 30.0 * (1.0 - p2 / 56.0)));
  let s = phi * (1.0 - p2 / 6.0 * (1.0 - p2 / 20.0 * (1.0 - p2 / 42.0 * (1.0 - p2 / 72.0))));
  let quarter = u32(q) % 4u;
  if (quarter == 0u) {
    return c;
  }
  if (quarter == 1u) {
    return -s;
  }
  if (quarter == 2u) {
    return -c;
  }
  return s;
}

/** Standard normal by Box–Muller from one block (rng.ts normal()), in f32. */
fn normal01(seed: u32, stream: u32, counter: u32, index: u32) -> f32 {
  let w = threefry2x32(seed, stream, counter, index);
  let u1 = f32((w.x >> 8u) + 1u) * INV_2_24;
  let u2 = f32((w.y >> 8u) + 1u) * INV_2_24;
  return sqrt(-2.0 * logUnit(u1)) * cosTwoPi(u2);
}
