// Structs, bindings and per-run addressing of the fused training kernel (train/*.wgsl). One
// workgroup steps one run; every per-run array lives at run·stride + offset in a packed
// buffer, with the offsets computed once on the host (train/plan.ts) and passed in params.
// TypeScript mirrors of these structs: train/layout.ts.

const ENV_BANDIT: u32 = 0u;
const ENV_CONTEXTUAL: u32 = 1u;
const ENV_TOKENS: u32 = 2u;
/** A tabular MDP (chain, gridworld: tabularMdp.ts): episodes of varying length up to maxLength. */
const ENV_MDP: u32 = 3u;
const REWARD_BERNOULLI: u32 = 0u;
const ADV_NONE: u32 = 0u;
const ADV_MEAN: u32 = 1u;
const ADV_LOO: u32 = 2u;
const ADV_GRPO: u32 = 3u;
const ADV_PPO: u32 = 4u;
/** verl's group advantages (base.ts verlGroupAdvantages): GRPO with the unbiased std, and r − mean. */
const ADV_GRPO_VERL: u32 = 5u;
const ADV_MEAN_VERL: u32 = 6u;
/** Exact mode (exact.wgsl): no samples; the environment's exact advantages at every reached state. */
const ADV_EXACT: u32 = 7u;
/** policyLoss.ts PolicyLoss: the lab's clipped surrogate, verl's vanilla, clip_cov and kl_cov losses. */
const LOSS_LAB: u32 = 0u;
const LOSS_VANILLA: u32 = 1u;
const LOSS_CLIP_COV: u32 = 2u;
const LOSS_KL_COV: u32 = 3u;
/** Why a token's surrogate gradient is zero (policyLoss.ts ClipKind). */
const CLIP_NONE: u32 = 0u;
const CLIP_HIGH: u32 = 1u;
const CLIP_LOW: u32 = 2u;
const CLIP_DUAL: u32 = 3u;
const GEOMETRY_NATURAL: u32 = 1u;
const RUN_RUNNING: u32 = 0u;
const RUN_DIVERGED: u32 = 1u;
/** RunState.divergedField when the logits, not a metric, became non-finite. */
const FIELD_LOGITS: u32 = 0xffffffffu;
const MAX_ANSWER_LENGTH: u32 = 32u;
/** Words of one MDP outcome in the env table (mdp.ts mdpTable). */
const OUTCOME_WORDS: u32 = 4u;

override WORKGROUP_SIZE: u32 = 64u;

