// Inner epochs of the clipped surrogate and the logit update (trainStep.ts sampledUpdate,
// applyUpdate): per token c_i = w_i ρ_i Â_i unless a clip is active (policyLoss.ts), plus the
// stages' token losses, summed per (row, action) in fixed point (integer atomics: exact and
// order-free, so runs repeat bit for bit), then per visited row Δz = η((C − π ΣC)/d + w π ⊙ u)
// (vanilla) or η(u + (C/π − ΣC)/(d w)) (natural) with d the loss aggregation's token divisor and
// w = visits/d, u = −β_ref(log π − log π_ref − KL) plus the stages' row
// directions. In exact mode (exact.wgsl) there are no tokens: w = d(s), the visitation, and u
// starts from the exact advantage A(s, a). Then the metrics of the applied Δz.

var<workgroup> clippedLow: atomic<u32>;
var<workgroup> clippedHigh: atomic<u32>;
var<workgroup> clippedDual: atomic<u32>;
var<workgroup> maxCoefBits: atomic<u32>;
var<workgroup> maxRatioBits: atomic<u32>;
var<workgroup> divergedFlag: atomic<u32>;

/** log π_θ(bin) at this epoch: the step's π_old in epoch 0, else the updated logits. */
fn currentLogp(bin: u32, row: u32, epoch: u32) -> f32 {
  if (epoch == 0u) {
    return scratch[sBase + params.logpOffset + bin];
  }
  return logits[zBase + bin] - scratch[sBase + params.lseOffset + row];
}

/**
 * Fixed-point exponent k for this epoch: with |c| < 2^e and n < 2^b tokens, every
 * c·2^(k−16) has |·| < 2^(29−b), so the high words' sum fits an i32 and the low words'
 * (16 bits each, n < 2^16) a u32.
 */
fn fixedPointShift(maxAbs: f32, n: u32) -> i32 {
  return 45 - frexp(maxAbs).exp - i32(32u - countLeadingZeros(n));
}

/** Adds c to bin in fixed point: high word floor(x), low word the 16-bit fraction, x = c·2^(k−16). */
fn scatterCoefficient(bin: u32, c: f32, shift: i32) {
  let x = ldexp(c, shift - 16);
  let hi = floor(x);
  atomicAdd(&accum[aBase + bin], bitcast<u32>(i32(hi)));
  atomicAdd(&accum[aBase + params.binLowOffset + bin], u32(round((x - hi) * 65536.0)));
}

/** The bin's sum C in float, then clears the bin for the next epoch or step. */
fn gatherCoefficient(bin: u32, shift: i32, clear: bool) -> f32 {
  let hi = bitcast<i32>(atomicLoad(&accum[aBase + bin]));
  let lo = atomicLoad(&accum[aBase + params.binLowOffset + bin]);
  if (clear) {
    atomicStore(&accum[aBase + bin], 0u);
    atomicStore(&accum[aBase + params.binLowOffset + bin], 0u);
  }
  return ldexp(f32(hi) + f32(lo) / 65536.0, 16 - shift);
}

/** Token i's Δ log π = log π_θ(a_i) − log π_old(a_i) at this epoch. */
fn tokenMoved(i: u32, epoch: u32) -> f32 {
  return tokenLogp(i, epoch) - scratch[sBase + params.logpOffset + tokenBins[tBase + i]];
}

/**
 * The clip that zeroes a token's gradient (policyLoss.ts clipKind): ratio ρ above 1 + ε_high
 * with Â > 0, below 1 − ε_low with Â < 0, or above the dual-clip c with Â < 0 (not in verl's
 * clip_cov loss); verl's kl_cov loss has no ratio clip.
 */
fn clipKind(ratio: f32, adv: f32, bounds: vec2<f32>) -> u32 {
  if (params.policyLoss == LOSS_KL_COV) {
    return CLIP_NONE;
  }
  if (adv > 0.0 && ratio > 1.0 + bounds.y) {
    return CLIP_HIGH;
  }
  if (adv < 0.0 && ratio < 1.0 - bounds.x) {
    return CLIP_LOW;
  }
  if (adv < 0.0 && params.clipRatioC > 0.0 && params.policyLoss != LOSS_CLIP_COV && ratio > params.clipRatioC) {
    return CLIP_DUAL;
  }
  return CLIP_NONE;
}

/** Token i's clip at this epoch with the epoch's bounds. */
fn tokenClipKind(i: u32, epoch: u32, bounds: vec2<f32>) -> u32 {
  return clipKind(exp(tokenMoved(i, epoch)), tokenAdvantage(i), bounds);
}

