// Lp-Reg on the GPU (lpReg.ts, arXiv 2510.03222): the proxy q is π without the actions below
// κ·max π, renormalised; the ascent direction of −β KL(q‖π) is u = β(q/π − 1): −β on a dropped
// action, β·removed/(1 − removed) on a kept one. Records the mean removed mass per updated row.

struct LpRegParams {
  /** log κ (−1e30 for κ = 0, which drops nothing). */
  logThreshold: f32,
  coef: f32,
  metricOffset: u32,
}

/** This invocation's (Σ removed mass, rows) over the step's epochs. */
var<private> lpReg_part: vec2<f32>;
/** The current row's (log-probability cut, boost of a kept action). */
var<private> lpReg_row: vec2<f32>;
var<private> lpReg_removedMass: f32;

fn lpReg_rowBegin(s: u32, epoch: u32, stats: RowStats) {
  let cut = stats.maxLp + stageParams.lpReg.logThreshold;
  var removed = 0.0;
  for (var a = 0u; a < params.actions; a++) {
    let lp = currentLogp(s * params.actions + a, s, epoch);
    if (lp < cut) {
      removed += exp(lp);
    }
  }
  lpReg_part += vec2<f32>(removed, 1.0);
  lpReg_row = vec2<f32>(cut, removed / (1.0 - removed));
}

fn lpReg_rowDirection(s: u32, a: u32, lp: f32, stats: RowStats) -> f32 {
  return stageParams.lpReg.coef * select(lpReg_row.y, -1.0, lp < lpReg_row.x);
}

fn lpReg_afterEpochs() {
  lpReg_removedMass = workgroupRatio(lpReg_part);
  lpReg_part = vec2<f32>(0.0);
}

fn lpReg_writeMetrics(base: u32) {
  metrics[base + stageParams.lpReg.metricOffset] = lpReg_removedMass;
}
