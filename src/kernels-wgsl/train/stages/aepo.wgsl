// AEPO on the GPU (aepo.ts, arXiv 2510.08141): the expectation of its REINFORCE regulariser
// toward q = softmax(z/T), natural direction u = λ(q/π − 1), with T = T_high while the
// visitation-weighted entropy is below the target and T_low otherwise (chosen once per step).

struct AepoParams {
  targetEntropy: f32,
  coef: f32,
  tempHigh: f32,
  tempLow: f32,
  metricOffset: u32,
}

var<private> aepo_temperature: f32;
/** The current row's lse(z/T), taken before updateRows changes the row. */
var<private> aepo_rowLse: f32;

fn aepo_beginStep(step: u32, before: vec4<f32>) {
  let p = stageParams.aepo;
  aepo_temperature = select(p.tempLow, p.tempHigh, before.x < p.targetEntropy);
}

fn aepo_rowBegin(s: u32, epoch: u32, stats: RowStats) {
  let z = zBase + s * params.actions;
  var mx = logits[z] / aepo_temperature;
  for (var a = 1u; a < params.actions; a++) {
    mx = max(mx, logits[z + a] / aepo_temperature);
  }
  var sum = 0.0;
  for (var a = 0u; a < params.actions; a++) {
    sum += exp(logits[z + a] / aepo_temperature - mx);
  }
  aepo_rowLse = mx + log(sum);
}

/** Called before updateRows writes action a's logit, so logits[…a] is the current z_a. */
fn aepo_rowDirection(s: u32, a: u32, lp: f32, stats: RowStats) -> f32 {
  let logq = logits[zBase + s * params.actions + a] / aepo_temperature - aepo_rowLse;
  return stageParams.aepo.coef * (exp(logq - lp) - 1.0);
}

fn aepo_writeMetrics(base: u32) {
  metrics[base + stageParams.aepo.metricOffset] = aepo_temperature;
}
