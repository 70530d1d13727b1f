// The reference divergence on the GPU (refKL.ts, divergence.ts; DPH-RL, arXiv 2509.07430): at
// every visited row and epoch, the natural-form ascent direction of −β·D(π, π_ref) with D the
// reverse KL, u = −β(log π − log π_ref − KL); the forward KL(π_ref‖π), u = β(π_ref/π − 1); or
// Jensen–Shannon, u = −β(g − E_π g) with g = ½ log(π/m), m = (π + π_ref)/2. Records the mean D
// over the rows it regularised in the step.

const REF_KL_REVERSE: u32 = 0u;
const REF_KL_FORWARD: u32 = 1u;
const REF_KL_JS: u32 = 2u;
const REF_KL_LN2: f32 = 0.693147180559945;

struct RefKLParams {
  coef: f32,
  divergence: u32,
  metricOffset: u32,
}

/** This invocation's (Σ D, rows) over the step's epochs. */
var<private> refKL_part: vec2<f32>;
/** The current row's baseline: KL(π‖π_ref) (reverse) or E_π g (Jensen–Shannon). */
var<private> refKL_baseline: f32;
var<private> refKL_mean: f32;

/** log m = log((π + π_ref)/2) as a log-sum-exp (divergence.ts logMixture). */
fn refKL_logMixture(lp: f32, lq: f32) -> f32 {
  let hi = max(lp, lq);
  return hi + log(1.0 + exp(min(lp, lq) - hi)) - REF_KL_LN2;
}

fn refKL_rowBegin(s: u32, epoch: u32, stats: RowStats) {
  let row = s * params.actions;
  // Σ p(log p − log q) over p > 0, for (π, π_ref), (π_ref, π) and (π_ref, m).
  var own = 0.0;
  var other = 0.0;
  var baseline = 0.0;
  for (var a = 0u; a < params.actions; a++) {
    let lp = currentLogp(row + a, s, epoch);
    let lq = refLogp[refBase + row + a];
    let p = exp(lp);
    let q = exp(lq);
    switch (stageParams.refKL.divergence) {
      case REF_KL_REVERSE: {
        own += select(0.0, p * (lp - lq), p > 0.0);
      }
      case REF_KL_FORWARD: {
        other += select(0.0, q * (lq - lp), q > 0.0);
      }
      default: {
        let lm = refKL_logMixture(lp, lq);
        own += select(0.0, p * (lp - lm), p > 0.0);
        other += select(0.0, q * (lq - lm), q > 0.0);
        baseline += p * 0.5 * (lp - lm);
      }
    }
  }
  let divergence = stageParams.refKL.divergence;
  refKL_baseline = select(baseline, own, divergence == REF_KL_REVERSE);
  // softmax.ts klDivergence clamps each KL at 0.
  let value = select(0.5 * max(0.0, own) + 0.5 * max(0.0, other), max(0.0, own + other), divergence != REF_KL_JS);
  refKL_part += vec2<f32>(value, 1.0);
}

fn refKL_rowDirection(s: u32, a: u32, lp: f32, stats: RowStats) -> f32 {
  let lq = refLogp[refBase + s * params.actions + a];
  let beta = stageParams.refKL.coef;
  switch (stageParams.refKL.divergence) {
    case REF_KL_REVERSE: {
      return -beta * (lp - lq - refKL_baseline);
    }
    case REF_KL_FORWARD: {
      return beta * (exp(lq - lp) - 1.0);
    }
    default: {
      return -beta * (0.5 * (lp - refKL_logMixture(lp, lq)) - refKL_baseline);
    }
  }
}

fn refKL_afterEpochs() {
  refKL_mean = workgroupRatio(refKL_part);
  refKL_part = vec2<f32>(0.0);
}

fn refKL_writeMetrics(base: u32) {
  metrics[base + stageParams.refKL.metricOffset] = refKL_mean;
}
