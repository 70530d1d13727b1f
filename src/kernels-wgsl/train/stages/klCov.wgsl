// KL-Cov on the GPU (klCov.ts; Entropy Mechanism paper, arXiv 2505.22617): flag the tokens of
// largest c_i (on KL-Cov's 2^-12 grid), ties to the lower index like the CPU's sort, found by a
// radix select over order-preserving keys rather than a sort of N tokens; in the epochs each
// flagged token's coefficient gets −β_kl·sign(Δ log π), the gradient of −β_kl|log π_θ − log π_old|.
// Lab rules: round(k·N) tokens, flagged once per step at π_old. verl's (compute_policy_loss_kl_cov):
// max(1, ⌊k·N⌋), flagged again every epoch under the current log π_θ, in a loss without ratio
// clip (params.policyLoss).

struct KlCovParams {
  /** Where the tokens flagged in a selection among N tokens sit in the env table per N (klCov.ts klCovCount on the host in float64: round(k·N) or verl's max(1, ⌊k·N⌋)). */
  countTable: u32,
  /** 1: verl's rules (a selection per epoch), 0: the lab's (one per step). */
  perEpoch: u32,
  coef: f32,
  /** |Δ log π| that still counts as unmoved (klCov.ts KL_COV_DEAD_ZONE). */
  deadZone: f32,
  /** Per-token selection flags in the run's scratch. */
  selectedOffset: u32,
  metricOffset: u32,
}

/** This invocation's (Σ penalty β|Δ log π|, penalised tokens) over the step's epochs. */
var<private> klCov_part: vec2<f32>;
/** (penalty, active fraction) of the step per selected token and epoch. */
var<private> klCov_step: vec2<f32>;
/** Tokens flagged this step, and their share of the step's tokens. */
var<private> klCov_count: u32;
var<private> klCov_frac: f32;

/**
 * KL-Cov's rank key floor(c·2^12 + ½) (tokenSignals.ts covarianceRankKey) as an unsigned key
 * in the same order (−0 keyed as +0: the CPU's sort sees them equal). Whole in f32: floor
 * returns a whole float, and every f32 from 2^24 up is whole already.
 */
fn klCov_key(c: f32) -> u32 {
  let q = floor(c * 4096.0 + 0.5);
  let bits = bitcast<u32>(select(q, 0.0, q == 0.0));
  return select(bits | 0x80000000u, ~bits, (bits & 0x80000000u) != 0u);
}

/** Flag the count tokens of largest c_i at this epoch. */
fn klCov_select(means: vec2<f32>, epoch: u32) {
  let n = tokenCount();
  let flags = sBase + stageParams.klCov.selectedOffset;
  // Uniform, for the barriers below (an MDP's token count comes from a workgroup sum).
  if (lid == 0u) {
    broadcastWord = envTable[stageParams.klCov.countTable + n];
  }
  let k = workgroupUniformLoad(&broadcastWord);
  klCov_count = k;
  klCov_frac = f32(k) / f32(n);
  if (k == 0u) {
    // An MDP step may flag none after one that flagged some.
    for (var i = lid; i < n; i += WORKGROUP_SIZE) {
      scratch[flags + i] = 0.0;
    }
    storageBarrier();
    return;
  }
  // The covariances sit in the coefficient region until the epoch's coefficients overwrite it.
  let covariances = sBase + params.coefOffset;
  for (var i = lid; i < n; i += WORKGROUP_SIZE) {
    scratch[covariances + i] = tokenCovarianceOf(i, means, epoch);
  }
  storageBarrier();
  // The k-th largest key t: the largest t with #{key ≥ t} ≥ k, decided bit by bit from the top.
  var t = 0u;
  for (var bit = 32u; bit > 0u; bit--) {
    let candidate = t | (1u << (bit - 1u));
    var count = 0.0;
    for (var i = lid; i < n; i += WORKGROUP_SIZE) {
      count += select(0.0, 1.0, klCov_key(scratch[covariances + i]) >= candidate);
    }
    // Counts below 2^24 add exactly in f32.
    if (workgroupSum(vec4<f32>(count, 0.0, 0.0, 0.0)).x >= f32(k)) {
      t = candidate;
    }
  }
  // Every key above t, then the first k − #{key > t} keys equal to t in token order.
  let range = contiguousRange(n);
  var above = 0.0;
  var ties = 0u;
  for (var i = range.x; i < range.y; i++) {
    let key = klCov_key(scratch[covariances + i]);
    above += select(0.0, 1.0, key > t);
    ties += select(0u, 1u, key == t);
  }
  let place = exclusivePrefix(ties);
  let wanted = k - u32(workgroupSum(vec4<f32>(above, 0.0, 0.0, 0.0)).x);
  var rank = place.x;
  for (var i = range.x; i < range.y; i++) {
    let key = klCov_key(scratch[covariances + i]);
    var picked = key > t;
    if (key == t) {
      picked = rank < wanted;
      rank++;
    }
    scratch[flags + i] = select(0.0, 1.0, picked);
  }
  storageBarrier();
}

fn klCov_selectTokens(step: u32, means: vec2<f32>) {
  if (stageParams.klCov.perEpoch == 0u) {
    klCov_select(means, 0u);
  }
}

fn klCov_beginEpoch(step: u32, epoch: u32, bounds: vec2<f32>) {
  if (stageParams.klCov.perEpoch != 0u) {
    klCov_select(tokenCovarianceMeans(epoch), epoch);
  }
}

fn klCov_tokenLoss(i: u32, moved: f32) -> f32 {
  let p = stageParams.klCov;
  if (abs(moved) <= p.deadZone || scratch[sBase + p.selectedOffset + i] == 0.0) {
    return 0.0;
  }
  klCov_part += vec2<f32>(p.coef * abs(moved), 1.0);
  return -p.coef * sign(moved);
}

fn klCov_afterEpochs() {
  klCov_step = workgroupSum(vec4<f32>(klCov_part, 0.0, 0.0)).xy / f32(max(1u, klCov_count * params.epochs));
  klCov_part = vec2<f32>(0.0);
}

fn klCov_writeMetrics(base: u32) {
  let at = base + stageParams.klCov.metricOffset;
  metrics[at] = klCov_frac;
  metrics[at + 1u] = klCov_step.y;
  metrics[at + 2u] = klCov_step.x;
}
