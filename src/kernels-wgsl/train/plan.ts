// How one run's data is laid out for the training kernel: the TrainParams values, the env
// tables and the per-run strides and offsets of every packed buffer (support.ts says which
// configs the kernel runs). Pure: no GPU objects.
import type { ExperimentConfig } from '../../sim/config';
import { drawMeans } from '../../sim/envs/bandit';
import { isTokenEnvironment } from '../../sim/envs/tokens';
import { isMdpEnvironment } from '../../sim/envs/tabularMdp';
import { mdpTable, type MdpTableOffsets } from './mdp';
import { algorithmOf } from '../../sim/experiment';
import type { Environment } from '../../sim/types';
import { ADVANTAGE_KIND, ENV_KIND, POLICY_LOSS, STEP_METRICS, RUN_STATE, type TrainParamsValues } from './layout';
import { VERL_GRPO_EPSILON } from '../../sim/algorithms/base';
import { aggregationDivisor, policyLossOf } from '../../sim/policyLoss';
import { gpuSupport, MAX_BINDING_BYTES } from './support';
import { encodeStageParams } from './assemble';
import { gpuStage } from './stages';
import { interventionSpec } from '../../sim/interventions';
import type { AnyGpuStage, StagePlanContext } from './stages/types';
import { maxOf } from '../../sim/arrays';
import { uniformThreshold } from '../rng/layout';

/** Per-run sizes (in 4-byte words) of the packed buffers, and everything TrainParams holds. */
export interface TrainPlan {
  /** TrainParams without the chunk's runOffset/runCount. */
  params: Omit<TrainParamsValues, 'runOffset' | 'runCount'>;
  /** The config's stages, each once, in first-use order, and their StageParams uniform. */
  stages: AnyGpuStage[];
  stageParams: ArrayBuffer;
  /** Words of one step's record: StepMetrics, then the stages' metric words. */
  recordWords: number;
  /** Per intervention in the config's list, its metrics: a record word (after StepMetrics) or a value. */
  stageMetrics: StageMetricSlot[][];
  /** Words of the stages' persistent state per run, and one run's initial words (the CPU's create(…).state). */
  stateStride: number;
  initialState: Float32Array<ArrayBuffer>;
  /** Per intervention in the config's list, where its state keys sit in a run's state words (none: stateless). */
  stateSlots: StageStateSlot[][];
  envTable: Uint32Array<ArrayBuffer>;
  tableSize: number;
  /** True when every run starts from the same logits (one shared reference policy). */
  sharedReference: boolean;
  /** Trajectories (episodes) per step and run. */
  trajectories: number;
  /**
   * Tokens (transitions) per step and run: trajectories × answer length; for an MDP the most a
   * step can sample (trajectories × horizon), as its episodes end at terminal states.
   */
  tokens: number;
  tokenStride: number;
  scratchStride: number;
  accumStride: number;
  slotsPerRun: number;
  /** Bytes of GPU memory per run (the shared reference policy spread over the runs). */
  bytesPerRun(runs: number): number;
}

/** Arm means as the bandit and contextual envs draw them (bandit.ts / contextual.ts). */
function armMeans(config: ExperimentConfig): number[] {
  const env = config.env;
  if (env.type === 'bandit') return env.means ?? drawMeans(env.arms, env.reward, config.seed, 0);
  if (env.type === 'contextual') return env.means ? env.means.flat() : drawMeans(env.contexts * env.arms, env.reward, config.seed, 1);
  return [];
}

type EnvTableOffsets = Pick<TrainParamsValues, 'thresholdsOffset' | 'answersOffset' | 'answerStartOffset' | 'answerRewardOffset' | 'answerFullOffset'> & MdpTableOffsets;

const NO_MDP: Omit<MdpTableOffsets, 'meansOffset'> = { mdpStart: 0, outcomeStartOffset: 0, outcomeOffset: 0, terminalOffset: 0, incomingStartOffset: 0, incomingOffset: 0 };
const NO_ARMS_OR_ANSWERS = { thresholdsOffset: 0, answersOffset: 0, answerStartOffset: 0, answerRewardOffset: 0, answerFullOffset: 0 };

/**
 * The env's constants in one u32 table. Token task: the answers' tokens, each prompt's first
 * answer index, then per answer its reward (f32 bits) and whether it is full credit (what
 * pass@k counts: tokens.ts fullCredit). Bandits: arm means (f32 bits) and Bernoulli thresholds.
 * MDPs: mdp.ts mdpTable.
 */