/** Fixed for a backend's life: shapes, hyperparameters, and where each per-run array sits. */
struct TrainParams {
  seed: u32,
  runOffset: u32,
  runCount: u32,
  totalSteps: u32,
  envKind: u32,
  rows: u32,
  actions: u32,
  groups: u32,
  batchGroups: u32,
  groupSize: u32,
  maxLength: u32,
  sharedSuffix: u32,
  rewardKind: u32,
  sigma: f32,
  advantageKind: u32,
  advantageEps: f32,
  geometry: u32,
  epochs: u32,
  clipLow: f32,
  clipHigh: f32,
  refKL: f32,
  policyLoss: u32,
  /** Dual-clip bound c (0: none). */
  clipRatioC: f32,
  /** Every token's divisor d of its gradient c/d, for the loss aggregation (policyLoss.ts aggregationDivisor). */
  tokenDivisor: f32,
  /** maxDraws with dynamic sampling (dynamicSampling.wgsl), 0 without. */
  dynamicDraws: u32,
  passK: u32,
  meansOffset: u32,
  thresholdsOffset: u32,
  answersOffset: u32,
  answerStartOffset: u32,
  /** Token task: per answer (in answer-table order) its reward (f32 bits), then 1 where it is full credit. */
  answerRewardOffset: u32,
  answerFullOffset: u32,
  /**
   * MDP tables (tabularMdp.ts): the start state; per (s, a) the index of its first outcome
   * (rows·actions + 1 words); outcomes as (next state, threshold ceil((p_0 + … + p_i)·2^24), reward
   * f32 bits, probability f32 bits), OUTCOME_WORDS each; 1 per terminal state; per state the index of its first incoming
   * transition (rows + 1 words); incoming transitions as (source s·K + a, probability f32 bits)
   * pairs. The mean reward of each (s, a) sits at meansOffset, like an arm's.
   */
  mdpStart: u32,
  outcomeStartOffset: u32,
  outcomeOffset: u32,
  terminalOffset: u32,
  incomingStartOffset: u32,
  incomingOffset: u32,
  refStride: u32,
  scratchStride: u32,
  logpOffset: u32,
  dzOffset: u32,
  zPrevOffset: u32,
  rowEntropyOffset: u32,
  visitOffset: u32,
  lseOffset: u32,
  rowKLOffset: u32,
  /** Token masses (token task) or the occupancies μ_h and μ_h+1 (MDP, 2·rows; exact mode: every μ_h, horizon·rows). */
  massOffset: u32,
  rewardOffset: u32,
  /** Per trajectory: 1.0 when the verifier gave full credit (pass@k counts these), else 0.0. */
  correctOffset: u32,
  advantageOffset: u32,
  coefOffset: u32,
  /** Dynamic sampling: per (draw, group) whether it was kept, then the batch's picks. */
  drawsOffset: u32,
  tokenStride: u32,
  visitedRowsOffset: u32,
  /** MDP: per token, the trajectory it belongs to (episodes vary in length); otherwise unused. */
  tokenTrajectoryOffset: u32,
  accumStride: u32,
  binLowOffset: u32,
  rowCountOffset: u32,
  slotsPerRun: u32,
  /** Words of one step's record: the StepMetrics fields, then the stages' metric words. */
  recordWords: u32,
  /**
   * Words of the stages' state that lasts across steps (adaptive coefficients, anchors) per
   * run: after every run's scratch, so that one copy reads all of it back with the logits.
   */
  stateStride: u32,
}

/** Changes per dispatch (bound with a dynamic offset): which steps, which metric slots. */
struct DispatchParams {
  stepStart: u32,
  stepCount: u32,
  slotStart: u32,
  reserved: u32,
}

/**
 * The core of one step's record of one run, in the order of StepRecord's keys (metrics.ts);
 * the stages' metric words follow it in the metrics buffer (recordWords per slot).
 */
struct StepMetrics {
  entropy: f32,
  reward: f32,
  covariance: f32,
  predictedDeltaH: f32,
  deltaH: f32,
  stepRatio: f32,
  klRef: f32,
  passAt1: f32,
  passAtK: f32,
  batchReward: f32,
  zeroStdFrac: f32,
  clipFracLow: f32,
  clipFracHigh: f32,
  tokenCovariance: f32,
  clipFracDual: f32,
  keptGroupsFrac: f32,
  promptsDrawn: f32,
  batchPassAt1: f32,
  batchPassAtK: f32,
}

/** Words of StepMetrics. */
const CORE_METRIC_WORDS: u32 = 19u;

/** What the stages' row hooks see of a visited row (update.wgsl updateRows). */
struct RowStats {
  /** Entropy, KL(π‖π_ref) and max log π of the row at this epoch (0 unless a stage or refKL needs them). */
  h: f32,
  kl: f32,
  maxLp: f32,
  /** The row's weight Σ 1/d over its tokens this step (visits/G under the lab's aggregation). */
  w: f32,
}

/**
 * A run's progress, and what may differ between the runs of one dispatch: the learning rate,
 * and the run index its random streams are keyed by (its index in the experiment, or within
 * its cell when a sweep's cells train as one ensemble: cellBatch.ts). The host writes all of
 * it at the start and at a restore.
 */
struct RunState {
  status: u32,
  divergedStep: u32,
  divergedField: u32,
  stepsDone: u32,
  lr: f32,
  streamRun: u32,
}

