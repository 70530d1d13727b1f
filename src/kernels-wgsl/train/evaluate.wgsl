// Exact evaluation of the current logits (trainStep.ts initialState; env evaluate()): per-row
// log-softmax, entropy and KL to the reference, the visitation d(s) (token task: a forward
// pass over positions; MDP: over time steps), and the visitation-weighted entropy, exact
// reward J and pass@k. After a step only the rows it sampled changed, so only those are
// evaluated again.

/**
 * Prompt q's exact reward J_q = Σ_c r_c P(c) and full-credit mass Σ_{c full} P(c) (tokens.ts
 * evaluate), P(c) = exp(Σ_t log π(c_t|…)).
 */
fn answerMass(prompt: u32) -> vec2<f32> {
  var total = vec2<f32>(0.0);
  for (var c = envTable[params.answerStartOffset + prompt]; c < envTable[params.answerStartOffset + prompt + 1u]; c++) {
    let p = exp(answerLogProb(prompt, c));
    total += vec2<f32>(bitcast<f32>(envTable[params.answerRewardOffset + c]) * p, f32(envTable[params.answerFullOffset + c]) * p);
  }
  return total;
}

/** log P(c) = Σ_t log π(c_t | prompt, t, c_{t−1}) of answer c to `prompt`. */
fn answerLogProb(prompt: u32, c: u32) -> f32 {
  let L = params.maxLength;
  let V = params.actions;
  let logp = sBase + params.logpOffset;
  var lp = 0.0;
  var prev = 0u;
  for (var t = 0u; t < L; t++) {
    let tok = envTable[params.answersOffset + c * L + t];
    lp += scratch[logp + tokenRow(prompt, t, prev) * V + tok];
    prev = tok;
  }
  return lp;
}

/** x^k for an integer k ≥ 0, by squaring (pow() is exp2∘log2 and loses accuracy). */
fn powInt(x: f32, k: u32) -> f32 {
  var result = 1.0;
  var base = x;
  var e = k;
  while (e > 0u) {
    if ((e & 1u) != 0u) {
      result *= base;
    }
    base *= base;
    e = e >> 1u;
  }
  return result;
}

/**
 * d(row) of the token task: mass m[q][t][tok] of prompt q's sequences having `tok` at
 * position t, m[q][t][tok] = Σ_prev m[q][t−1][prev] π(tok | q, t, prev); the row
 * (q, t, prev) is visited with m[q][t−1][prev], summed over prompts when rows are shared.
 */
fn tokenVisitation() {
  let V = params.actions;
  let L = params.maxLength;
  let P = params.groups;
  let logp = sBase + params.logpOffset;
  let visit = sBase + params.visitOffset;
  let mass = sBase + params.massOffset;
  for (var i = lid; i < P * V; i += WORKGROUP_SIZE) {
    let q = i / V;
    let tok = i % V;
    let row = tokenRow(q, 0u, 0u);
    scratch[mass + q * L * V + tok] = exp(scratch[logp + row * V + tok]);
    if (tok == 0u) {
      scratch[visit + row] = 1.0;
    }
  }
  storageBarrier();
  for (var t = 1u; t < L; t++) {
    for (var i = lid; i < P * V; i += WORKGROUP_SIZE) {
      let q = i / V;
      let tok = i % V;
      let prevMass = mass + (q * L + t - 1u) * V;
      // The rows (q, t, prev) are consecutive in prev.
      let logps = logp + tokenRow(q, t, 0u) * V + tok;
      var acc = 0.0;
      for (var prev = 0u; prev < V; prev++) {
        let m = scratch[prevMass + prev];
        if (m != 0.0) {
          acc += m * exp(scratch[logps + prev * V]);
        }
      }
      scratch[mass + (q * L + t) * V + tok] = acc;
      if (params.sharedSuffix == 0u) {
        scratch[visit + tokenRow(q, t, tok)] = scratch[prevMass + tok];
      }
    }
    if (params.sharedSuffix != 0u) {
      for (var prev = lid; prev < V; prev += WORKGROUP_SIZE) {
        var acc = 0.0;
        for (var q = 0u; q < P; q++) {
          acc += scratch[mass + (q * L + t - 1u) * V + prev];
        }
        scratch[visit + tokenRow(0u, t, prev)] = acc;
      }
    }
    storageBarrier();
  }
}

/**
 * d(s) = Σ_h μ_h(s) of an MDP (tabularMdp.ts occupancy): μ_0 is the start state, μ_{h+1}(s') =
 * Σ over transitions (s, a) → s' of μ_h(s) π(a|s) P(s'|s, a), each state gathering its incoming
 * transitions (terminal states neither count nor pass mass on), for h < L. μ_h and μ_h+1
 * alternate in two slots, or in exact mode each μ_h keeps its own (mdpExactAdvantages reads them).
 */