/** Per-token clipped coefficients of this epoch, scattered into the bins; returns the shift. */
fn scatterEpoch(step: u32, epoch: u32) -> i32 {
  let n = tokenCount();
  let logp = sBase + params.logpOffset;
  let coef = sBase + params.coefOffset;
  let bounds = stagesClipBounds(epoch, vec2<f32>(params.clipLow, params.clipHigh));
  stagesBeginEpoch(step, epoch, bounds);
  for (var i = lid; i < n; i += WORKGROUP_SIZE) {
    let bin = tokenBins[tBase + i];
    let lpNew = tokenLogp(i, epoch);
    let moved = lpNew - scratch[logp + bin];
    let ratio = exp(moved);
    // The gradient's weight π_θ/π_behaviour: the same bits as the ratio unless a stage sampled elsewhere.
    let behaviourRatio = exp(lpNew - scratch[samplingTable + bin]);
    let adv = tokenAdvantage(i);
    var c = 0.0;
    // The clipped surrogate's gradient vanishes where a clip is active.
    let clip = clipKind(ratio, adv, bounds);
    if (clip == CLIP_HIGH) {
      atomicAdd(&clippedHigh, 1u);
    } else if (clip == CLIP_LOW) {
      atomicAdd(&clippedLow, 1u);
    } else if (clip == CLIP_DUAL) {
      atomicAdd(&clippedDual, 1u);
    } else {
      c = stagesTokenWeight(i) * behaviourRatio * adv;
    }
    c += stagesTokenLoss(i, moved);
    scratch[coef + i] = c;
    atomicMax(&maxCoefBits, bitcast<u32>(abs(c)));
  }
  let maxBits = uniformAtomic(&maxCoefBits);
  if (lid == 0u) {
    atomicStore(&maxCoefBits, 0u);
  }
  if (maxBits >= 0x7f800000u) {
    atomicStore(&divergedFlag, 1u);
    return 0;
  }
  if (maxBits == 0u) {
    return 0;
  }
  let shift = fixedPointShift(bitcast<f32>(maxBits), n);
  for (var i = lid; i < n; i += WORKGROUP_SIZE) {
    let c = scratch[coef + i];
    if (c != 0.0) {
      scatterCoefficient(tokenBins[tBase + i], c, shift);
    }
  }
  storageBarrier();
  return shift;
}

/** lse of a row of the logits (for the next epoch's log π_θ). */
fn rowLogSumExp(z: u32) -> f32 {
  var mx = logits[z];
  for (var a = 1u; a < params.actions; a++) {
    mx = max(mx, logits[z + a]);
  }
  var sum = 0.0;
  for (var a = 0u; a < params.actions; a++) {
    sum += exp(logits[z + a] - mx);
  }
  return mx + log(sum);
}

/** The logit update of every visited row, with row weight w = visits/d (d: params.tokenDivisor), or d(s) in exact mode. */
fn updateRows(epoch: u32, shift: i32) {
  let K = params.actions;
  let d = params.tokenDivisor;
  let natural = params.geometry == GEOMETRY_NATURAL;
  let exact = params.advantageKind == ADV_EXACT;
  // H, KL and max log π of a row only where a stage or the reference KL uses them.
  let needsStats = STAGES_NEED_ROW_STATS || params.refKL > 0.0;
  for (var k = lid; k < visitedRowCount; k += WORKGROUP_SIZE) {
    let s = visitedRow(k);
    let w = select(f32(atomicLoad(&accum[aBase + params.rowCountOffset + s])) / d, scratch[sBase + params.visitOffset + s], exact);
    let row = s * K;
    var stats = RowStats(0.0, 0.0, currentLogp(row, s, epoch), w);
    var sumC = 0.0;
    for (var a = 0u; a < K; a++) {
      if (needsStats) {
        let lp = currentLogp(row + a, s, epoch);
        let p = exp(lp);
        if (p > 0.0) {
          stats.h -= p * lp;
          stats.kl += p * (lp - refLogp[refBase + row + a]);
        }
        stats.maxLp = max(stats.maxLp, lp);
      }
      if (!exact) {
        sumC += gatherCoefficient(row + a, shift, false);
      }
    }
    stagesRowBegin(s, epoch, stats);
    for (var a = 0u; a < K; a++) {
      let lp = currentLogp(row + a, s, epoch);
      let p = exp(lp);
      var c = 0.0;
      var u = 0.0;
      if (exact) {
        u = scratch[sBase + params.advantageOffset + row + a];
      } else {
        c = gatherCoefficient(row + a, shift, true);
      }
      u += stagesRowDirection(s, a, lp, stats);
      if (params.refKL > 0.0) {
        u -= params.refKL * (lp - refLogp[refBase + row + a] - stats.kl);
      }
      var step = 0.0;
      if (exact) {
        // Δz = η·d·π ⊙ u (vanilla) or η·u (natural): trainStep.ts logitStep with no token gradient.
        step = select(w * p * u, u, natural);
      } else if (natural) {
        // η·A for every action, however small its probability: (c/π − Σc)/(d·w), where the
        // c/π part exists only for sampled actions. Dropping −Σc where π underflows float32
        // (a gap of ~87 nats) would freeze actions the CPU's float64 still moves.
        step = u + (select(0.0, c / p, c != 0.0 && p > 0.0) - sumC) / (d * w);
      } else {
        step = (c - p * sumC) / d + w * p * u;
      }
      let zOld = logits[zBase + row + a];
      let z = zOld + runLr * step;
      logits[zBase + row + a] = z;
      // Δz of the step; epoch 0 also saves the row for a diverged step (divergeRun).
      if (epoch == 0u) {
        scratch[sBase + params.zPrevOffset + row + a] = zOld;
        scratch[sBase + params.dzOffset + row + a] = runLr * step;
      } else {
        scratch[sBase + params.dzOffset + row + a] += runLr * step;
      }
      if (isNonFinite(z)) {
        atomicStore(&divergedFlag, 1u);
      }
    }
    if (epoch + 1u < params.epochs) {
      scratch[sBase + params.lseOffset + s] = rowLogSumExp(zBase + row);
    }
  }
  storageBarrier();
}