function envTable(config: ExperimentConfig, env: Environment): { table: Uint32Array<ArrayBuffer>; offsets: EnvTableOffsets } {
  if (isMdpEnvironment(env)) {
    const { table, offsets } = mdpTable(env.mdp);
    return { table, offsets: { ...NO_ARMS_OR_ANSWERS, ...offsets } };
  }
  if (isTokenEnvironment(env)) {
    const starts = [0];
    const tokens: number[] = [];
    const rewards: number[] = [];
    const full: number[] = [];
    env.answers.forEach((list, q) => {
      for (const seq of list) tokens.push(...seq);
      starts.push(starts[starts.length - 1] + list.length);
      const values = list.map((_, j) => env.answerReward(q, j));
      const best = maxOf(values);
      rewards.push(...values);
      full.push(...values.map((r) => (r === best ? 1 : 0)));
    });
    const answerRewardOffset = tokens.length + starts.length;
    const table = Uint32Array.from([...tokens, ...starts, ...rewards.map(() => 0), ...full]);
    new Float32Array(table.buffer, 4 * answerRewardOffset, rewards.length).set(rewards);
    return {
      table,
      offsets: { ...NO_MDP, meansOffset: 0, thresholdsOffset: 0, answersOffset: 0, answerStartOffset: tokens.length, answerRewardOffset, answerFullOffset: answerRewardOffset + rewards.length },
    };
  }
  const means = armMeans(config);
  const table = new Uint32Array(2 * means.length);
  new Float32Array(table.buffer, 0, means.length).set(means);
  table.set(means.map(uniformThreshold), means.length);
  return { table, offsets: { ...NO_ARMS_OR_ANSWERS, ...NO_MDP, meansOffset: 0, thresholdsOffset: means.length } };
}

function advantageKind(config: ExperimentConfig): { kind: number; eps: number } {
  const a = config.algorithm;
  if (a.mode === 'exact') return { kind: ADVANTAGE_KIND.exact, eps: 0 };
  const verl = a.semantics === 'verl';
  switch (a.type) {
    case 'grpo':
      return verl ? { kind: ADVANTAGE_KIND.verlGrpo, eps: VERL_GRPO_EPSILON } : { kind: ADVANTAGE_KIND.grpo, eps: a.stdEps };
    case 'ppo':
      return { kind: ADVANTAGE_KIND.ppo, eps: a.whitenEps };
    case 'drgrpo':
      return { kind: verl ? ADVANTAGE_KIND.verlMean : ADVANTAGE_KIND.mean, eps: 0 };
    case 'pg':
    case 'npg':
    case 'reinforce':
      return { kind: ADVANTAGE_KIND[a.baseline], eps: 0 };
  }
  throw new Error(`no GPU advantage estimator for ${(a as { type: string }).type}`);
}

