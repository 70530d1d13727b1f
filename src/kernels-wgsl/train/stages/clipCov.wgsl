// Clip-Cov on the GPU (clipCov.ts; Entropy Mechanism paper, arXiv 2505.22617): zero the weight
// of round(r·N) tokens drawn from those with c_i in [ω_low, ω_high], by the CPU's partial
// Fisher–Yates (tokenSignals.ts randomSubset) on the same intervention stream.

struct ClipCovParams {
  /** Where round(r·N), the tokens dropped from a step of N tokens, sits in the env table per N (computed on the host in float64, as clipCov.ts). */
  countTable: u32,
  low: f32,
  high: f32,
  /** Per-token weights in the run's scratch. */
  weightOffset: u32,
  metricOffset: u32,
}

/** (dropped, eligible) fractions of this step's tokens. */
var<private> clipCov_fractions: vec2<f32>;

fn clipCov_isEligible(i: u32, means: vec2<f32>) -> bool {
  let c = tokenCovarianceOf(i, means);
  return c >= stageParams.clipCov.low && c <= stageParams.clipCov.high;
}

fn clipCov_selectTokens(step: u32, means: vec2<f32>) {
  let n = tokenCount();
  let weights = sBase + stageParams.clipCov.weightOffset;
  // The eligible tokens in index order; the coefficient region is free until the epochs.
  let pool = sBase + params.coefOffset;
  let range = contiguousRange(n);
  var eligible = 0u;
  for (var i = range.x; i < range.y; i++) {
    scratch[weights + i] = 1.0;
    eligible += select(0u, 1u, clipCov_isEligible(i, means));
  }
  let place = exclusivePrefix(eligible);
  var at = place.x;
  for (var i = range.x; i < range.y; i++) {
    if (clipCov_isEligible(i, means)) {
      scratch[pool + at] = f32(i);
      at++;
    }
  }
  storageBarrier();
  let m = place.y;
  let k = min(envTable[stageParams.clipCov.countTable + n], m);
  if (lid == 0u) {
    let stream = streamKey(runGlobal, STREAM_INTERVENTION);
    for (var i = 0u; i < k; i++) {
      let left = m - i;
      // j = i + floor(u·left) with u = bits·2^-24, in integers (bits·left needs 40 bits).
      let bits = uniformBits(params.seed, stream, step, interventionDraws + i);
      let draw = ((bits >> 12u) * left + (((bits & 0xfffu) * left) >> 12u)) >> 12u;
      let j = i + min(left - 1u, draw);
      let swap = scratch[pool + i];
      scratch[pool + i] = scratch[pool + j];
      scratch[pool + j] = swap;
    }
  }
  storageBarrier();
  interventionDraws += k;
  for (var j = lid; j < k; j += WORKGROUP_SIZE) {
    scratch[weights + u32(scratch[pool + j])] = 0.0;
  }
  storageBarrier();
  clipCov_fractions = vec2<f32>(f32(k), f32(m)) / f32(n);
}

fn clipCov_tokenWeight(i: u32) -> f32 {
  return scratch[sBase + stageParams.clipCov.weightOffset + i];
}

fn clipCov_writeMetrics(base: u32) {
  let at = base + stageParams.clipCov.metricOffset;
  metrics[at] = clipCov_fractions.x;
  metrics[at + 1u] = clipCov_fractions.y;
}