@group(0) @binding(0) var<uniform> params: TrainParams;
@group(0) @binding(1) var<uniform> dispatchParams: DispatchParams;
/** Env tables: arm means (f32 bits), Bernoulli thresholds; answers, their starts, rewards and full-credit flags. */
@group(0) @binding(2) var<storage, read> envTable: array<u32>;
@group(0) @binding(3) var<storage, read_write> logits: array<f32>;
@group(0) @binding(4) var<storage, read> refLogp: array<f32>;
@group(0) @binding(5) var<storage, read_write> scratch: array<f32>;
/** Per token: row·K + action of the sampled token; then the step's visited rows (rollout). */
@group(0) @binding(6) var<storage, read_write> tokenBins: array<u32>;
/** Fixed-point gradient bins (high and low words) and per-row visit counts. */
@group(0) @binding(7) var<storage, read_write> accum: array<atomic<u32>>;
/** recordWords per metric slot: StepMetrics, then the stages' words. */
@group(0) @binding(8) var<storage, read_write> metrics: array<f32>;
@group(0) @binding(9) var<storage, read_write> runStates: array<RunState>;

// Per-invocation bases of this workgroup's run in each packed buffer.
var<private> lid: u32;
var<private> runLocal: u32;
/** This run's index in its random streams, and its learning rate (RunState). */
var<private> streamRun: u32;
var<private> runLr: f32;
var<private> zBase: u32;
var<private> refBase: u32;
var<private> sBase: u32;
var<private> tBase: u32;
var<private> aBase: u32;
/** This run's stage state words in scratch (stateStride of them). */
var<private> stateBase: u32;
/** Rows the current step's batch visited (listed by rollout's listVisitedRows). */
var<private> visitedRowCount: u32;
/** Tokens the current step sampled (set by rollout; MDP episodes vary in length). */
var<private> stepTokens: u32;

fn bindRun(local: u32, invocation: u32) {
  lid = invocation;
  runLocal = local;
  streamRun = runStates[local].streamRun;
  runLr = runStates[local].lr;
  zBase = local * params.rows * params.actions;
  refBase = local * params.refStride;
  sBase = local * params.scratchStride;
  tBase = local * params.tokenStride;
  aBase = local * params.accumStride;
  stateBase = params.runCount * params.scratchStride + local * params.stateStride;
}

/** The k-th row the current step visited, k < visitedRowCount. */
fn visitedRow(k: u32) -> u32 {
  return tokenBins[tBase + params.visitedRowsOffset + k];
}

fn isNonFinite(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u;
}

/** Tokens the step sampled: trajectories × answer length (1 for bandits), or the MDP episodes' transitions. */
fn tokenCount() -> u32 {
  return stepTokens;
}

/** The trajectory of token i: tokens lie trajectory by trajectory, L each except in an MDP. */
fn tokenTrajectory(i: u32) -> u32 {
  if (params.envKind == ENV_MDP) {
    return tokenBins[tBase + params.tokenTrajectoryOffset + i];
  }
  return i / params.maxLength;
}

/** Row of (prompt, position, previous token) in the token task (tokens.ts rowIndex). */
fn tokenRow(prompt: u32, position: u32, prev: u32) -> u32 {
  let suffixRows = (params.maxLength - 1u) * params.actions;
  let isShared = params.sharedSuffix != 0u;
  let perPrompt = select(1u + suffixRows, 1u, isShared);
  if (position == 0u) {
    return prompt * perPrompt;
  }
  let suffixStart = select(prompt * perPrompt + 1u, params.groups, isShared);
  return suffixStart + (position - 1u) * params.actions + prev;
}

/** The prompt (group) rolled out as batch group g at `step` (trainStep.ts groupsForStep). */
fn groupPrompt(g: u32, step: u32) -> u32 {
  let b = params.batchGroups;
  if (b == params.groups) {
    return g;
  }
  return ((step % params.groups) * b + g) % params.groups;
}
