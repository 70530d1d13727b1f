// Adaptive entropy coefficient on the GPU (adaptiveEntropy.ts; SAC's automatic temperature,
// arXiv 1812.05905): β_{t+1} = max(0, β_t + α(H_target − H_t)) at the start of each step from
// the visitation-weighted entropy, then the entropy bonus's direction u = −β(log π + H).

struct AdaptiveEntropyParams {
  targetEntropy: f32,
  rate: f32,
  /** β's word in the run's stage state. */
  stateOffset: u32,
  metricOffset: u32,
}

/** This step's β (every invocation holds it). */
var<private> adaptiveEntropy_coef: f32;

fn adaptiveEntropy_beginStep(step: u32, before: vec4<f32>) {
  let p = stageParams.adaptiveEntropy;
  let at = stateBase + p.stateOffset;
  adaptiveEntropy_coef = max(0.0, scratch[at] + p.rate * (p.targetEntropy - before.x));
  // Every invocation has read the old β before it is replaced.
  storageBarrier();
  if (lid == 0u) {
    scratch[at] = adaptiveEntropy_coef;
  }
}

fn adaptiveEntropy_rowDirection(s: u32, a: u32, lp: f32, stats: RowStats) -> f32 {
  return -adaptiveEntropy_coef * (lp + stats.h);
}

fn adaptiveEntropy_writeMetrics(base: u32) {
  metrics[base + stageParams.adaptiveEntropy.metricOffset] = adaptiveEntropy_coef;
}
