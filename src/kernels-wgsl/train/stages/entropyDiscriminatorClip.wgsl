// Entropy-discriminator clipping on the GPU (entropyDiscriminatorClip.ts; arXiv 2602.03392):
// among the tokens that carry a gradient (Â ≠ 0 and a weight the earlier stages left), the
// q-quantile of the predicted entropy change δH by linear interpolation, its rank (m − 1)·q
// computed exactly in integers and snapped as the CPU snaps it; tokens with δH < 0 at or below
// it (up to the CPU's THRESHOLD_TIE) lose their gradient. The two order statistics come from a radix select over
// order-preserving keys rather than a sort.

struct EntropyDiscriminatorClipParams {
  /** 1 when q > 0 (decided on the host: a subnormal q is 0 in f32). */
  drops: u32,
  quantileWhole: u32,
  quantileDigits0: u32,
  quantileDigits1: u32,
  /** entropyDiscriminatorClip.ts RANK_SNAP and THRESHOLD_TIE. */
  rankSnap: f32,
  thresholdTie: f32,
  /** Per-token δH, then per-token weights (gradient-carrying flags until the threshold is known). */
  changeOffset: u32,
  weightOffset: u32,
  metricOffset: u32,
}

/** (dropped fraction, threshold) of this step. */
var<private> entropyDiscriminatorClip_step: vec2<f32>;

/** An unsigned key in the order of the floats (−0 below +0, as a Float64Array sorts). */
fn entropyDiscriminatorClip_key(x: f32) -> u32 {
  let bits = bitcast<u32>(x);
  return select(bits | 0x80000000u, ~bits, (bits & 0x80000000u) != 0u);
}

fn entropyDiscriminatorClip_value(key: u32) -> f32 {
  return bitcast<f32>(select(~key, key & 0x7fffffffu, (key & 0x80000000u) != 0u));
}

/**
 * (whole rank, fraction) of (m − 1)·q: q's 48 fraction bits as four 12-bit digits times
 * m − 1 < 2^16 in u32 with carries (each product < 2^28), so the whole part is exact.
 */
fn entropyDiscriminatorClip_rank(m: u32) -> vec2<f32> {
  let p = stageParams.entropyDiscriminatorClip;
  let k = m - 1u;
  let digits = array<u32, 4>(p.quantileDigits0 >> 12u, p.quantileDigits0 & 0xfffu, p.quantileDigits1 >> 12u, p.quantileDigits1 & 0xfffu);
  var carry = 0u;
  var fraction = 0.0;
  for (var d = 3; d >= 0; d--) {
    let t = k * digits[d] + carry;
    fraction = (fraction + f32(t & 0xfffu)) / 4096.0;
    carry = t >> 12u;
  }
  var whole = k * p.quantileWhole + carry;
  if (fraction >= 1.0 - p.rankSnap) {
    whole++;
    fraction = 0.0;
  } else if (fraction <= p.rankSnap) {
    fraction = 0.0;
  }
  return vec2<f32>(f32(whole), fraction);
}

/** The k-th smallest δH of the gradient-carrying tokens: the largest key t with #{key < t} ≤ k (uniform). */
fn entropyDiscriminatorClip_orderStatistic(k: u32) -> f32 {
  let p = stageParams.entropyDiscriminatorClip;
  let n = tokenCount();
  var t = 0u;
  for (var bit = 32u; bit > 0u; bit--) {
    let candidate = t | (1u << (bit - 1u));
    var count = 0.0;
    for (var i = lid; i < n; i += WORKGROUP_SIZE) {
      let carries = scratch[sBase + p.weightOffset + i] != 0.0;
      count += select(0.0, 1.0, carries && entropyDiscriminatorClip_key(scratch[sBase + p.changeOffset + i]) < candidate);
    }
    // Counts below 2^24 add exactly in f32.
    if (workgroupSum(vec4<f32>(count, 0.0, 0.0, 0.0)).x <= f32(k)) {
      t = candidate;
    }
  }
  return entropyDiscriminatorClip_value(t);
}

fn entropyDiscriminatorClip_selectTokens(step: u32, means: vec2<f32>) {
  let p = stageParams.entropyDiscriminatorClip;
  let n = tokenCount();
  let changes = sBase + p.changeOffset;
  let weights = sBase + p.weightOffset;
  var carrying = 0.0;
  for (var i = lid; i < n; i += WORKGROUP_SIZE) {
    scratch[changes + i] = predictedEntropyChange(i);
    let carries = tokenAdvantage(i) != 0.0 && entropyDiscriminatorClip_priorWeight(i) != 0.0;
    scratch[weights + i] = select(0.0, 1.0, carries);
    carrying += select(0.0, 1.0, carries);
  }
  let m = u32(workgroupSum(vec4<f32>(carrying, 0.0, 0.0, 0.0)).x);
  var threshold = 0.0;
  if (m > 0u) {
    let rank = entropyDiscriminatorClip_rank(m);
    let lo = u32(rank.x);
    let low = entropyDiscriminatorClip_orderStatistic(lo);
    var high = low;
    if (rank.y > 0.0 && lo + 1u < m) {
      high = entropyDiscriminatorClip_orderStatistic(lo + 1u);
    }
    threshold = low + (high - low) * rank.y;
  }
  let cut = threshold + p.thresholdTie * abs(threshold);
  var dropped = 0.0;
  for (var i = lid; i < n; i += WORKGROUP_SIZE) {
    let dh = scratch[changes + i];
    let drop = p.drops != 0u && scratch[weights + i] != 0.0 && dh < 0.0 && dh <= cut;
    scratch[weights + i] = select(1.0, 0.0, drop);
    dropped += select(0.0, 1.0, drop);
  }
  entropyDiscriminatorClip_step = vec2<f32>(workgroupSum(vec4<f32>(dropped, 0.0, 0.0, 0.0)).x / f32(n), threshold);
  storageBarrier();
}

fn entropyDiscriminatorClip_tokenWeight(i: u32) -> f32 {
  return scratch[sBase + stageParams.entropyDiscriminatorClip.weightOffset + i];
}

fn entropyDiscriminatorClip_writeMetrics(base: u32) {
  let at = base + stageParams.entropyDiscriminatorClip.metricOffset;
  metrics[at] = entropyDiscriminatorClip_step.x;
  metrics[at + 1u] = entropyDiscriminatorClip_step.y;
}
