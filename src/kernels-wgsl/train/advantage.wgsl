// Advantages of one step (algorithms/*.ts): per group the REINFORCE baselines (none, mean,
// leave-one-out), GRPO's (r − mean)/(std + ε), Dr. GRPO's r − mean (each also under verl's
// rules: the unbiased std, a lone sample's mean 0), PPO's batch whitening;
// the batch statistics (reward, flat groups, pass@k estimates) and the per-token
// covariance that token-selecting stages rank by.

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

/** Batch group g's (Σ reward, pass@1, pass@k estimates, 1 if its rewards are all equal). */
fn groupStats(g: u32) -> vec4<f32> {
  let G = params.groupSize;
  let rewards = sBase + params.rewardOffset + g * G;
  let r0 = scratch[rewards];
  var sum = 0.0;
  var flat = true;
  var correct = 0u;
  for (var i = 0u; i < G; i++) {
    let r = scratch[rewards + i];
    sum += r;
    flat = flat && r == r0;
    correct += select(0u, 1u, params.envKind == ENV_TOKENS && scratch[sBase + params.correctOffset + g * G + i] > 0.5);
  }
  var stats = vec4<f32>(sum, 0.0, 0.0, select(0.0, 1.0, flat));
  if (params.envKind == ENV_TOKENS) {
    stats.y = passAtKEstimate(G, correct, 1u);
    if (params.passK <= G) {
      stats.z = passAtKEstimate(G, correct, params.passK);
    }
  }
  return stats;
}

/**
 * Per-trajectory advantages of every batch group. Returns the batch sums
 * (Σ reward, Σ pass@1, Σ pass@k, flat groups) over groups.
 */
fn groupAdvantages() -> vec4<f32> {
  let G = params.groupSize;
  let rewards = sBase + params.rewardOffset;
  let advantages = sBase + params.advantageOffset;
  var part = vec4<f32>(0.0);
  for (var g = lid; g < params.batchGroups; g += WORKGROUP_SIZE) {
    let first = g * G;
    let stats = groupStats(g);
    let sum = stats.x;
    let flat = stats.w > 0.0;
    let kind = params.advantageKind;
    let standardised = kind == ADV_GRPO || kind == ADV_GRPO_VERL;
    // verl takes a group of one sample as mean 0, std 1, and not flat (verlGroupAdvantages).
    let verlSingle = (kind == ADV_GRPO_VERL || kind == ADV_MEAN_VERL) && G == 1u;
    let mean = select(sum / f32(G), 0.0, verlSingle);
    var spread = 1.0;
    if (standardised && !verlSingle) {
      var v = 0.0;
      for (var i = 0u; i < G; i++) {
        let d = scratch[rewards + first + i] - mean;
        v += d * d;
      }
      // The population std (lab), or torch.std's unbiased one (verl).
      spread = sqrt(v / f32(select(G, G - 1u, kind == ADV_GRPO_VERL)));
    }
    for (var i = 0u; i < G; i++) {
      let r = scratch[rewards + first + i];
      var adv = r - mean;
      if (kind == ADV_NONE) {
        adv = r;
      } else if (kind == ADV_LOO && G > 1u) {
        adv = r - (mean * f32(G) - r) / f32(G - 1u);
      } else if (standardised) {
        adv = (r - mean) / (spread + params.advantageEps);
      }
      // A flat group's baselined advantages are exactly 0 (base.ts), not rounding noise.
      if (flat && kind != ADV_NONE && !verlSingle) {
        adv = 0.0;
      }
      scratch[advantages + first + i] = adv;
    }
    part += stats;
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

/** log π_θ(a_i) of token i at this epoch (π_old in epoch 0). */
fn tokenLogp(i: u32, epoch: u32) -> f32 {
  let bin = tokenBins[tBase + i];
  return currentLogp(bin, bin / params.actions, epoch);
}

/** Batch means (mean log π_θ(a_i), mean Â_i) over the step's tokens at this epoch. */
fn tokenCovarianceMeans(epoch: u32) -> vec2<f32> {
  let n = tokenCount();
  var part = vec4<f32>(0.0);
  for (var i = lid; i < n; i += WORKGROUP_SIZE) {
    part.x += tokenLogp(i, epoch);
    part.y += tokenAdvantage(i);
  }
  return workgroupSum(part).xy / f32(n);
}

/**
 * Token i's c_i = (log π_θ(a_i) − mean)(Â_i − mean), the per-token covariance term, at this
 * epoch (tokenSignals.ts tokenCovariances: π_old in epoch 0, the current policy after).
 */
fn tokenCovarianceOf(i: u32, means: vec2<f32>, epoch: u32) -> f32 {
  return (tokenLogp(i, epoch) - means.x) * (tokenAdvantage(i) - means.y);
}

/** The paper's token covariance mean_i c_i at π_old (trainStep.ts). */
fn tokenCovariance(means: vec2<f32>) -> f32 {
  let n = tokenCount();
  var part = vec4<f32>(0.0);
  for (var i = lid; i < n; i += WORKGROUP_SIZE) {
    part.x += tokenCovarianceOf(i, means, 0u);
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
  return -(runLr / params.tokenDivisor) * adv * (exp(scratch[logp + bin]) * (logits[zBase + bin] - top - centre) - meanS);
}
