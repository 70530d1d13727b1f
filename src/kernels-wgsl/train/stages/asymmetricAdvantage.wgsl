// Asymmetric advantages on the GPU (asymmetricAdvantage.ts; Weighted-REINFORCE, arXiv
// 2506.01347): Â → λ+·Â for Â > 0 and λ−·Â for Â < 0. Every token of a trajectory carries its
// advantage and answers have one length, so the token fractions are trajectory fractions.

struct AsymmetricAdvantageParams {
  positiveScale: f32,
  negativeScale: f32,
  metricOffset: u32,
}

/** (positive, negative) fractions of this step's tokens. */
var<private> asymmetricAdvantage_fractions: vec2<f32>;

fn asymmetricAdvantage_transformAdvantages() {
  let advantages = sBase + params.advantageOffset;
  let m = params.batchGroups * params.groupSize;
  var part = vec4<f32>(0.0);
  for (var j = lid; j < m; j += WORKGROUP_SIZE) {
    let adv = scratch[advantages + j];
    if (adv > 0.0) {
      scratch[advantages + j] = adv * stageParams.asymmetricAdvantage.positiveScale;
      part.x += 1.0;
    } else if (adv < 0.0) {
      scratch[advantages + j] = adv * stageParams.asymmetricAdvantage.negativeScale;
      part.y += 1.0;
    }
  }
  storageBarrier();
  asymmetricAdvantage_fractions = workgroupSum(part).xy / f32(max(1u, m));
}

fn asymmetricAdvantage_writeMetrics(base: u32) {
  let at = base + stageParams.asymmetricAdvantage.metricOffset;
  metrics[at] = asymmetricAdvantage_fractions.x;
  metrics[at + 1u] = asymmetricAdvantage_fractions.y;
}
