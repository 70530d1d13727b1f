// Clip-Cov on the GPU (clipCov.ts; Entropy Mechanism paper, arXiv 2505.22617): zero the weight
// of a few tokens drawn from those whose covariance c_i lies in the band, by the CPU's partial
// Fisher–Yates (tokenSignals.ts randomSubset) on the same intervention stream. Lab rules: round(r·N)
// of the closed band [ω_low, ω_high], once per step at π_old. verl's (compute_policy_loss_clip_cov):
// max(1, ⌊r·N⌋) of the strict band ω_low < c < ω_high among tokens no clip stopped, drawn again
// every epoch under the current log π_θ, the draws continuing the step's stream (interventionDraws,
// shared with entrocraft as the CPU's ctx.random()). (The CPU zeroes the token's whole
// coefficient; here its surrogate weight: the same because gpuSupport refuses a stage with a
// token loss beside verl's Clip-Cov.)

struct ClipCovParams {
  /** Where the tokens dropped from a selection among N tokens sit in the env table per N (clipCov.ts clipCovCount on the host in float64: round(r·N) or verl's max(1, ⌊r·N⌋)). */
  countTable: u32,
  low: f32,
  high: f32,
  /** 1: verl's rules (a selection per epoch), 0: the lab's (one per step). */
  perEpoch: u32,
  /** Per-token weights in the run's scratch. */
  weightOffset: u32,
  metricOffset: u32,
}

/** The step's (dropped, eligible, token slots) summed over its selections. */
var<private> clipCov_counts: vec3<f32>;

fn clipCov_isEligible(i: u32, means: vec2<f32>, epoch: u32, bounds: vec2<f32>) -> bool {
  let p = stageParams.clipCov;
  let c = tokenCovarianceOf(i, means, epoch);
  if (p.perEpoch == 0u) {
    return c >= p.low && c <= p.high;
  }
  return c > p.low && c < p.high && tokenClipKind(i, epoch, bounds) == CLIP_NONE;
}

/** Zero the weight of the table's count of eligible tokens, drawn on the intervention stream from draw interventionDraws on. */
fn clipCov_select(step: u32, means: vec2<f32>, epoch: u32, bounds: vec2<f32>) {
  let n = tokenCount();
  let weights = sBase + stageParams.clipCov.weightOffset;
  // The eligible tokens in index order; the coefficient region is free until the epoch's coefficients.
  let pool = sBase + params.coefOffset;
  let range = contiguousRange(n);
  var eligible = 0u;
  for (var i = range.x; i < range.y; i++) {
    scratch[weights + i] = 1.0;
    eligible += select(0u, 1u, clipCov_isEligible(i, means, epoch, bounds));
  }
  let place = exclusivePrefix(eligible);
  var at = place.x;
  for (var i = range.x; i < range.y; i++) {
    if (clipCov_isEligible(i, means, epoch, bounds)) {
      scratch[pool + at] = f32(i);
      at++;
    }
  }
  storageBarrier();
  let m = place.y;
  let k = min(envTable[stageParams.clipCov.countTable + n], m);
  if (lid == 0u) {
    let stream = streamKey(streamRun, STREAM_INTERVENTION);
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
  clipCov_counts += vec3<f32>(f32(k), f32(m), f32(n));
}

fn clipCov_selectTokens(step: u32, means: vec2<f32>) {
  clipCov_counts = vec3<f32>(0.0);
  if (stageParams.clipCov.perEpoch == 0u) {
    clipCov_select(step, means, 0u, vec2<f32>(0.0));
  }
}

fn clipCov_beginEpoch(step: u32, epoch: u32, bounds: vec2<f32>) {
  if (stageParams.clipCov.perEpoch != 0u) {
    clipCov_select(step, tokenCovarianceMeans(epoch), epoch, bounds);
  }
}

fn clipCov_tokenWeight(i: u32) -> f32 {
  return scratch[sBase + stageParams.clipCov.weightOffset + i];
}

fn clipCov_writeMetrics(base: u32) {
  let at = base + stageParams.clipCov.metricOffset;
  metrics[at] = clipCov_counts.x / clipCov_counts.z;
  metrics[at + 1u] = clipCov_counts.y / clipCov_counts.z;
}