/** Lay out one run's buffers for `config` on `env`; `slotsPerRun` metric records per readback. */
export function planTraining(config: ExperimentConfig, env: Environment, slotsPerRun: number): TrainPlan {
  const support = gpuSupport(config);
  if (!support.ok) throw new Error(`webgpu backend: ${support.reason}`);
  const { rows, actions } = env.shape;
  const T = rows * actions;
  const algo = config.algorithm;
  const batchGroups = algo.batchPrompts === 0 || algo.batchPrompts >= env.groups ? env.groups : algo.batchPrompts;
  const L = env.maxLength;
  // Exact mode (exact.wgsl) samples nothing: no trajectories, tokens or inner epochs.
  const exact = algo.mode === 'exact';
  const trajectories = exact ? 0 : batchGroups * algo.groupSize;
  const tokens = trajectories * L;
  const mdp = isMdpEnvironment(env);
  const massSize = isTokenEnvironment(env) ? env.groups * L * actions : mdp ? (exact ? L : 2) * rows : 0;
  // Scratch regions, in order: log π, Δz, z before the step, row entropy, d(s), lse,
  // KL(π‖π_ref) per row, token masses (MDP: occupancies), trajectory rewards, full-credit flags
  // (token task) and advantages, token coefficients (MDP rollout: the episodes before they are
  // packed), dynamic sampling's kept flags per draw and picks; then what the stages reserve.
  // Exact mode: advantages per (s, a); in the coefficient region an MDP's V_h and V_h+1, or the
  // token task's log P(c) per answer.
  const correctSize = isTokenEnvironment(env) ? trajectories : 0;
  const dynamicDraws = algo.dynamicSampling && !exact ? algo.maxDraws : 0;
  const exactWork = mdp ? 2 * rows : isTokenEnvironment(env) ? env.answers.flat().length : 0;
  const sizes = [T, T, T, rows, rows, rows, rows, massSize, trajectories, correctSize, exact ? T : trajectories, exact ? exactWork : tokens, (dynamicDraws + 1) * batchGroups];
  const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
  let scratchStride = sizes.reduce((a, b) => a + b, 0);
  const { table: envWords, offsets: tableOffsets } = envTable(config, env);
  const stageTables: number[] = [];
  const appendTable = (words: readonly number[]) => {
    const at = envWords.length + stageTables.length;
    stageTables.push(...words);
    return at;
  };
  const stages = planStages(config, {
    config,
    env,
    tokens,
    allocateScratch: (words) => {
      const at = scratchStride;
      scratchStride += words;
      return at;
    },
    appendTable,
    // Counts the CPU computes in float64 from a step's N tokens, for every N ≤ tokens.
    countTable: (count) => appendTable(Array.from({ length: tokens + 1 }, (_, n) => count(n))),
  });
  const table = Uint32Array.from([...envWords, ...stageTables]);
  const accumStride = 2 * T + rows;
  // Per token its bin, then the visited rows, then (MDP) per token its trajectory.
  const tokenStride = tokens + rows + (mdp ? tokens : 0);
  const sharedReference = config.policy.init.type !== 'random';
  const { kind, eps } = advantageKind(config);
  const envParams = config.env as { reward?: string; sigma?: number; sharedSuffix?: boolean };
  const params: TrainPlan['params'] = {
    seed: config.seed,
    totalSteps: config.steps,
    envKind: mdp ? ENV_KIND.mdp : ENV_KIND[env.type as keyof typeof ENV_KIND],
    rows,
    actions,
    groups: env.groups,
    batchGroups,
    groupSize: algo.groupSize,
    maxLength: L,
    sharedSuffix: envParams.sharedSuffix ? 1 : 0,
    rewardKind: envParams.reward === 'gaussian' ? 1 : 0,
    sigma: envParams.sigma ?? 1,
    advantageKind: kind,
    advantageEps: eps,
    geometry: algorithmOf(config).geometry === 'natural' ? 1 : 0,
    epochs: exact ? 1 : algo.epochs,
    clipLow: algo.clipLow,
    clipHigh: algo.clipHigh,
    refKL: algo.refKL,
    policyLoss: POLICY_LOSS[policyLossOf(algo.semantics, config.interventions.map((iv) => iv.type))],
    clipRatioC: algo.clipRatioC,
    // Bandit and token answers have the env's length, so one divisor serves every token; on an
    // MDP gpuSupport takes only seq-mean-token-sum, whose divisor G ignores the lengths.
    tokenDivisor: exact ? 1 : aggregationDivisor(algo.lossAggMode, { groupSize: algo.groupSize, trajectories, tokens, length: L, maxLength: L }),
    dynamicDraws,
    passK: env.passK ?? 1,
    ...tableOffsets,
    refStride: sharedReference ? 0 : T,
    scratchStride,
    logpOffset: offsets[0],
    dzOffset: offsets[1],
    zPrevOffset: offsets[2],
    rowEntropyOffset: offsets[3],
    visitOffset: offsets[4],
    lseOffset: offsets[5],
    rowKLOffset: offsets[6],
    massOffset: offsets[7],
    rewardOffset: offsets[8],
    correctOffset: offsets[9],
    advantageOffset: offsets[10],
    coefOffset: offsets[11],
    drawsOffset: offsets[12],
    tokenStride,
    visitedRowsOffset: tokens,
    tokenTrajectoryOffset: mdp ? tokens + rows : 0,
    accumStride,
    binLowOffset: T,
    rowCountOffset: 2 * T,
    slotsPerRun,
    recordWords: stages.recordWords,
    stateStride: stages.stateStride,
  };
  const perRunWords = T + (sharedReference ? 0 : T) + scratchStride + tokenStride + accumStride + stages.stateStride;
  const perRunBytes = 4 * perRunWords + 4 * slotsPerRun * stages.recordWords + RUN_STATE.stride;
  return {
    params,
    stages: stages.list,
    stageParams: encodeStageParams(stages.list, stages.values),
    recordWords: stages.recordWords,
    stageMetrics: stages.metrics,
    stateStride: stages.stateStride,
    initialState: stages.initialState,
    stateSlots: stages.stateSlots,
    envTable: table,
    tableSize: T,
    sharedReference,
    trajectories,
    tokens,
    tokenStride,
    scratchStride,
    accumStride,
    slotsPerRun,
    bytesPerRun: (runs) => perRunBytes + (sharedReference ? (4 * T) / runs : 0) + (4 * table.length) / runs,
  };
}

