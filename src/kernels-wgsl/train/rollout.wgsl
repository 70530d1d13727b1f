// Rollout of one step (env rollout(); batch.ts draw indices): G trajectories per batch group,
// each token drawn from softmax by inverse CDF with uniform(seed, sample stream, step,
// j·L + t), then its reward: Bernoulli/Gaussian arms, the token task's verifier and the
// matched answer's reward, or an MDP's transitions (tabularMdp.ts rollout).

/**
 * Scratch offset of the log-probability table this step's rollout samples from: log π, or a
 * stage's (stagesSamplingTable); the epochs weight tokens by π_θ over it.
 */
var<private> samplingTable: u32;

/** Categorical draw from a row of the sampling table (softmax.ts sampleFromProbs). */
fn sampleRow(row: u32, u: f32) -> u32 {
  let base = samplingTable + row * params.actions;
  var acc = 0.0;
  var last = 0u;
  for (var a = 0u; a < params.actions; a++) {
    let p = exp(scratch[base + a]);
    if (p <= 0.0) {
      continue;
    }
    acc += p;
    last = a;
    if (u < acc) {
      return a;
    }
  }
  return last;
}

const NO_ANSWER: u32 = 0xffffffffu;

/** The verifier: the answer-table index of prompt q's answer the sequence equals, or NO_ANSWER. */
fn matchedAnswer(prompt: u32, seq: ptr<function, array<u32, MAX_ANSWER_LENGTH>>) -> u32 {
  let L = params.maxLength;
  for (var c = envTable[params.answerStartOffset + prompt]; c < envTable[params.answerStartOffset + prompt + 1u]; c++) {
    var same = true;
    for (var t = 0u; t < L; t++) {
      same = same && envTable[params.answersOffset + c * L + t] == (*seq)[t];
    }
    if (same) {
      return c;
    }
  }
  return NO_ANSWER;
}

/** Reward of arm `bin` (row·K + a) for draw `index` (bandit.ts drawReward). */
fn armReward(bin: u32, step: u32, index: u32) -> f32 {
  let stream = streamKey(streamRun, STREAM_REWARD);
  if (params.rewardKind == REWARD_BERNOULLI) {
    // u < μ  ⇔  bits < ceil(μ·2^24): the host's exact threshold, so rewards match bit for bit.
    return select(0.0, 1.0, uniformBits(params.seed, stream, step, index) < envTable[params.thresholdsOffset + bin]);
  }
  return bitcast<f32>(envTable[params.meansOffset + bin]) + params.sigma * normal01(params.seed, stream, step, index);
}

/**
 * The MDP's episodes: from the start state until a terminal state or the horizon L, action t
 * of episode j from uniform(sample stream, step, j·L + t), the next state from uniform(reward
 * stream, step, j·L + t) against the outcome's thresholds (the CPU's cumulative probabilities).
 * An invocation samples a contiguous range of episodes into the coefficient region (free until
 * the epochs), then packs their tokens after those of the episodes before it, as the CPU's batch
 * lists them, each with its trajectory. Returns the step's token count (uniform).
 */
fn mdpRollout(step: u32) -> u32 {
  let L = params.maxLength;
  let K = params.actions;
  let staged = sBase + params.coefOffset;
  let sampleStream = streamKey(streamRun, STREAM_SAMPLE);
  let envStream = streamKey(streamRun, STREAM_REWARD);
  let range = contiguousRange(params.batchGroups * params.groupSize);
  var count = 0u;
  for (var j = range.x; j < range.y; j++) {
    var s = params.mdpStart;
    var ret = 0.0;
    var t = 0u;
    for (; t < L && envTable[params.terminalOffset + s] == 0u; t++) {
      let index = j * L + t;
      let bin = s * K + sampleRow(s, uniform01(params.seed, sampleStream, step, index));
      scratch[staged + index] = f32(bin);
      let bits = uniformBits(params.seed, envStream, step, index);
      var o = envTable[params.outcomeStartOffset + bin];
      let last = envTable[params.outcomeStartOffset + bin + 1u] - 1u;
      while (o < last && bits >= envTable[params.outcomeOffset + OUTCOME_WORDS * o + 1u]) {
        o++;
      }
      ret += bitcast<f32>(envTable[params.outcomeOffset + OUTCOME_WORDS * o + 2u]);
      s = envTable[params.outcomeOffset + OUTCOME_WORDS * o];
    }
    if (t < L) {
      scratch[staged + j * L + t] = -1.0;
    }
    scratch[sBase + params.rewardOffset + j] = ret;
    count += t;
  }
  let place = exclusivePrefix(count);
  var at = place.x;
  for (var j = range.x; j < range.y; j++) {
    for (var t = 0u; t < L; t++) {
      let bin = scratch[staged + j * L + t];
      if (bin < 0.0) {
        break;
      }
      tokenBins[tBase + at] = u32(bin);
      tokenBins[tBase + params.tokenTrajectoryOffset + at] = j;
      at++;
    }
  }
  if (lid == 0u) {
    broadcastWord = place.y;
  }
  return workgroupUniformLoad(&broadcastWord);
}

