// One intervention on the GPU is one stage (issue 17): next to its CPU code in src/sim it has
// a WGSL file of hook functions, a parameter struct (mirrored here, pinned by the layout test),
// the config fields it models (support.ts reads them), and the metrics it records. The kernel
// is assembled from the stages a config uses (assemble.ts): adding an intervention to the GPU
// is its two files and a line in stages/index.ts and in stages/sources.ts (kept apart so
// Node code that only reads field models, like gpuSupport in Playwright, never imports WGSL).
import type { ExperimentConfig } from '../../../sim/config';
import type { Environment } from '../../../sim/types';
import type { StructLayout } from '../../structLayout';
import type { SectionModel } from '../fieldModel';

/**
 * Where the kernel calls a stage (train.wgsl, advantage.wgsl, update.wgsl). A stage with id X
 * defines `fn X_<hook>` with the hook's signature for each hook it lists:
 * - beginStep(step: u32, before: vec4<f32>): once per step before the rollout; `before` is
 *   (entropy, J, pass@1, pass@k) of the current policy.
 * - samplingTable(step: u32, table: u32) -> u32: once per step before the rollout, the scratch
 *   offset (run base included) of the rows·K log-probabilities the rollout samples from, given
 *   the previous stage's (first log π). A stage that samples from another distribution fills its
 *   own table and returns it; the epochs weight each token by π_θ/π_table (trainStep.ts
 *   logpBehaviour) and keep the clip on π_θ/π_old.
 * - transformAdvantages(): edit the advantages after the estimator: the per-trajectory ones
 *   in scratch, or per token through tokenAdvantage. Draws on the intervention stream take
 *   their indices from `interventionDraws` (the CPU's ctx.random() counter) and advance it.
 * - tokenAdvantage(i: u32, adv: f32) -> f32: token i's advantage given the previous stage's
 *   (first its trajectory's): a per-token edit. Reads of Â_i everywhere go through it.
 * - selectTokens(step: u32, means: vec2<f32>): once per step before the epochs, with the batch
 *   means of (log π_old, Â) that token covariances need. It may call the generated
 *   `X_priorWeight(i: u32) -> f32`: the product of the tokenWeight of the stages before X in the
 *   config's order (already selected), as the CPU's tokens.weight when X's tokenWeights runs.
 * - clipBounds(epoch: u32, bounds: vec2<f32>) -> vec2<f32>: the (ε_low, ε_high) of an epoch.
 * - beginEpoch(step: u32, epoch: u32, bounds: vec2<f32>): once per inner epoch before its token
 *   coefficients, with that epoch's clip bounds (for selections redone every epoch under the
 *   current log π_θ, as verl's Clip-Cov and KL-Cov: tokenCovarianceOf(i, means, epoch), tokenClipKind).
 * - tokenWeight(i: u32) -> f32: a factor on token i's surrogate coefficient.
 * - tokenLoss(i: u32, moved: f32) -> f32: added to token i's coefficient; moved = Δ log π.
 * - rowBegin(s: u32, epoch: u32, stats: RowStats): before a visited row's update.
 * - rowDirection(s: u32, a: u32, lp: f32, stats: RowStats) -> f32: added to the natural-form
 *   ascent direction u of (row, action).
 * - afterEpochs(): once per step after the update (reduce the stage's metrics).
 * - writeMetrics(base: u32): write the stage's metric words at metrics[base + metricOffset + k].
 */
export type StageHook = 'beginStep' | 'samplingTable' | 'transformAdvantages' | 'tokenAdvantage' | 'selectTokens' | 'clipBounds' | 'beginEpoch' | 'tokenWeight' | 'tokenLoss' | 'rowBegin' | 'rowDirection' | 'afterEpochs' | 'writeMetrics';

/** What a stage may read and reserve while the plan lays out a run. */
export interface StagePlanContext {
  config: ExperimentConfig;
  env: Environment;
  /** Tokens a step samples per run (an MDP's steps sample at most this many: episodes end early). */
  tokens: number;
  /** Reserve `words` of per-run scratch; returns their offset within the run's scratch. */
  allocateScratch(words: number): number;
  /**
   * A table of count(n) for every token count n ≤ tokens, in the env table (shared by the runs);
   * returns its offset there. For counts the CPU computes in float64 from a step's N tokens.
   */
  countTable(count: (n: number) => number): number;
  /** Append constant words every run reads to the env table (envTable); returns their offset there. */
  appendTable(words: readonly number[]): number;
}

export interface StageMetric {
  /** The StepRecord key, as the CPU intervention's metrics() name it. */
  name: string;
  /** A per-step value the kernel writes, or one the host knows (a fixed parameter). */
  kind: 'word' | 'constant';
}

export interface GpuStage<P extends { type: string } = { type: string }> {
  /** The intervention's id (its `type` in the config). */
  id: string;
  /** Every field of the intervention's schema: modelled, or a rule refusing what is not. */
  fields: SectionModel;
  /** True when the kernel holds one instance's state: a second instance is refused. */
  single: boolean;
  hooks: readonly StageHook[];
  /** Mirror of the stage's parameter struct (it sits in the kernel's StageParams uniform). */
  params: StructLayout<string>;
  /** The struct's values for this config's instances of the stage (in list order). */
  paramValues(instances: readonly P[], ctx: StagePlanContext): Record<string, number>;
  /** The metrics each instance adds to the record, in the CPU's order. */
  metrics: readonly StageMetric[];
  /**
   * Keys of the state the CPU intervention carries across steps (its `create(…).state`, what a
   * checkpoint stores), in that object's order. The plan gives each key a per-run word that
   * persists across steps and dispatches (`scratch[stateBase + stageParams.<id>.stateOffset + k]`,
   * the params struct then needs a `stateOffset: u32`); the host starts it from the
   * CPU's own create(…).state, reads it back with the logits and restores it. Only a single
   * stage may have state.
   */
  state?: readonly string[];
  /** Values of the 'constant' metrics for one instance. */
  constantMetrics?(instance: P, ctx: StagePlanContext): Record<string, number>;
}

/** A stage with its instance type erased, for registries. */
export type AnyGpuStage = GpuStage<{ type: string }>;

/** Type-checks a stage against its intervention's params (the registry erases them). */
export function defineStage<P extends { type: string }>(stage: GpuStage<P>): AnyGpuStage {
  return stage as unknown as AnyGpuStage;
}
