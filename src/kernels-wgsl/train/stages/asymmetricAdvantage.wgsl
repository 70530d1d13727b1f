// Asymmetric advantages on the GPU (asymmetricAdvantage.ts; Weighted-REINFORCE, arXiv
// 2506.01347): Â → λ+·Â for Â > 0 and λ−·Â for Â < 0. Every token of a trajectory carries its
// advantage here, but a stage before this one may have edited single tokens (tokenAdvantage),
// and MDP episodes vary in length, so the fractions count tokens.

struct AsymmetricAdvantageParams {
  positiveScale: f32,
  negativeScale: f32,
  metricOffset: u32,
}

/** (positive, negative) fractions of this step's tokens. */
var<private> asymmetricAdvantage_fractions: vec2<f32>;

fn asymmetricAdvantage_transformAdvantages() {
  let n = tokenCount();
  var part = vec4<f32>(0.0);
  for (var i = lid; i < n; i += WORKGROUP_SIZE) {
    let adv = tokenAdvantage(i);
    part += vec4<f32>(select(0.0, 1.0, adv > 0.0), select(0.0, 1.0, adv < 0.0), 0.0, 0.0);
  }
  asymmetricAdvantage_fractions = workgroupSum(part).xy / f32(max(1u, n));
  // Every token's advantage was read before the trajectories' are scaled.
  storageBarrier();
  let advantages = sBase + params.advantageOffset;
  for (var j = lid; j < params.batchGroups * params.groupSize; j += WORKGROUP_SIZE) {
    let adv = scratch[advantages + j];
    scratch[advantages + j] = adv * select(stageParams.asymmetricAdvantage.negativeScale, stageParams.asymmetricAdvantage.positiveScale, adv > 0.0);
  }
  storageBarrier();
}

fn asymmetricAdvantage_writeMetrics(base: u32) {
  let at = base + stageParams.asymmetricAdvantage.metricOffset;
  metrics[at] = asymmetricAdvantage_fractions.x;
  metrics[at + 1u] = asymmetricAdvantage_fractions.y;
}