/**
 * Samples batch trajectory `slot`: trajectory j of a draw of prompt q's group at RNG counter
 * `counter` (batch.ts drawIndex j·L + t), its tokens, reward and full-credit flag.
 */
fn sampleTrajectory(slot: u32, q: u32, counter: u32, j: u32) {
  let L = params.maxLength;
  let K = params.actions;
  let stream = streamKey(streamRun, STREAM_SAMPLE);
  var reward = 0.0;
  if (params.envKind == ENV_TOKENS) {
    var seq: array<u32, MAX_ANSWER_LENGTH>;
    var prev = 0u;
    for (var t = 0u; t < L; t++) {
      let row = tokenRow(q, t, prev);
      let a = sampleRow(row, uniform01(params.seed, stream, counter, j * L + t));
      tokenBins[tBase + slot * L + t] = row * K + a;
      seq[t] = a;
      prev = a;
    }
    // The answer's own reward (tokens.ts answerRewards), full credit flagged for pass@k.
    let c = matchedAnswer(q, &seq);
    var correct = 0.0;
    if (c != NO_ANSWER) {
      reward = bitcast<f32>(envTable[params.answerRewardOffset + c]);
      correct = f32(envTable[params.answerFullOffset + c]);
    }
    scratch[sBase + params.correctOffset + slot] = correct;
  } else {
    let row = select(q, 0u, params.envKind == ENV_BANDIT);
    let bin = row * K + sampleRow(row, uniform01(params.seed, stream, counter, j));
    tokenBins[tBase + slot] = bin;
    reward = armReward(bin, counter, j);
  }
  scratch[sBase + params.rewardOffset + slot] = reward;
}

/** Samples the batch of `step`: the bandits' and token task's trajectories, or the MDP's episodes. */
fn rollout(step: u32) {
  if (params.envKind == ENV_MDP) {
    stepTokens = mdpRollout(step);
  } else {
    let G = params.groupSize;
    stepTokens = params.batchGroups * G * params.maxLength;
    for (var j = lid; j < params.batchGroups * G; j += WORKGROUP_SIZE) {
      sampleTrajectory(j, groupPrompt(j / G, step), step, j);
    }
  }
  storageBarrier();
}

/** Counts each row's visits by the batch's tokens and lists the visited rows (the rows the step will update). */
fn countVisits() {
  let rowCount = aBase + params.rowCountOffset;
  for (var s = lid; s < params.rows; s += WORKGROUP_SIZE) {
    atomicStore(&accum[rowCount + s], 0u);
  }
  storageBarrier();
  for (var i = lid; i < tokenCount(); i += WORKGROUP_SIZE) {
    atomicAdd(&accum[rowCount + tokenBins[tBase + i] / params.actions], 1u);
  }
  storageBarrier();
  listVisitedRows();
}

/**
 * Whether the step updates row s: a token of the batch visited it, or in exact mode the
 * policy reaches it (d(s) > 0, exact.wgsl).
 */
fn stepUpdatesRow(s: u32) -> bool {
  if (params.advantageKind == ADV_EXACT) {
    return scratch[sBase + params.visitOffset + s] > 0.0;
  }
  return atomicLoad(&accum[aBase + params.rowCountOffset + s]) != 0u;
}

/**
 * Lists the rows the step updates, in row order, after the tokens (visitedRow): the update,
 * its metrics and the next evaluation touch only these, and lanes of one SIMD group then
 * work on visited rows instead of waiting on unvisited neighbours.
 */
fn listVisitedRows() {
  let range = contiguousRange(params.rows);
  var visited = 0u;
  for (var s = range.x; s < range.y; s++) {
    visited += select(0u, 1u, stepUpdatesRow(s));
  }
  let place = exclusivePrefix(visited);
  var at = tBase + params.visitedRowsOffset + place.x;
  for (var s = range.x; s < range.y; s++) {
    if (stepUpdatesRow(s)) {
      tokenBins[at] = s;
      at++;
    }
  }
  visitedRowCount = place.y;
  storageBarrier();
}
