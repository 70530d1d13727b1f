// Asymmetric advantages on the GPU (asymmetricAdvantage.ts; Weighted-REINFORCE, arXiv
// 2506.01347): Â → λ+·Â for Â > 0 and λ−·Â for Â < 0. Every token of a trajectory carries its
// advantage, so the scaling is per trajectory and the fractions count tokens (MDP episodes vary
// in length), by the advantages' signs before the scaling (a scale of 0 zeroes them).

struct AsymmetricAdvantageParams {
  positiveScale: f32,
  negativeScale: f32,
  metricOffset: u32,
}

/** (positive, negative) fractions of this step's tokens. */
var<private> asymmetricAdvantage_fractions: vec2<f32>;

fn asymmetricAdvantage_transformAdvantages() {
  let advantages = sBase + params.advantageOffset;
  let n = tokenCount();
  var part = vec4<f32>(0.0);
  for (var i = lid; i < n; i += WORKGROUP_SIZE) {
    let adv = scratch[advantages + tokenTrajectory(i)];
    part += vec4<f32>(select(0.0, 1.0, adv > 0.0), select(0.0, 1.0, adv < 0.0), 0.0, 0.0);
  }
  asymmetricAdvantage_fractions = workgroupSum(part).xy / f32(max(1u, n));
  storageBarrier();
  for (var j = lid; j < params.batchGroups * params.groupSize; j += WORKGROUP_SIZE) {
    let adv = scratch[advantages + j];
    if (adv > 0.0) {
      scratch[advantages + j] = adv * stageParams.asymmetricAdvantage.positiveScale;
    } else if (adv < 0.0) {
      scratch[advantages + j] = adv * stageParams.asymmetricAdvantage.negativeScale;
    }
  }
  storageBarrier();
}

fn asymmetricAdvantage_writeMetrics(base: u32) {
  let at = base + stageParams.asymmetricAdvantage.metricOffset;
  metrics[at] = asymmetricAdvantage_fractions.x;
  metrics[at + 1u] = asymmetricAdvantage_fractions.y;
}
