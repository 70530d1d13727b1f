// STEER on the GPU (steer.ts; arXiv 2510.10150): token i's weight falls linearly with the entropy
// cut its own update would make, cut_i = max(0, −δH_i), from w_max (no cut) to w_min (the batch's
// largest cut); weights are set once per step at π_old.

struct SteerParams {
  weightMin: f32,
  weightMax: f32,
  /** Per-token weights in the run's scratch. */
  weightOffset: u32,
  metricOffset: u32,
}

/** The batch's largest cut, as the bits of a non-negative float (ordered like the floats). */
var<workgroup> steer_maxCutBits: atomic<u32>;
var<workgroup> steer_minWeightBits: atomic<u32>;
/** (mean, min) weight of this step's tokens. */
var<private> steer_weights: vec2<f32>;

fn steer_selectTokens(step: u32, means: vec2<f32>) {
  let n = tokenCount();
  let p = stageParams.steer;
  let weights = sBase + p.weightOffset;
  if (lid == 0u) {
    atomicStore(&steer_maxCutBits, 0u);
    atomicStore(&steer_minWeightBits, 0x7f800000u);
  }
  workgroupBarrier();
  for (var i = lid; i < n; i += WORKGROUP_SIZE) {
    // +0 where δH ≥ 0 (max(0, −δH) may give −0, whose bits would order above every cut).
    let dh = predictedEntropyChange(i);
    let cut = select(0.0, -dh, dh < 0.0);
    scratch[weights + i] = cut;
    atomicMax(&steer_maxCutBits, bitcast<u32>(cut));
  }
  let maxCut = bitcast<f32>(uniformAtomic(&steer_maxCutBits));
  var sum = 0.0;
  for (var i = lid; i < n; i += WORKGROUP_SIZE) {
    var w = p.weightMax;
    if (maxCut > 0.0) {
      w = p.weightMax - ((p.weightMax - p.weightMin) * scratch[weights + i]) / maxCut;
    }
    scratch[weights + i] = w;
    sum += w;
    atomicMin(&steer_minWeightBits, bitcast<u32>(w));
  }
  let total = workgroupSum(vec4<f32>(sum, 0.0, 0.0, 0.0)).x;
  steer_weights = vec2<f32>(total / f32(n), bitcast<f32>(uniformAtomic(&steer_minWeightBits)));
}

fn steer_tokenWeight(i: u32) -> f32 {
  return scratch[sBase + stageParams.steer.weightOffset + i];
}

fn steer_writeMetrics(base: u32) {
  let at = base + stageParams.steer.metricOffset;
  metrics[at] = steer_weights.x;
  metrics[at + 1u] = steer_weights.y;
}
