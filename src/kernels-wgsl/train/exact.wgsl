// Exact mode on the GPU, in float32 (trainStep.ts, mode 'exact'; science.md §2): no samples,
// no epochs, no clip. The environment's exact advantages A(s, a) (env advantage()) at every
// state the policy reaches (d(s) > 0), to which updateRows adds the stages' and the reference
// KL's directions u and applies Δz = η·d(s)·π ⊙ u (vanilla) or η·u (natural). The CPU stays
// the float64 reference.

/**
 * Bandits: A(s, a) = r̄(s, a) − Σ_b π(b|s) r̄(s, b) per context (bandit.ts, contextual.ts).
 * The token task and the MDPs have their own below.
 */
fn armExactAdvantages() {
  let K = params.actions;
  let logp = sBase + params.logpOffset;
  let adv = sBase + params.advantageOffset;
  for (var s = lid; s < params.rows; s += WORKGROUP_SIZE) {
    var v = 0.0;
    for (var a = 0u; a < K; a++) {
      v += exp(scratch[logp + s * K + a]) * bitcast<f32>(envTable[params.meansOffset + s * K + a]);
    }
    for (var a = 0u; a < K; a++) {
      scratch[adv + s * K + a] = bitcast<f32>(envTable[params.meansOffset + s * K + a]) - v;
    }
  }
}

/** Token row s as (position t, previous token, first prompt, end of prompts) whose answers pass it (tokenRow inverted). */
fn tokenRowPlace(s: u32) -> vec4<u32> {
  let V = params.actions;
  let P = params.groups;
  if (params.sharedSuffix != 0u) {
    if (s < P) {
      return vec4<u32>(0u, 0u, s, s + 1u);
    }
    return vec4<u32>(1u + (s - P) / V, (s - P) % V, 0u, P);
  }
  let perPrompt = 1u + (params.maxLength - 1u) * V;
  let q = s / perPrompt;
  let r = s % perPrompt;
  if (r == 0u) {
    return vec4<u32>(0u, 0u, q, q + 1u);
  }
  return vec4<u32>(1u + (r - 1u) / V, (r - 1u) % V, q, q + 1u);
}

/**
 * Token task (tokens.ts advantage): ∂J_q/∂z = d(s) π(a|s) A(s, a), so A(s, a) = (Σ_{c: c_t = a}
 * r_c P(c)/π(a|s) − Σ_c r_c P(c)) / d(s) over the answers c through row s. First each answer's
 * log P(c) (in the coefficient region), then each row gathers its answers: no two invocations
 * write one row.
 */
fn tokenExactAdvantages() {
  let V = params.actions;
  let L = params.maxLength;
  let logp = sBase + params.logpOffset;
  let adv = sBase + params.advantageOffset;
  let answerLogp = sBase + params.coefOffset;
  let answers = envTable[params.answerStartOffset + params.groups];
  for (var c = lid; c < answers; c += WORKGROUP_SIZE) {
    var q = 0u;
    while (envTable[params.answerStartOffset + q + 1u] <= c) {
      q++;
    }
    scratch[answerLogp + c] = answerLogProb(q, c);
  }
  storageBarrier();
  for (var s = lid; s < params.rows; s += WORKGROUP_SIZE) {
    let place = tokenRowPlace(s);
    let t = place.x;
    var den = 0.0;
    for (var a = 0u; a < V; a++) {
      scratch[adv + s * V + a] = 0.0;
    }
    for (var c = envTable[params.answerStartOffset + place.z]; c < envTable[params.answerStartOffset + place.w]; c++) {
      let r = bitcast<f32>(envTable[params.answerRewardOffset + c]);
      if (r == 0.0 || (t > 0u && envTable[params.answersOffset + c * L + t - 1u] != place.y)) {
        continue;
      }
      let tok = envTable[params.answersOffset + c * L + t];
      let lpc = scratch[answerLogp + c];
      scratch[adv + s * V + tok] += r * exp(lpc - scratch[logp + s * V + tok]);
      den += r * exp(lpc);
    }
    let d = scratch[sBase + params.visitOffset + s];
    for (var a = 0u; a < V; a++) {
      scratch[adv + s * V + a] = select(0.0, (scratch[adv + s * V + a] - den) / d, d > 0.0);
    }
  }
}

/** Q_h(s, a) = r̄(s, a) + Σ_s' P(s'|s, a) V_{h+1}(s'), with V_{h+1} at `vNext`. */
fn mdpQ(bin: u32, vNext: u32) -> f32 {
  var q = bitcast<f32>(envTable[params.meansOffset + bin]);
  for (var o = envTable[params.outcomeStartOffset + bin]; o < envTable[params.outcomeStartOffset + bin + 1u]; o++) {
    let at = params.outcomeOffset + OUTCOME_WORDS * o;
    q += bitcast<f32>(envTable[at + 3u]) * scratch[vNext + envTable[at]];
  }
  return q;
}

/**
 * MDP (tabularMdp.ts advantage): time-dependent Q_h and V_h by backward induction, and
 * A(s, a) = Σ_h μ_h(s)(Q_h(s, a) − V_h(s)) / d(s), with the occupancies μ_h mdpVisitation kept
 * per h in exact mode. V_h and V_{h+1} alternate in the coefficient region.
 */
fn mdpExactAdvantages() {
  let S = params.rows;
  let K = params.actions;
  let H = params.maxLength;
  let logp = sBase + params.logpOffset;
  let adv = sBase + params.advantageOffset;
  let values = sBase + params.coefOffset;
  for (var i = lid; i < S * K; i += WORKGROUP_SIZE) {
    scratch[adv + i] = 0.0;
  }
  for (var s = lid; s < S; s += WORKGROUP_SIZE) {
    scratch[values + (H % 2u) * S + s] = 0.0;
  }
  storageBarrier();
  for (var h = H; h > 0u; h--) {
    let v = values + ((h - 1u) % 2u) * S;
    let vNext = values + (h % 2u) * S;
    for (var s = lid; s < S; s += WORKGROUP_SIZE) {
      var vs = 0.0;
      if (envTable[params.terminalOffset + s] == 0u) {
        for (var a = 0u; a < K; a++) {
          vs += exp(scratch[logp + s * K + a]) * mdpQ(s * K + a, vNext);
        }
        let mu = scratch[sBase + params.massOffset + (h - 1u) * S + s];
        if (mu > 0.0) {
          for (var a = 0u; a < K; a++) {
            scratch[adv + s * K + a] += mu * (mdpQ(s * K + a, vNext) - vs);
          }
        }
      }
      scratch[v + s] = vs;
    }
    storageBarrier();
  }
  for (var i = lid; i < S * K; i += WORKGROUP_SIZE) {
    let d = scratch[sBase + params.visitOffset + i / K];
    scratch[adv + i] = select(0.0, scratch[adv + i] / d, d > 0.0);
  }
}

/** One exact step's update of the logits (the caller measures it, as after a sampled one). */
fn exactUpdate() {
  if (params.envKind == ENV_TOKENS) {
    tokenExactAdvantages();
  } else if (params.envKind == ENV_MDP) {
    mdpExactAdvantages();
  } else {
    armExactAdvantages();
  }
  storageBarrier();
  // No tokens: the step's rows are those the policy reaches (rollout.wgsl stepUpdatesRow).
  stepTokens = 0u;
  listVisitedRows();
  updateRows(0u, 0);
}
