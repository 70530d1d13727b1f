// BAPO on the GPU (bapo.ts; arXiv 2510.18927): each epoch widens the ratio bounds from [a−, a+],
// the lower one first (up to b−) and then the upper one (up to b+), in steps of δ, until the
// positive-advantage tokens carry a share ≥ ρ0 of Σ w·ρ·|Â| over the unclipped tokens. The share
// only grows as a bound widens, so the first adjustment that reaches ρ0 is found by bisection
// rather than by bapo.ts's scan: the same adjustment in log₂ of the share evaluations.

struct BapoParams {
  /** ρ0 less bapo.ts BAPO_SHARE_SLACK (a share that ties ρ0 up to rounding reaches it). */
  reachedShare: f32,
  lowerStart: f32,
  lowerMax: f32,
  upperStart: f32,
  upperMax: f32,
  step: f32,
  /** Adjustments until each bound reaches its maximum (counted on the host in float64, as bapo.ts steps). */
  lowerSteps: u32,
  upperSteps: u32,
  metricOffset: u32,
}

/** The last epoch's (ε_low, ε_high, positive share). */
var<private> bapo_last: vec3<f32>;

/** A bound after k adjustments from `start`: min(start + kδ, max), and max itself from `steps` on. */
fn bapo_bound(start: f32, max: f32, k: u32, steps: u32) -> f32 {
  return select(min(start + f32(k) * stageParams.bapo.step, max), max, k >= steps);
}

/** bapo.ts positiveShare at this epoch's ratios with the bounds after (lowerK, upperK) adjustments (uniform). */
fn bapo_shareAt(epoch: u32, lowerK: u32, upperK: u32) -> f32 {
  let p = stageParams.bapo;
  let lo = bapo_bound(p.lowerStart, p.lowerMax, lowerK, p.lowerSteps);
  let hi = bapo_bound(p.upperStart, p.upperMax, upperK, p.upperSteps);
  let K = params.actions;
  var part = vec4<f32>(0.0);
  for (var i = lid; i < tokenCount(); i += WORKGROUP_SIZE) {
    let bin = tokenBins[tBase + i];
    let ratio = exp(currentLogp(bin, bin / K, epoch) - scratch[sBase + params.logpOffset + bin]);
    let adv = tokenAdvantage(i);
    if (adv > 0.0 && ratio <= hi) {
      part.x += stagesTokenWeight(i) * ratio * adv;
    } else if (adv < 0.0 && ratio >= lo) {
      part.y -= stagesTokenWeight(i) * ratio * adv;
    }
  }
  let total = workgroupSum(part);
  return select(1.0, total.x / (total.x + total.y), total.x + total.y > 0.0);
}

fn bapo_clipBounds(epoch: u32, bounds: vec2<f32>) -> vec2<f32> {
  let p = stageParams.bapo;
  // The lower bound's first adjustment that reaches ρ0 (its last when none does).
  var a = 0u;
  var b = p.lowerSteps;
  while (a < b) {
    let mid = (a + b) / 2u;
    if (bapo_shareAt(epoch, mid, 0u) >= p.reachedShare) {
      b = mid;
    } else {
      a = mid + 1u;
    }
  }
  let lowerK = a;
  // Then the upper bound's, with the lower one where it stopped.
  a = 0u;
  b = p.upperSteps;
  while (a < b) {
    let mid = (a + b) / 2u;
    if (bapo_shareAt(epoch, lowerK, mid) >= p.reachedShare) {
      b = mid;
    } else {
      a = mid + 1u;
    }
  }
  let lo = bapo_bound(p.lowerStart, p.lowerMax, lowerK, p.lowerSteps);
  let hi = bapo_bound(p.upperStart, p.upperMax, a, p.upperSteps);
  let eps = vec2<f32>(1.0 - lo, hi - 1.0);
  bapo_last = vec3<f32>(eps, bapo_shareAt(epoch, lowerK, a));
  return eps;
}

fn bapo_writeMetrics(base: u32) {
  let at = base + stageParams.bapo.metricOffset;
  metrics[at] = bapo_last.x;
  metrics[at + 1u] = bapo_last.y;
  metrics[at + 2u] = bapo_last.z;
}
