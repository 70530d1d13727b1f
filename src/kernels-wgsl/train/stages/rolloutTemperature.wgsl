// Rollout temperature on the GPU (rolloutTemperature.ts): the rollout samples from
// softmax(z/T) (trainStep.ts prepareSampledBatch: logSoftmaxTable of z/T) with the same
// uniforms, and the epochs weight each token by π_θ/π_T while the clip stays on π_θ/π_old.

struct RolloutTemperatureParams {
  temperature: f32,
  /** The rows·K tempered log-probabilities in the run's scratch. */
  tableOffset: u32,
}

fn rolloutTemperature_samplingTable(step: u32, table: u32) -> u32 {
  let T = stageParams.rolloutTemperature.temperature;
  let K = params.actions;
  let out = sBase + stageParams.rolloutTemperature.tableOffset;
  for (var s = lid; s < params.rows; s += WORKGROUP_SIZE) {
    let z = zBase + s * K;
    var mx = logits[z] / T;
    for (var a = 1u; a < K; a++) {
      mx = max(mx, logits[z + a] / T);
    }
    var sum = 0.0;
    for (var a = 0u; a < K; a++) {
      sum += exp(logits[z + a] / T - mx);
    }
    let lse = mx + log(sum);
    for (var a = 0u; a < K; a++) {
      scratch[out + s * K + a] = logits[z + a] / T - lse;
    }
  }
  return out;
}