/** Returns (clipped low, clipped high, dual-clipped) token counts over all epochs. */
fn runEpochs(step: u32) -> vec3<u32> {
  for (var epoch = 0u; epoch < params.epochs; epoch++) {
    updateRows(epoch, scatterEpoch(step, epoch));
  }
  let counts = vec3<u32>(uniformAtomic(&clippedLow), uniformAtomic(&clippedHigh), uniformAtomic(&clippedDual));
  workgroupBarrier();
  if (lid == 0u) {
    atomicStore(&clippedLow, 0u);
    atomicStore(&clippedHigh, 0u);
    atomicStore(&clippedDual, 0u);
  }
  return counts;
}

/**
 * Metrics of the applied Δz against the policy before it, visitation-weighted: the
 * covariance term Σ π(log π + H)(Δz − E_π Δz) (Entropy Mechanism §3), KL(π‖π_ref), and the
 * step ratio max_s (max Δz − min Δz)/π ("Ghosts of Softmax"). Rows no token visited kept
 * Δz = 0: they add to KL and d only. Returns (cov, KL, ratio, –).
 */
fn updateMetrics() -> vec4<f32> {
  let K = params.actions;
  var part = vec4<f32>(0.0);
  for (var s = lid; s < params.rows; s += WORKGROUP_SIZE) {
    let d = scratch[sBase + params.visitOffset + s];
    part += vec4<f32>(0.0, d * max(0.0, scratch[sBase + params.rowKLOffset + s]), d, 0.0);
  }
  for (var k = lid; k < visitedRowCount; k += WORKGROUP_SIZE) {
    let s = visitedRow(k);
    let d = scratch[sBase + params.visitOffset + s];
    if (d == 0.0) {
      continue;
    }
    let h = scratch[sBase + params.rowEntropyOffset + s];
    let logp = sBase + params.logpOffset + s * K;
    let dz = sBase + params.dzOffset + s * K;
    var meanDz = 0.0;
    var lo = scratch[dz];
    var hi = scratch[dz];
    for (var a = 0u; a < K; a++) {
      let p = exp(scratch[logp + a]);
      if (p > 0.0) {
        meanDz += p * scratch[dz + a];
      }
      lo = min(lo, scratch[dz + a]);
      hi = max(hi, scratch[dz + a]);
    }
    var cov = 0.0;
    for (var a = 0u; a < K; a++) {
      let lp = scratch[logp + a];
      let p = exp(lp);
      if (p > 0.0) {
        cov += p * (lp + h) * (scratch[dz + a] - meanDz);
      }
    }
    part.x += d * cov;
    atomicMax(&maxRatioBits, bitcast<u32>((hi - lo) / PI_F32));
  }
  let total = workgroupSum(part);
  let ratio = bitcast<f32>(uniformAtomic(&maxRatioBits));
  workgroupBarrier();
  if (lid == 0u) {
    atomicStore(&maxRatioBits, 0u);
  }
  return vec4<f32>(select(0.0, total.x / total.z, total.z > 0.0), select(0.0, total.y / total.z, total.z > 0.0), ratio, 0.0);
}
