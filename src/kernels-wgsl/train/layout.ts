// TypeScript mirrors of the training kernel's WGSL structs (train/layout.wgsl), field for
// field in the same order; test/kernels/layout.test.ts pins them against the WGSL source
// and byte for byte.
import { StructLayout } from '../structLayout';

export const TRAIN_PARAMS = new StructLayout('TrainParams', [
  ['seed', 'u32'],
  ['runOffset', 'u32'],
  ['runCount', 'u32'],
  ['totalSteps', 'u32'],
  ['envKind', 'u32'],
  ['rows', 'u32'],
  ['actions', 'u32'],
  ['groups', 'u32'],
  ['batchGroups', 'u32'],
  ['groupSize', 'u32'],
  ['maxLength', 'u32'],
  ['sharedSuffix', 'u32'],
  ['rewardKind', 'u32'],
  ['sigma', 'f32'],
  ['advantageKind', 'u32'],
  ['advantageEps', 'f32'],
  ['geometry', 'u32'],
  ['epochs', 'u32'],
  ['clipLow', 'f32'],
  ['clipHigh', 'f32'],
  ['refKL', 'f32'],
  ['policyLoss', 'u32'],
  ['clipRatioC', 'f32'],
  ['tokenDivisor', 'f32'],
  ['dynamicDraws', 'u32'],
  ['passK', 'u32'],
  ['meansOffset', 'u32'],
  ['thresholdsOffset', 'u32'],
  ['answersOffset', 'u32'],
  ['answerStartOffset', 'u32'],
  ['answerRewardOffset', 'u32'],
  ['answerFullOffset', 'u32'],
  ['mdpStart', 'u32'],
  ['outcomeStartOffset', 'u32'],
  ['outcomeOffset', 'u32'],
  ['terminalOffset', 'u32'],
  ['incomingStartOffset', 'u32'],
  ['incomingOffset', 'u32'],
  ['refStride', 'u32'],
  ['scratchStride', 'u32'],
  ['logpOffset', 'u32'],
  ['dzOffset', 'u32'],
  ['zPrevOffset', 'u32'],
  ['rowEntropyOffset', 'u32'],
  ['visitOffset', 'u32'],
  ['lseOffset', 'u32'],
  ['rowKLOffset', 'u32'],
  ['massOffset', 'u32'],
  ['rewardOffset', 'u32'],
  ['correctOffset', 'u32'],
  ['advantageOffset', 'u32'],
  ['coefOffset', 'u32'],
  ['drawsOffset', 'u32'],
  ['tokenStride', 'u32'],
  ['visitedRowsOffset', 'u32'],
  ['tokenTrajectoryOffset', 'u32'],
  ['accumStride', 'u32'],
  ['binLowOffset', 'u32'],
  ['rowCountOffset', 'u32'],
  ['slotsPerRun', 'u32'],
  ['recordWords', 'u32'],
  ['stateStride', 'u32'],
] as const);
export type TrainParamsValues = Parameters<typeof TRAIN_PARAMS.encode>[0];

export const DISPATCH_PARAMS = new StructLayout('DispatchParams', [
  ['stepStart', 'u32'],
  ['stepCount', 'u32'],
  ['slotStart', 'u32'],
  ['reserved', 'u32'],
] as const);

/**
 * The core of one step's record; the field names are StepRecord keys, in the CPU record's order.
 * The stages' metric words follow it in each slot (plan.ts recordWords).
 */
export const STEP_METRICS = new StructLayout('StepMetrics', [
  ['entropy', 'f32'],
  ['reward', 'f32'],
  ['covariance', 'f32'],
  ['predictedDeltaH', 'f32'],
  ['deltaH', 'f32'],
  ['stepRatio', 'f32'],
  ['klRef', 'f32'],
  ['passAt1', 'f32'],
  ['passAtK', 'f32'],
  ['batchReward', 'f32'],
  ['zeroStdFrac', 'f32'],
  ['clipFracLow', 'f32'],
  ['clipFracHigh', 'f32'],
  ['tokenCovariance', 'f32'],
  ['clipFracDual', 'f32'],
  ['keptGroupsFrac', 'f32'],
  ['promptsDrawn', 'f32'],
  ['batchPassAt1', 'f32'],
  ['batchPassAtK', 'f32'],
] as const);
export type StepMetricName = (typeof STEP_METRICS.fields)[number]['name'];

export const RUN_STATE = new StructLayout('RunState', [
  ['status', 'u32'],
  ['divergedStep', 'u32'],
  ['divergedField', 'u32'],
  ['stepsDone', 'u32'],
  ['lr', 'f32'],
  ['streamRun', 'u32'],
] as const);

/** Values of the WGSL constants the host writes into TrainParams. */
export const ENV_KIND = { bandit: 0, contextual: 1, tokens: 2, mdp: 3 } as const;
export const ADVANTAGE_KIND = { none: 0, mean: 1, loo: 2, grpo: 3, ppo: 4, verlGrpo: 5, verlMean: 6, exact: 7 } as const;
/** Words of one MDP outcome in the env table (layout.wgsl OUTCOME_WORDS). */
export const OUTCOME_WORDS = 4;
/** policyLoss.ts PolicyLoss values. */
export const POLICY_LOSS = { lab: 0, vanilla: 1, clip_cov: 2, kl_cov: 3 } as const;
export const RUN_STATUS = { running: 0, diverged: 1 } as const;
/** RunState.divergedField when the logits, not a metric, became non-finite. */
export const FIELD_LOGITS = 0xffffffff;
/** Longest token answer the kernel's verifier holds (MAX_ANSWER_LENGTH). */
export const MAX_ANSWER_LENGTH = 32;
