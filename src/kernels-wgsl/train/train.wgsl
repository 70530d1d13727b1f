// Entry point of the fused training kernel: one workgroup steps one run through
// dispatchParams.stepCount sampled steps (trainStep.ts), keeping everything on the GPU and
// writing one StepMetrics per step. Prepended, in order: rng, layout, reduce, evaluate,
// rollout, advantage, tokenSelection, update (train/TrainKernel.ts joins the files).

var<workgroup> badField: u32;

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

/** Index of the first non-finite field of a record, or 0xffffffff when all are finite. */
fn firstNonFinite(m: StepMetrics) -> u32 {
  let values = array<f32, 16>(m.entropy, m.reward, m.covariance, m.predictedDeltaH, m.deltaH, m.stepRatio, m.klRef, m.passAt1, m.passAtK, m.batchReward, m.zeroStdFrac, m.clipFracLow, m.clipFracHigh, m.tokenCovariance, m.batchPassAt1, m.batchPassAtK);
  for (var i = 0u; i < 16u; i++) {
    if (isNonFinite(values[i])) {
      return i;
    }
  }
  return FIELD_LOGITS;
}

/**
 * One sampled step. `state` holds (entropy, J, pass@1, pass@k) of the current policy and
 * becomes that of the updated one; false when the run diverged (it stops, logits restored).
 */
fn trainOneStep(step: u32, slot: u32, state: ptr<function, vec4<f32>>) -> bool {
  let before = *state;
  rollout(step);
  let batch = groupAdvantages();
  if (params.advantageKind == ADV_PPO) {
    whitenAdvantages();
  }
  var asymmetric = vec2<f32>(0.0);
  if (params.asymmetric != 0u) {
    asymmetric = scaleAdvantages();
  }
  let means = tokenCovarianceMeans();
  let tokenCov = tokenCovariance(means);
  var clipCov = vec2<f32>(0.0);
  if (params.clipCov != 0u) {
    clipCov = clipCovWeights(step, means);
  }
  if (params.klCovCount != 0u) {
    klCovSelect(means);
  }
  let clipped = runEpochs();
  var lpRemovedMass = 0.0;
  if (params.lpReg != 0u) {
    let lpReg = workgroupSum(vec4<f32>(lpRegPart, 0.0, 0.0));
    lpRegPart = vec2<f32>(0.0);
    lpRemovedMass = select(0.0, lpReg.x / lpReg.y, lpReg.y > 0.0);
  }
  // KL-Cov's activity per selected token and epoch (klCov.ts metrics).
  var klCov = vec2<f32>(0.0);
  if (params.klCovCount != 0u) {
    klCov = workgroupSum(vec4<f32>(klCovPart, 0.0, 0.0)).xy / f32(params.klCovCount * params.epochs);
    klCovPart = vec2<f32>(0.0);
  }
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
    m.zeroStdFrac = f32(atomicLoad(&zeroStdGroups)) / groups;
    m.clipFracLow = f32(clipped.x) / tokenSteps;
    m.clipFracHigh = f32(clipped.y) / tokenSteps;
    m.tokenCovariance = tokenCov;
    m.batchPassAt1 = batch.y / groups;
    m.batchPassAtK = batch.z / groups;
    m.asymPositiveFrac = asymmetric.x;
    m.asymNegativeFrac = asymmetric.y;
    m.lpRegRemovedMass = lpRemovedMass;
    m.clipCovFrac = clipCov.x;
    m.clipCovEligibleFrac = clipCov.y;
    m.klCovActive = klCov.y;
    m.klCovPenalty = klCov.x;
    metrics[runLocal * params.slotsPerRun + slot] = m;
    badField = firstNonFinite(m);
    atomicStore(&zeroStdGroups, 0u);
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
    atomicStore(&zeroStdGroups, 0u);
    atomicStore(&clippedLow, 0u);
    atomicStore(&clippedHigh, 0u);
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
