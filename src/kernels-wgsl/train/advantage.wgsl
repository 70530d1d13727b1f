// Advantages of one step (algorithms/*.ts): per group the REINFORCE baselines (none, mean,
// leave-one-out), GRPO's (r − mean)/(std + ε), Dr. GRPO's r − mean, PPO's batch whitening;
// the batch statistics (reward, zero-std groups, pass@k estimates) and the per-token
// covariance that token-selecting stages rank by.

var<workgroup> zeroStdGroups: atomic<u32>;

/** Unbiased pass@k from c correct of n: 1 − C(n−c, k)/C(n, k) (metrics.ts passAtK). */
fn passAtKEstimate(n: u32, c: u32, k: u32) -> f32 {
  if (n - c < k) {
    return 1.0;
  }
  var fail = 1.0;
  for (var i = n - c + 1u; i <= n; i++) {
    fail *= 1.0 - f32(k) / f32(i);
  }
  return 1.0 - fail;
}

/**
 * Per-trajectory advantages of every batch group. Returns the batch sums
 * (Σ reward, Σ pass@1, Σ pass@k, 0) over groups.
 */
fn groupAdvantages() -> vec4<f32> {
  let G = params.groupSize;
  let rewards = sBase + params.rewardOffset;
  let advantages = sBase + params.advantageOffset;
  var part = vec4<f32>(0.0);
  for (var g = lid; g < params.batchGroups; g += WORKGROUP_SIZE) {
    let first = g * G;
    let r0 = scratch[rewards + first];
    var sum = 0.0;
    var flat = true;
    var correct = 0u;
    for (var i = 0u; i < G; i++) {
      let r = scratch[rewards + first + i];
      sum += r;
      flat = flat && r == r0;
      correct += select(0u, 1u, params.envKind == ENV_TOKENS && scratch[sBase + params.correctOffset + first + i] > 0.5);
    }
    let mean = sum / f32(G);
    var spread = 0.0;
    if (params.advantageKind == ADV_GRPO) {
      var v = 0.0;
      for (var i = 0u; i < G; i++) {
        let d = scratch[rewards + first + i] - mean;
        v += d * d;
      }
      spread = sqrt(v / f32(G));
    }
    for (var i = 0u; i < G; i++) {
      let r = scratch[rewards + first + i];
      var adv = r - mean;
      if (params.advantageKind == ADV_NONE) {
        adv = r;
      } else if (params.advantageKind == ADV_LOO && G > 1u) {
        adv = r - (mean * f32(G) - r) / f32(G - 1u);
      } else if (params.advantageKind == ADV_GRPO) {
        adv = (r - mean) / (spread + params.advantageEps);
      }
      // A flat group's baselined advantages are exactly 0 (base.ts), not rounding noise.
      if (flat && params.advantageKind != ADV_NONE) {
        adv = 0.0;
      }
      scratch[advantages + first + i] = adv;
    }
    if (flat) {
      atomicAdd(&zeroStdGroups, 1u);
    }
    part.x += sum;
    if (params.envKind == ENV_TOKENS) {
      part.y += passAtKEstimate(G, correct, 1u);
      if (params.passK <= G) {
        part.z += passAtKEstimate(G, correct, params.passK);
      }
    }
  }
  storageBarrier();
  return workgroupSum(part);
}

/** PPO: scale the (mean-zero) group advantages to unit spread over the batch, A/(std + ε) (ppo.ts). */
fn whitenAdvantages() {
  let advantages = sBase + params.advantageOffset;
  let m = params.batchGroups * params.groupSize;
  var part = vec4<f32>(0.0);
  for (var j = lid; j < m; j += WORKGROUP_SIZE) {
    let a = scratch[advantages + j];
    part.x += a * a / f32(m);
  }
  let spread = sqrt(workgroupSum(part).x);
  for (var j = lid; j < m; j += WORKGROUP_SIZE) {
    scratch[advantages + j] = scratch[advantages + j] / (spread + params.advantageEps);
  }
  storageBarrier();
}

/** Token i's advantage Â_i: its trajectory's, as the stages edited it per token. */
fn tokenAdvantage(i: u32) -> f32 {
  return stagesTokenAdvantage(i, scratch[sBase + params.advantageOffset + tokenTrajectory(i)]);
}

/** Batch means (mean log π_old(a_i), mean Â_i) over the step's tokens. */
fn tokenCovarianceMeans() -> vec2<f32> {
  let n = tokenCount();
  var part = vec4<f32>(0.0);
  for (var i = lid; i < n; i += WORKGROUP_SIZE) {
    part.x += scratch[sBase + params.logpOffset + tokenBins[tBase + i]];
    part.y += tokenAdvantage(i);
  }
  return workgroupSum(part).xy / f32(n);
}

/** Token i's c_i = (log π_old(a_i) − mean)(Â_i − mean), the per-token covariance term. */
fn tokenCovarianceOf(i: u32, means: vec2<f32>) -> f32 {
  let lp = scratch[sBase + params.logpOffset + tokenBins[tBase + i]];
  return (lp - means.x) * (tokenAdvantage(i) - means.y);
}

/** The paper's token covariance mean_i c_i (trainStep.ts). */
fn tokenCovariance(means: vec2<f32>) -> f32 {
  let n = tokenCount();
  var part = vec4<f32>(0.0);
  for (var i = lid; i < n; i += WORKGROUP_SIZE) {
    part.x += tokenCovarianceOf(i, means);
  }
  return workgroupSum(part).x / f32(n);
}

/**
 * δH_i = −(η/G)·Â_i·(S_{a_i} − E_π[S]), S_b = π_b(log π_b + H): the first-order entropy change
 * of token i's own update at π_old (tokenSignals.ts predictedEntropyChanges), which STEER and
 * the entropy discriminator weigh tokens by. log π_b + H = z_b − E_π[z] from logit differences,
 * as the CPU takes it: exactly 0 on a uniform row, relatively precise on a collapsed one.
 */
fn predictedEntropyChange(i: u32) -> f32 {
  let K = params.actions;
  let bin = tokenBins[tBase + i];
  let row = bin - bin % K;
  let logp = sBase + params.logpOffset;
  var top = logits[zBase + row];
  for (var b = row + 1u; b < row + K; b++) {
    top = max(top, logits[zBase + b]);
  }
  var centre = 0.0;
  for (var b = row; b < row + K; b++) {
    centre += exp(scratch[logp + b]) * (logits[zBase + b] - top);
  }
  var meanS = 0.0;
  for (var b = row; b < row + K; b++) {
    meanS += exp(2.0 * scratch[logp + b]) * (logits[zBase + b] - top - centre);
  }
  let adv = tokenAdvantage(i);
  return -(params.lr / f32(params.groupSize)) * adv * (exp(scratch[logp + bin]) * (logits[zBase + bin] - top - centre) - meanS);
}
