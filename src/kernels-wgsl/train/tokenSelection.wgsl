// Tokens picked by their covariance c_i = (log π_old(a_i) − mean)(Â_i − mean) (Entropy
// Mechanism paper, arXiv 2505.22617). Clip-Cov (clipCov.ts) zeroes the weight of round(r·N)
// tokens drawn from those with c_i in [ω_low, ω_high] by the CPU's partial Fisher–Yates
// (tokenSignals.ts randomSubset) on the same intervention stream. KL-Cov (klCov.ts) flags the
// round(k·N) tokens of largest c_i (on KL-Cov's 2^-12 grid), ties to the lower index like the
// CPU's sort, found by a radix select over order-preserving keys rather than a sort of N tokens.

fn isClipCovEligible(i: u32, means: vec2<f32>) -> bool {
  let c = tokenCovarianceOf(i, means);
  return c >= params.clipCovLow && c <= params.clipCovHigh;
}

/** Token i's weight in the surrogate: 1, or 0 where Clip-Cov dropped it this step. */
fn tokenWeight(i: u32) -> f32 {
  if (params.clipCov == 0u) {
    return 1.0;
  }
  return scratch[sBase + params.tokenWeightOffset + i];
}

/** Clip-Cov's weights for this step; returns the (dropped, eligible) token fractions. */
fn clipCovWeights(step: u32, means: vec2<f32>) -> vec2<f32> {
  let n = tokenCount();
  let weights = sBase + params.tokenWeightOffset;
  // The eligible tokens in index order; the coefficient region is free until the epochs.
  let pool = sBase + params.coefOffset;
  let range = contiguousRange(n);
  var eligible = 0u;
  for (var i = range.x; i < range.y; i++) {
    scratch[weights + i] = 1.0;
    eligible += select(0u, 1u, isClipCovEligible(i, means));
  }
  let place = exclusivePrefix(eligible);
  var at = place.x;
  for (var i = range.x; i < range.y; i++) {
    if (isClipCovEligible(i, means)) {
      scratch[pool + at] = f32(i);
      at++;
    }
  }
  storageBarrier();
  let m = place.y;
  let k = min(params.clipCovCount, m);
  if (lid == 0u) {
    let stream = streamKey(runGlobal, STREAM_INTERVENTION);
    for (var i = 0u; i < k; i++) {
      let left = m - i;
      // j = i + floor(u·left) with u = bits·2^-24, in integers (bits·left needs 40 bits).
      let bits = uniformBits(params.seed, stream, step, i);
      let draw = ((bits >> 12u) * left + (((bits & 0xfffu) * left) >> 12u)) >> 12u;
      let j = i + min(left - 1u, draw);
      let swap = scratch[pool + i];
      scratch[pool + i] = scratch[pool + j];
      scratch[pool + j] = swap;
    }
  }
  storageBarrier();
  for (var j = lid; j < k; j += WORKGROUP_SIZE) {
    scratch[weights + u32(scratch[pool + j])] = 0.0;
  }
  storageBarrier();
  return vec2<f32>(f32(k), f32(m)) / f32(n);
}

/**
 * KL-Cov's rank key floor(c·2^12 + ½) (tokenSignals.ts covarianceRankKey) as an unsigned key
 * in the same order (−0 keyed as +0: the CPU's sort sees them equal). Whole in f32: floor
 * returns a whole float, and every f32 from 2^24 up is whole already.
 */
fn covarianceKey(c: f32) -> u32 {
  let q = floor(c * 4096.0 + 0.5);
  let bits = bitcast<u32>(select(q, 0.0, q == 0.0));
  return select(bits | 0x80000000u, ~bits, (bits & 0x80000000u) != 0u);
}

/** KL-Cov's selection flags for this step: the klCovCount tokens of largest c_i. */
fn klCovSelect(means: vec2<f32>) {
  let n = tokenCount();
  let flags = sBase + params.klSelectedOffset;
  let k = params.klCovCount;
  // The covariances sit in the coefficient region until the epochs overwrite it.
  let covariances = sBase + params.coefOffset;
  for (var i = lid; i < n; i += WORKGROUP_SIZE) {
    scratch[covariances + i] = tokenCovarianceOf(i, means);
  }
  storageBarrier();
  // The k-th largest key t: the largest t with #{key ≥ t} ≥ k, decided bit by bit from the top.
  var t = 0u;
  for (var bit = 32u; bit > 0u; bit--) {
    let candidate = t | (1u << (bit - 1u));
    var count = 0.0;
    for (var i = lid; i < n; i += WORKGROUP_SIZE) {
      count += select(0.0, 1.0, covarianceKey(scratch[covariances + i]) >= candidate);
    }
    // Counts below 2^24 add exactly in f32.
    if (workgroupSum(vec4<f32>(count, 0.0, 0.0, 0.0)).x >= f32(k)) {
      t = candidate;
    }
  }
  // Every key above t, then the first k − #{key > t} keys equal to t in token order.
  let range = contiguousRange(n);
  var above = 0.0;
  var ties = 0u;
  for (var i = range.x; i < range.y; i++) {
    let key = covarianceKey(scratch[covariances + i]);
    above += select(0.0, 1.0, key > t);
    ties += select(0u, 1u, key == t);
  }
  let place = exclusivePrefix(ties);
  let wanted = k - u32(workgroupSum(vec4<f32>(above, 0.0, 0.0, 0.0)).x);
  var rank = place.x;
  for (var i = range.x; i < range.y; i++) {
    let key = covarianceKey(scratch[covariances + i]);
    var picked = key > t;
    if (key == t) {
      picked = rank < wanted;
      rank++;
    }
    scratch[flags + i] = select(0.0, 1.0, picked);
  }
  storageBarrier();
}
