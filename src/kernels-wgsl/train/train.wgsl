// Entry point of the fused training kernel: one workgroup steps one run through
// dispatchParams.stepCount sampled steps (trainStep.ts), keeping everything on the GPU and
// writing one record per step (StepMetrics, then the stages' words). The stages' hooks
// (stagesBeginStep, …) and their files are joined in by assemble.ts.

var<workgroup> badField: u32;
/**
 * Uniforms this step's stages have drawn on the run's intervention stream, in the CPU's hook
 * order (trainStep.ts makeContext: one ctx.random() counter per step): the next draw's index.
 */
var<private> interventionDraws: u32;

/** Marks the run diverged at `step` and puts back the rows the step changed (updateRows saved them). */
fn divergeRun(step: u32, field: u32) {
  let K = params.actions;
  for (var i = lid; i < visitedRowCount * K; i += WORKGROUP_SIZE) {
    let z = visitedRow(i / K) * K + i % K;
    logits[zBase + z] = scratch[sBase + params.zPrevOffset + z];
  }
  if (lid == 0u) {
    runStates[runLocal].status = RUN_DIVERGED;
    runStates[runLocal].divergedStep = step;
    runStates[runLocal].divergedField = field;
  }
}

/** A record's core fields as words, in StepMetrics order. */
fn coreMetricWords(m: StepMetrics) -> array<f32, CORE_METRIC_WORDS> {
  return array<f32, CORE_METRIC_WORDS>(m.entropy, m.reward, m.covariance, m.predictedDeltaH, m.deltaH, m.stepRatio, m.klRef, m.passAt1, m.passAtK, m.batchReward, m.zeroStdFrac, m.clipFracLow, m.clipFracHigh, m.tokenCovariance, m.clipFracDual, m.keptGroupsFrac, m.promptsDrawn, m.batchPassAt1, m.batchPassAtK);
}

/** Index of the first non-finite core field of a record, or FIELD_LOGITS when all are finite. */
fn firstNonFinite(words: array<f32, CORE_METRIC_WORDS>) -> u32 {
  for (var i = 0u; i < CORE_METRIC_WORDS; i++) {
    if (isNonFinite(words[i])) {
      return i;
    }
  }
  return FIELD_LOGITS;
}

/** What a sampled step's batch adds to its record (all 0 in exact mode, whose record has none of it). */
struct BatchStats {
  /** (Σ rewards, Σ pass@1, Σ pass@k, flat groups) of the batch (draw 0 under dynamic sampling). */
  batch: vec4<f32>,
  drawn: DrawnBatch,
  tokenCovariance: f32,
  /** Clipped (low, high, dual) token counts over the epochs. */
  clipped: vec3<u32>,
}

/** The rollout, advantages, stages and inner epochs of a sampled step, which update the logits. */
fn sampledUpdate(step: u32) -> BatchStats {
  let dynamic = params.dynamicDraws > 0u;
  var drawn = DrawnBatch(vec4<f32>(0.0), 0u, 0u);
  samplingTable = stagesSamplingTable(step, sBase + params.logpOffset);
  if (dynamic) {
    drawn = dynamicRollout(step);
  } else {
    rollout(step);
  }
  countVisits();
  // With dynamic sampling the step's batch statistics describe draw 0 (dynamicSampling.ts).
  let batch = select(groupAdvantages(), drawn.first, dynamic);
  if (params.advantageKind == ADV_PPO) {
    whitenAdvantages();
  }
  stagesTransformAdvantages();
  let means = tokenCovarianceMeans(0u);
  let tokenCov = tokenCovariance(means);
  stagesSelectTokens(step, means);
  let clipped = runEpochs(step);
  return BatchStats(batch, drawn, tokenCov, clipped);
}

/**
 * One step, sampled or exact. `state` holds (entropy, J, pass@1, pass@k) of the current policy
 * and becomes that of the updated one; false when the run diverged (it stops, logits restored).
 */
fn trainOneStep(step: u32, slot: u32, state: ptr<function, vec4<f32>>) -> bool {
  let before = *state;
  interventionDraws = 0u;
  stagesBeginStep(step, before);
  var sampled = BatchStats(vec4<f32>(0.0), DrawnBatch(vec4<f32>(0.0), 0u, 0u), 0.0, vec3<u32>(0u));
  if (params.advantageKind == ADV_EXACT) {
    exactUpdate();
  } else {
    sampled = sampledUpdate(step);
  }
  let batch = sampled.batch;
  let drawn = sampled.drawn;
  let clipped = sampled.clipped;
  stagesAfterEpochs();
  if (uniformAtomic(&divergedFlag) != 0u) {
    divergeRun(step, FIELD_LOGITS);
    return false;
  }
  let update = updateMetrics();
  let after = evaluatePolicy(false);
  if (lid == 0u) {
    let groups = f32(params.batchGroups);
    let tokenSteps = f32(max(1u, tokenCount() * params.epochs));
    var m: StepMetrics;
    m.entropy = before.x;
    m.reward = before.y;
    m.covariance = update.x;
    m.predictedDeltaH = -update.x;
    m.deltaH = after.x - before.x;
    m.stepRatio = update.z;
    m.klRef = update.y;
    m.passAt1 = before.z;
    m.passAtK = before.w;
    m.batchReward = batch.x / f32(params.batchGroups * params.groupSize);
    m.zeroStdFrac = batch.w / groups;
    m.clipFracLow = f32(clipped.x) / tokenSteps;
    m.clipFracHigh = f32(clipped.y) / tokenSteps;
    m.tokenCovariance = sampled.tokenCovariance;
    m.clipFracDual = f32(clipped.z) / tokenSteps;
    m.keptGroupsFrac = f32(drawn.kept) / groups;
    m.promptsDrawn = f32(drawn.prompts);
    m.batchPassAt1 = batch.y / groups;
    m.batchPassAtK = batch.z / groups;
    let words = coreMetricWords(m);
    let base = (runLocal * params.slotsPerRun + slot) * params.recordWords;
    for (var i = 0u; i < CORE_METRIC_WORDS; i++) {
      metrics[base + i] = words[i];
    }
    stagesWriteMetrics(base + CORE_METRIC_WORDS);
    badField = firstNonFinite(words);
    if (badField == FIELD_LOGITS) {
      runStates[runLocal].stepsDone = step + 1u;
    }
  }
  let field = workgroupUniformLoad(&badField);
  if (field != FIELD_LOGITS) {
    divergeRun(step, field);
    return false;
  }
  *state = after;
  return true;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn trainSteps(@builtin(workgroup_id) workgroup: vec3<u32>, @builtin(local_invocation_index) invocation: u32) {
  bindRun(workgroup.x, invocation);
  if (lid == 0u) {
    broadcastWord = runStates[runLocal].status;
    atomicStore(&clippedLow, 0u);
    atomicStore(&clippedHigh, 0u);
    atomicStore(&clippedDual, 0u);
    atomicStore(&maxCoefBits, 0u);
    atomicStore(&maxRatioBits, 0u);
    atomicStore(&divergedFlag, 0u);
  }
  if (workgroupUniformLoad(&broadcastWord) != RUN_RUNNING) {
    return;
  }
  var state = evaluatePolicy(true);
  for (var s = 0u; s < dispatchParams.stepCount; s++) {
    let step = dispatchParams.stepStart + s;
    if (step >= params.totalSteps) {
      break;
    }
    if (!trainOneStep(step, dispatchParams.slotStart + s, &state)) {
      break;
    }
  }
}