/** Runs per chunk so that every per-run buffer of a chunk fits one storage binding. */
export function runsPerChunk(plan: TrainPlan, maxBindingBytes: number, maxWorkgroups: number): number {
  const largest = 4 * Math.max(plan.tableSize, plan.scratchStride + plan.stateStride, plan.tokenStride, plan.accumStride, 1);
  const byMetrics = 4 * plan.slotsPerRun * plan.recordWords;
  return Math.max(1, Math.min(maxWorkgroups, Math.floor(Math.min(maxBindingBytes, MAX_BINDING_BYTES) / Math.max(largest, byMetrics))));
}


/** Where one metric of an intervention comes from in a record. */
export type StageMetricSlot = { name: string; word: number } | { name: string; value: number };
/** Where one key of an intervention's state sits in its run's state words. */
export interface StageStateSlot {
  key: string;
  word: number;
}

interface PlannedStages {
  list: AnyGpuStage[];
  values: Record<string, number>[];
  recordWords: number;
  metrics: StageMetricSlot[][];
  stateStride: number;
  initialState: Float32Array<ArrayBuffer>;
  stateSlots: StageStateSlot[][];
}

/**
 * The state words of a stage's instance, started from the CPU intervention's own
 * create(…).state so that both backends begin alike (and checked to have the stage's keys).
 */
function initialStateOf(stage: AnyGpuStage, iv: { type: string }, env: Environment): number[] {
  const state = interventionSpec(iv.type)!.create(iv, env.shape).state;
  const keys = stage.state ?? [];
  if (Object.keys(state).join() !== keys.join()) throw new Error(`GPU stage ${stage.id} declares state [${keys.join()}], its CPU intervention has [${Object.keys(state).join()}]`);
  return keys.map((k) => state[k]);
}

/**
 * The config's stages in first-use order with their parameter values; each stage's word
 * metrics get consecutive words after StepMetrics (its params' metricOffset), its state keys
 * consecutive state words (stateOffset), and every intervention instance its metrics in list
 * order, as the CPU's records list them.
 */
function planStages(config: ExperimentConfig, ctx: StagePlanContext): PlannedStages {
  const list: AnyGpuStage[] = [];
  for (const iv of config.interventions) {
    const stage = gpuStage(iv.type)!;
    if (!list.includes(stage)) list.push(stage);
  }
  let words = 0;
  let stateStride = 0;
  const firstWord = new Map<AnyGpuStage, number>();
  const firstStateWord = new Map<AnyGpuStage, number>();
  const has = (stage: AnyGpuStage, field: string) => stage.params.fields.some((f) => f.name === field);
  const values = list.map((stage) => {
    const own = stage.paramValues(
      config.interventions.filter((iv) => iv.type === stage.id),
      ctx,
    );
    firstWord.set(stage, words);
    firstStateWord.set(stage, stateStride);
    const offsets = { ...(has(stage, 'metricOffset') ? { metricOffset: words } : {}), ...(has(stage, 'stateOffset') ? { stateOffset: stateStride } : {}) };
    words += stage.metrics.filter((m) => m.kind === 'word').length;
    stateStride += stage.state?.length ?? 0;
    return { ...own, ...offsets };
  });
  const initialState = new Float32Array(stateStride);
  const stateSlots = config.interventions.map((iv) => {
    const stage = gpuStage(iv.type)!;
    const first = firstStateWord.get(stage)!;
    initialState.set(initialStateOf(stage, iv, ctx.env), first);
    return (stage.state ?? []).map((key, k) => ({ key, word: first + k }));
  });
  const metrics = config.interventions.map((iv) => {
    const stage = gpuStage(iv.type)!;
    const constants = stage.constantMetrics?.(iv, ctx) ?? {};
    let word = STEP_METRICS.fields.length + firstWord.get(stage)!;
    return stage.metrics.map((m): StageMetricSlot => (m.kind === 'word' ? { name: m.name, word: word++ } : { name: m.name, value: constants[m.name] }));
  });
  return { list, values, recordWords: STEP_METRICS.fields.length + words, metrics, stateStride, initialState, stateSlots };
}