fn mdpVisitation() {
  let S = params.rows;
  let K = params.actions;
  let logp = sBase + params.logpOffset;
  let visit = sBase + params.visitOffset;
  let mu = sBase + params.massOffset;
  for (var s = lid; s < S; s += WORKGROUP_SIZE) {
    scratch[visit + s] = 0.0;
    scratch[mu + s] = select(0.0, 1.0, s == params.mdpStart && envTable[params.terminalOffset + s] == 0u);
  }
  storageBarrier();
  let slots = select(2u, params.maxLength, params.advantageKind == ADV_EXACT);
  for (var h = 0u; h < params.maxLength; h++) {
    let now = mu + (h % slots) * S;
    let next = mu + ((h + 1u) % slots) * S;
    for (var s = lid; s < S; s += WORKGROUP_SIZE) {
      scratch[visit + s] += scratch[now + s];
      if (h + 1u == params.maxLength) {
        continue;
      }
      var acc = 0.0;
      if (envTable[params.terminalOffset + s] == 0u) {
        for (var e = envTable[params.incomingStartOffset + s]; e < envTable[params.incomingStartOffset + s + 1u]; e++) {
          let bin = envTable[params.incomingOffset + 2u * e];
          let m = scratch[now + bin / K];
          if (m != 0.0) {
            acc += m * exp(scratch[logp + bin]) * bitcast<f32>(envTable[params.incomingOffset + 2u * e + 1u]);
          }
        }
      }
      scratch[next + s] = acc;
    }
    storageBarrier();
  }
}

/** Log-softmax, lse, entropy and KL(π‖π_ref) of row s. */
fn evaluateRow(s: u32) {
  let K = params.actions;
  let z = zBase + s * K;
  let logp = sBase + params.logpOffset + s * K;
  var mx = logits[z];
  for (var a = 1u; a < K; a++) {
    mx = max(mx, logits[z + a]);
  }
  var sum = 0.0;
  for (var a = 0u; a < K; a++) {
    sum += exp(logits[z + a] - mx);
  }
  let lse = mx + log(sum);
  var h = 0.0;
  var kl = 0.0;
  for (var a = 0u; a < K; a++) {
    let lp = logits[z + a] - lse;
    scratch[logp + a] = lp;
    let p = exp(lp);
    if (p > 0.0) {
      h -= p * lp;
      kl += p * (lp - refLogp[refBase + s * K + a]);
    }
  }
  scratch[sBase + params.rowEntropyOffset + s] = h;
  scratch[sBase + params.rowKLOffset + s] = kl;
  scratch[sBase + params.lseOffset + s] = lse;
}

/**
 * Evaluates every row (`allRows`, a dispatch's first evaluation) or the rows the step sampled,
 * then the visitation; returns (entropy, J, pass@1, pass@k).
 */
fn evaluatePolicy(allRows: bool) -> vec4<f32> {
  let K = params.actions;
  let logp = sBase + params.logpOffset;
  if (allRows) {
    for (var s = lid; s < params.rows; s += WORKGROUP_SIZE) {
      evaluateRow(s);
      scratch[sBase + params.visitOffset + s] = select(0.0, 1.0, params.envKind != ENV_TOKENS);
    }
  } else {
    for (var k = lid; k < visitedRowCount; k += WORKGROUP_SIZE) {
      evaluateRow(visitedRow(k));
    }
  }
  storageBarrier();
  if (params.envKind == ENV_TOKENS) {
    tokenVisitation();
  } else if (params.envKind == ENV_MDP) {
    mdpVisitation();
  }
  var part = vec4<f32>(0.0);
  for (var s = lid; s < params.rows; s += WORKGROUP_SIZE) {
    let d = scratch[sBase + params.visitOffset + s];
    part.x += d * scratch[sBase + params.rowEntropyOffset + s];
    part.y += d;
  }
  var passAt1 = 0.0;
  if (params.envKind == ENV_TOKENS) {
    var fullMass = vec4<f32>(0.0);
    for (var q = lid; q < params.groups; q += WORKGROUP_SIZE) {
      let jq = answerMass(q);
      part.z += jq.x;
      fullMass.x += min(1.0, jq.y);
      part.w += 1.0 - powInt(1.0 - min(1.0, jq.y), params.passK);
    }
    passAt1 = workgroupSum(fullMass).x / f32(params.groups);
  } else {
    // J = Σ_s d(s) Σ_a π(a|s) r̄(s, a): d = 1 for every context, the visitation in an MDP.
    for (var s = lid; s < params.rows; s += WORKGROUP_SIZE) {
      var js = 0.0;
      for (var a = 0u; a < K; a++) {
        js += exp(scratch[logp + s * K + a]) * bitcast<f32>(envTable[params.meansOffset + s * K + a]);
      }
      part.z += scratch[sBase + params.visitOffset + s] * js;
    }
  }
  let total = workgroupSum(part);
  let entropy = select(0.0, total.x / total.y, total.y > 0.0);
  let reward = total.z / f32(params.groups);
  return vec4<f32>(entropy, reward, select(reward, passAt1, params.envKind == ENV_TOKENS), total.w / f32(params.groups));
}
