// Entrocraft on the GPU (entrocraft.ts, arXiv 2604.26326): below the schedule H*(t) reject
// (zero the advantage of) tokens with Â·(log π_old − mean) > 0, above it those with < 0, each
// with probability r, drawing one uniform per eligible token in index order on the
// intervention stream, as the CPU's ctx.random() does.

struct EntrocraftParams {
  /** 0 constant, 1 linear, 2 cosine. */
  schedule: u32,
  start: f32,
  end: f32,
  /** u < r  ⇔  bits < rejectBelow (ceil(r·2^24), computed on the host). */
  rejectBelow: u32,
  /** Per token 1.0 where rejected, in the run's scratch. */
  rejectedOffset: u32,
  metricOffset: u32,
}

var<private> entrocraft_step: u32;
var<private> entrocraft_target: f32;
/** Entropy below the target at this step's start (reject entropy-lowering tokens). */
var<private> entrocraft_below: bool;
/** True once this step's rejections are made (tokenAdvantage applies them from then on). */
var<private> entrocraft_decided: bool;
var<private> entrocraft_rejectFrac: f32;

/** H*(t) (entrocraft.ts entropyTarget). */
fn entrocraft_scheduled(step: u32) -> f32 {
  let p = stageParams.entrocraft;
  let f = select(0.0, min(1.0, f32(step) / f32(params.totalSteps - 1u)), params.totalSteps > 1u);
  if (p.schedule == 0u) {
    return p.start;
  }
  if (p.schedule == 1u) {
    return p.start + (p.end - p.start) * f;
  }
  return p.end + ((p.start - p.end) * (1.0 + entrocraft_cosPi(f))) / 2.0;
}

/**
 * cos(πf) for f in [0, 1] to float32 rounding: WGSL's cos may be far coarser (SwiftShader's
 * was 1e-4 off), which the recorded target would show. Taylor series to x^12 on [0, π/2]
 * (truncation < 1e-8), mirrored for the other half.
 */
fn entrocraft_cosPi(f: f32) -> f32 {
  let x = PI_F32 * min(f, 1.0 - f);
  let x2 = x * x;
  let c = 1.0 - x2 / 2.0 * (1.0 - x2 / 12.0 * (1.0 - x2 / 30.0 * (1.0 - x2 / 56.0 * (1.0 - x2 / 90.0 * (1.0 - x2 / 132.0)))));
  return select(c, -c, f > 0.5);
}

fn entrocraft_beginStep(step: u32, before: vec4<f32>) {
  entrocraft_step = step;
  entrocraft_target = entrocraft_scheduled(step);
  entrocraft_below = before.x < entrocraft_target;
  entrocraft_decided = false;
}

/** Whether token i's Â·(log π_old − mean) has the sign that is rejected this step. */
fn entrocraft_isEligible(i: u32, meanLogp: f32) -> bool {
  // Signs, not the product: a float32 product of two small numbers could underflow to 0.
  let s = sign(tokenAdvantage(i)) * sign(scratch[sBase + params.logpOffset + tokenBins[tBase + i]] - meanLogp);
  return s == select(-1.0, 1.0, entrocraft_below);
}

fn entrocraft_transformAdvantages() {
  let n = tokenCount();
  let logp = sBase + params.logpOffset;
  let rejected = sBase + stageParams.entrocraft.rejectedOffset;
  // The mean as x_0 + Σ(x_i − x_0)/n (entrocraft.ts shiftedMean).
  let first = scratch[logp + tokenBins[tBase]];
  var part = vec4<f32>(0.0);
  for (var i = lid; i < n; i += WORKGROUP_SIZE) {
    part.x += scratch[logp + tokenBins[tBase + i]] - first;
  }
  let meanLogp = first + workgroupSum(part).x / f32(n);
  // Eligible tokens draw in index order: each its rank among them on the stream.
  let range = contiguousRange(n);
  var eligible = 0u;
  for (var i = range.x; i < range.y; i++) {
    eligible += select(0u, 1u, entrocraft_isEligible(i, meanLogp));
  }
  let place = exclusivePrefix(eligible);
  let stream = streamKey(streamRun, STREAM_INTERVENTION);
  var rank = interventionDraws + place.x;
  var count = 0.0;
  for (var i = range.x; i < range.y; i++) {
    var reject = false;
    if (entrocraft_isEligible(i, meanLogp)) {
      reject = uniformBits(params.seed, stream, entrocraft_step, rank) < stageParams.entrocraft.rejectBelow;
      rank++;
    }
    scratch[rejected + i] = select(0.0, 1.0, reject);
    count += select(0.0, 1.0, reject);
  }
  entrocraft_rejectFrac = workgroupSum(vec4<f32>(count, 0.0, 0.0, 0.0)).x / f32(n);
  interventionDraws += place.y;
  storageBarrier();
  entrocraft_decided = true;
}

fn entrocraft_tokenAdvantage(i: u32, adv: f32) -> f32 {
  return select(adv, 0.0, entrocraft_decided && scratch[sBase + stageParams.entrocraft.rejectedOffset + i] != 0.0);
}

fn entrocraft_writeMetrics(base: u32) {
  let at = base + stageParams.entrocraft.metricOffset;
  metrics[at] = entrocraft_target;
  metrics[at + 1u] = entrocraft_rejectFrac;
}
