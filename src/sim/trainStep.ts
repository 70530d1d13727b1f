// One training step of one run on the CPU, float64: the reference every backend matches.
// Exact mode follows science.md §2 (Δz = η·d·π·u or η·u); sampled mode rolls out (with DAPO's
// dynamic sampling when asked), builds advantages, applies the interventions' stages in list
// order, runs the inner epochs of the policy loss (policyLoss.ts: the lab's or verl's), then
// measures what the applied Δz did to entropy.
import { uniform, RngStream, streamKey } from './rng';
import { covarianceTerm, stepRatio } from './softmax';
import { logSoftmaxTable, probsTable, weightedMean } from './policy';
import { nextState, type RunState } from './runState';
import { reverseKlAscent } from './divergence';
import { passAtKEstimate } from './metrics';
import type { AlgorithmSpec, Batch, ClipBounds, Environment, InterventionInstance, Mode, PolicyShape, StepContext, StepRecord, TokenBatch } from './types';
import { exp } from './portableMath';
import { groupIsFlat, type LossAggMode, type Semantics } from './algorithms/base';
import { drawNonFlatGroups, type DynamicDraws } from './dynamicSampling';
import { aggregationDivisors, ClipKind, clipKind, type PolicyLoss } from './policyLoss';

/** The fixed parts of one run. */
export interface RunSetup {
  run: number;
  seed: number;
  totalSteps: number;
  env: Environment;
  algorithm: AlgorithmSpec;
  params: AlgorithmParams;
  interventions: InterventionInstance[];
  refLogp: Float64Array;
  /** The policy loss the config's semantics and interventions select (policyLoss.ts). */
  policyLoss: PolicyLoss;
}

/** Algorithm fields the step reads (design.md's shared algorithm fields). */
export interface AlgorithmParams {
  type: string;
  mode: Mode;
  lr: number;
  groupSize: number;
  batchPrompts: number;
  epochs: number;
  clipLow: number;
  clipHigh: number;
  refKL: number;
  semantics: Semantics;
  lossAggMode: LossAggMode;
  /** Dual-clip bound c (0: none). */
  clipRatioC: number;
  dynamicSampling: boolean;
  maxDraws: number;
}

export type StepOutcome = { ok: true; record: StepRecord } | { ok: false; reason: string };

/** Prompts (groups) of step t: all of them, or a window of batchPrompts cycling through. */
export function groupsForStep(step: number, groups: number, batchPrompts: number): Int32Array {
  const b = batchPrompts === 0 || batchPrompts >= groups ? groups : batchPrompts;
  return Int32Array.from({ length: b }, (_, i) => (b === groups ? i : (step * b + i) % groups));
}

/**
 * The per-logit step before η: vanilla geometry g + w π ⊙ u; natural geometry u + g/(w π).
 * Rows with w = 0 get no step. Shared with the neural policies, which back-propagate it.
 */
export function logitStep(shape: PolicyShape, geometry: 'vanilla' | 'natural', w: Float64Array, logp: Float64Array, g: Float64Array, u: Float64Array): Float64Array {
  const k = shape.actions;
  const out = new Float64Array(shape.rows * k);
  for (let s = 0; s < shape.rows; s++) {
    if (w[s] === 0) continue;
    for (let a = 0; a < k; a++) {
      const i = s * k + a;
      const p = exp(logp[i]);
      out[i] = geometry === 'vanilla' ? g[i] + w[s] * p * u[i] : u[i] + (p > 0 ? g[i] / (w[s] * p) : 0);
    }
  }
  return out;
}

/** Apply Δ = η·logitStep(…) to the table z and add it into dz. */
function applyUpdate(shape: PolicyShape, geometry: 'vanilla' | 'natural', lr: number, w: Float64Array, logp: Float64Array, g: Float64Array, u: Float64Array, z: Float64Array, dz: Float64Array): void {
  const step = logitStep(shape, geometry, w, logp, g, u);
  for (let i = 0; i < step.length; i++) {
    if (step[i] === 0) continue;
    z[i] += lr * step[i];
    dz[i] += lr * step[i];
  }
}

/** Add every logit-space regulariser's natural direction for rows with w > 0 into u. */
function addRegularisers(setup: RunSetup, ctx: StepContext, w: Float64Array, z: Float64Array, logp: Float64Array, u: Float64Array): void {
  const k = ctx.shape.actions;
  const tmp = new Float64Array(k);
  const hooks = setup.interventions.filter((iv) => iv.naturalDirection);
  for (let s = 0; s < ctx.shape.rows; s++) {
    if (w[s] === 0) continue;
    const rowZ = z.subarray(s * k, (s + 1) * k);
    const rowLogp = logp.subarray(s * k, (s + 1) * k);
    for (const iv of hooks) {
      iv.naturalDirection!(ctx, s, rowZ, rowLogp, tmp);
      for (let a = 0; a < k; a++) u[s * k + a] += tmp[a];
    }
    if (setup.params.refKL > 0) {
      reverseKlAscent(rowLogp, setup.refLogp.subarray(s * k, (s + 1) * k), setup.params.refKL, tmp);
      for (let a = 0; a < k; a++) u[s * k + a] += tmp[a];
    }
  }
}

export function makeContext(setup: RunSetup, st: RunState): StepContext {
  const stream = streamKey(setup.run, RngStream.INTERVENTION);
  let draw = 0;
  return {
    step: st.step,
    totalSteps: setup.totalSteps,
    seed: setup.seed,
    run: setup.run,
    mode: setup.params.mode,
    semantics: setup.params.semantics,
    lr: setup.params.lr,
    shape: setup.env.shape,
    logits: st.logits,
    logp: st.logp,
    refLogp: setup.refLogp,
    rowEntropy: st.rowEntropy,
    visitation: st.eval.visitation,
    entropy: st.entropy,
    reward: st.eval.reward,
    random: () => uniform(setup.seed, stream, st.step, draw++),
  };
}

export interface SampledStats {
  batchReward: number;
  zeroStdFrac: number;
  clipFracLow: number;
  clipFracHigh: number;
  clipFracDual?: number;
  keptGroupsFrac?: number;
  promptsDrawn?: number;
  tokenCovariance: number;
  batchPassAt1?: number;
  batchPassAtK?: number;
}

/** A sampled step's data before its inner epochs (rollout, advantages, masks, clip bounds). */
export interface SampledBatch {
  batch: Batch;
  groups: number;
  zeroStdGroups: number;
  tokens: TokenBatch;
  bounds: ClipBounds;
  /**
   * Row weights w_s = Σ_{i at s} 1/d_i (visits/G under the lab's aggregation): the sampled
   * estimate of d(s) (per group, like the exact one) that the regularisers are weighted by.
   */
  rowWeight: Float64Array;
  /**
   * Per token, log π_old(a_i|s_i) at the start of the step: the clip's anchor. It equals the
   * behaviour log-prob unless rollouts sample at another temperature; then the clip stays
   * centred on π_old and π_old/π_behaviour is an importance weight (decoupled PPO, Hilton
   * et al. 2021, arXiv 2110.00641).
   */
  logpOld: Float64Array;
  /** With dynamic sampling: draw 0 and what the draws kept (dynamicSampling.ts). */
  dynamic?: Omit<DynamicDraws, 'batch'>;
}

/** Rollout, advantages, and the advantage, token-weight and clip-bound stages in list order. */
export function prepareSampledBatch(setup: RunSetup, st: RunState, ctx: StepContext): SampledBatch {
  const { env, params, interventions } = setup;
  const shape = env.shape;
  const G = params.groupSize;

  let temperature = 1;
  for (const iv of interventions) if (iv.samplingTemperature) temperature *= iv.samplingTemperature(ctx);
  const samplingLogp = temperature === 1 ? st.logp : logSoftmaxTable(st.logits.map((x) => x / temperature), shape);
  const groupIds = groupsForStep(st.step, env.groups, params.batchPrompts);
  const samplingProbs = temperature === 1 ? st.probs : probsTable(samplingLogp);
  const request = { samplingLogp, samplingProbs, groupIds, groupSize: G, seed: setup.seed, run: setup.run, step: st.step };
  let dynamic: SampledBatch['dynamic'];
  let batch: Batch;
  if (params.dynamicSampling) {
    const drawn = drawNonFlatGroups(env, request, (d) => groupsForStep(st.step + d, env.groups, params.batchPrompts), params.maxDraws);
    ({ batch, ...dynamic } = drawn);
  } else {
    batch = env.rollout(request);
  }

  const trajAdv = new Float64Array(groupIds.length * G);
  const { zeroStdGroups } = setup.algorithm.advantages(batch.reward, groupIds.length, G, params, trajAdv);
  const tokens = tokenBatch(batch, trajAdv, st.logp, shape.actions, aggregationDivisors(batch, params.lossAggMode, env.maxLength));
  for (const iv of interventions) iv.transformAdvantages?.(ctx, tokens);
  for (const iv of interventions) iv.tokenWeights?.(ctx, tokens);
  let bounds: ClipBounds = { low: params.clipLow, high: params.clipHigh };
  for (const iv of interventions) if (iv.clipBounds) bounds = iv.clipBounds(ctx, bounds);

  const rowWeight = new Float64Array(shape.rows);
  const logpOld = new Float64Array(batch.row.length);
  for (let i = 0; i < batch.row.length; i++) {
    rowWeight[batch.row[i]] += 1 / tokens.divisor[i];
    logpOld[i] = st.logp[batch.row[i] * shape.actions + batch.action[i]];
  }
  return { batch, groups: groupIds.length, zeroStdGroups, tokens, bounds, rowWeight, logpOld, ...(dynamic ? { dynamic } : {}) };
}

/** Clip counts of a step's epochs: tokens × epochs the ratio clip stopped, by side. */
export interface ClipCounts {
  low: number;
  high: number;
  dual: number;
}

/**
 * One inner epoch's token coefficients c_i under the current log π_θ (`logpCur`, rows·K):
 * ratios, the per-epoch clip-bound stage, the policy loss's clip (policyLoss.ts), then the
 * token-loss stage. Writes logpNew and coef; adds the clip counts into `clipped`.
 */
function epochCoefficients(setup: RunSetup, ctx: StepContext, sb: SampledBatch, epoch: number, logpCur: Float64Array, logpNew: Float64Array, coef: Float64Array, counts: ClipCounts): void {
  const { batch, tokens } = sb;
  const k = setup.env.shape.actions;
  // The clip acts on π_θ/π_old; the gradient is weighted by π_θ/π_behaviour (the same ratio
  // unless rollouts were sampled at another temperature).
  const ratios = new Float64Array(coef.length);
  const behaviourRatios = new Float64Array(coef.length);
  for (let i = 0; i < coef.length; i++) {
    logpNew[i] = logpCur[batch.row[i] * k + batch.action[i]];
    ratios[i] = exp(logpNew[i] - sb.logpOld[i]);
    behaviourRatios[i] = exp(logpNew[i] - batch.logpBehaviour[i]);
  }
  let bounds = sb.bounds;
  for (const iv of setup.interventions) if (iv.epochClipBounds) bounds = iv.epochClipBounds(ctx, tokens, epoch, ratios, bounds);
  const clipped = new Uint8Array(coef.length);
  for (let i = 0; i < coef.length; i++) {
    const adv = tokens.advantage[i];
    // Clipped surrogate min(ρÂ, clip(ρ)Â): its gradient vanishes where a clip is active.
    clipped[i] = clipKind(setup.policyLoss, ratios[i], adv, bounds, setup.params.clipRatioC);
    if (clipped[i] === ClipKind.HIGH) counts.high++;
    else if (clipped[i] === ClipKind.LOW) counts.low++;
    else if (clipped[i] === ClipKind.DUAL) counts.dual++;
    coef[i] = clipped[i] === ClipKind.NONE ? tokens.weight[i] * behaviourRatios[i] * adv : 0;
  }
  for (const iv of setup.interventions) iv.tokenLoss?.(ctx, tokens, epoch, logpNew, coef, clipped);
}

/** The surrogate's logit gradient g = Σ_i (c_i/d_i) (e_{a_i} − π(·|s_i)), rows·K. */
function surrogateLogitGradient(shape: PolicyShape, tokens: TokenBatch, coef: Float64Array, logpCur: Float64Array): Float64Array {
  const { batch } = tokens;
  const k = shape.actions;
  const g = new Float64Array(shape.rows * k);
  for (let i = 0; i < coef.length; i++) {
    if (coef[i] === 0) continue;
    const base = batch.row[i] * k;
    const c = coef[i] / tokens.divisor[i];
    for (let a = 0; a < k; a++) g[base + a] -= c * exp(logpCur[base + a]);
    g[base + batch.action[i]] += c;
  }
  return g;
}

/**
 * Batch statistics of a sampled step (clip counts summed over epochs). With dynamic sampling
 * the reward, pass@k and zero-std share describe draw 0 (dynamicSampling.ts).
 */
export function sampledStats(setup: RunSetup, sb: SampledBatch, clipped: ClipCounts): SampledStats {
  const { groups, dynamic } = sb;
  const batch = dynamic?.first ?? sb.batch;
  const G = setup.params.groupSize;
  const passK = setup.env.passK;
  const nTokens = sb.tokens.advantage.length;
  const perTokenEpoch = Math.max(1, nTokens * setup.params.epochs);
  const stats: SampledStats = {
    batchReward: mean(batch.reward),
    zeroStdFrac: (dynamic ? flatGroups(batch) : sb.zeroStdGroups) / groups,
    clipFracLow: clipped.low / perTokenEpoch,
    clipFracHigh: clipped.high / perTokenEpoch,
    tokenCovariance: tokenCovariance(sb.tokens),
  };
  if (setup.params.clipRatioC > 0) stats.clipFracDual = clipped.dual / perTokenEpoch;
  if (dynamic) {
    stats.keptGroupsFrac = dynamic.keptGroups / groups;
    stats.promptsDrawn = dynamic.promptsDrawn;
  }
  if (passK !== undefined) {
    stats.batchPassAt1 = passAtKEstimate(batch.correct, groups, G, 1);
    if (passK <= G) stats.batchPassAtK = passAtKEstimate(batch.correct, groups, G, passK);
  }
  return stats;
}

/**
 * One inner epoch at the current logits z (log-probabilities logpCur): the token coefficients
 * (clip counts added into `clipped`), the surrogate's logit gradient g and the regularisers'
 * natural direction u, for logitStep to combine.
 */
export function epochGradients(setup: RunSetup, ctx: StepContext, sb: SampledBatch, epoch: number, z: Float64Array, logpCur: Float64Array, clipped: ClipCounts): { g: Float64Array; u: Float64Array } {
  const shape = setup.env.shape;
  const n = sb.tokens.advantage.length;
  const coef = new Float64Array(n);
  epochCoefficients(setup, ctx, sb, epoch, logpCur, new Float64Array(n), coef, clipped);
  const g = surrogateLogitGradient(shape, sb.tokens, coef, logpCur);
  const u = new Float64Array(shape.rows * shape.actions);
  addRegularisers(setup, ctx, sb.rowWeight, z, logpCur, u);
  return { g, u };
}

/** Sampled mode: rollout, advantages, interventions, inner epochs. Updates z and dz. */
function sampledUpdate(setup: RunSetup, st: RunState, ctx: StepContext, z: Float64Array, dz: Float64Array): SampledStats {
  const shape = setup.env.shape;
  const sb = prepareSampledBatch(setup, st, ctx);
  const clipped = { low: 0, high: 0, dual: 0 };
  let logpCur = st.logp;
  for (let epoch = 0; epoch < setup.params.epochs; epoch++) {
    if (epoch > 0) logpCur = logSoftmaxTable(z, shape);
    const { g, u } = epochGradients(setup, ctx, sb, epoch, z, logpCur, clipped);
    applyUpdate(shape, setup.algorithm.geometry, setup.params.lr, sb.rowWeight, logpCur, g, u, z, dz);
  }
  return sampledStats(setup, sb, clipped);
}

function flatGroups(batch: Batch): number {
  let n = 0;
  for (let g = 0; g < batch.groupIds.length; g++) if (groupIsFlat(batch.reward, g, batch.groupSize)) n++;
  return n;
}

function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return x.length > 0 ? s / x.length : 0;
}

/** Per-token view: advantages broadcast from trajectories, weights 1, log π_old. */
function tokenBatch(batch: Batch, trajAdv: Float64Array, logpOld: Float64Array, k: number, divisor: Float64Array): TokenBatch {
  const n = batch.row.length;
  const advantage = new Float64Array(n);
  const trajectory = new Int32Array(n);
  const lpOld = new Float64Array(n);
  for (let j = 0; j + 1 < batch.tokenOffset.length; j++) {
    for (let i = batch.tokenOffset[j]; i < batch.tokenOffset[j + 1]; i++) {
      advantage[i] = trajAdv[j];
      trajectory[i] = j;
      lpOld[i] = logpOld[batch.row[i] * k + batch.action[i]];
    }
  }
  return { batch, advantage, weight: new Float64Array(n).fill(1), logpOld: lpOld, trajectory, divisor };
}

/** The paper's token-level estimator: mean_i (log π(a_i) − mean)(Â_i − mean). */
function tokenCovariance(t: TokenBatch): number {
  const n = t.advantage.length;
  if (n === 0) return 0;
  const lpMean = mean(t.logpOld);
  const aMean = mean(t.advantage);
  let c = 0;
  for (let i = 0; i < n; i++) c += (t.logpOld[i] - lpMean) * (t.advantage[i] - aMean);
  return c / n;
}

function rowMoved(dz: Float64Array, lo: number, k: number): boolean {
  for (let i = lo; i < lo + k; i++) if (dz[i] !== 0) return true;
  return false;
}

export function allFinite(x: ArrayLike<number>): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}

/**
 * Advance one run by one step. On divergence the state is left at its last finite policy
 * and the outcome says why; no record with non-finite numbers is ever produced.
 */
export function trainStep(setup: RunSetup, st: RunState): StepOutcome {
  const { env, params } = setup;
  const shape = env.shape;
  const ctx = makeContext(setup, st);
  for (const iv of setup.interventions) iv.beginStep?.(ctx);

  const z = st.logits.slice();
  const dz = new Float64Array(z.length);
  let sampled: SampledStats | undefined;
  if (params.mode === 'exact') {
    const u = env.advantage(st.logp, st.eval);
    const w = st.eval.visitation;
    addRegularisers(setup, ctx, w, z, st.logp, u);
    applyUpdate(shape, setup.algorithm.geometry, params.lr, w, st.logp, new Float64Array(z.length), u, z, dz);
  } else {
    sampled = sampledUpdate(setup, st, ctx, z, dz);
  }
  if (!allFinite(z)) {
    return { ok: false, reason: `diverged at step ${st.step}: the logits became non-finite (learning rate ${params.lr} is too large for this update)` };
  }

  const next = nextState(env, setup.refLogp, st, z);
  const outcome = stepRecord(setup, st, next, dz, sampled);
  if (outcome.ok) Object.assign(st, next, { step: st.step + 1 });
  return outcome;
}

/**
 * The step record of an update that took the policy from `st` to `next` by the logit change
 * dz: covariance term of dz, predicted and measured ΔH, step ratio, KL to the reference.
 * Fails rather than return a record with a non-finite number.
 */
export function stepRecord(setup: RunSetup, st: RunState, next: RunState, dz: Float64Array, sampled: SampledStats | undefined): StepOutcome {
  const shape = setup.env.shape;
  const k = shape.actions;
  const d = st.eval.visitation;
  const covRows = new Float64Array(shape.rows);
  let ratio = 0;
  for (let s = 0; s < shape.rows; s++) {
    // A row the update left alone has covariance 0 and step ratio 0: skipping it leaves the
    // weighted mean and the maximum the same bits.
    if (d[s] === 0 || !rowMoved(dz, s * k, k)) continue;
    covRows[s] = covarianceTerm(st.logp.subarray(s * k, (s + 1) * k), dz, k, s * k, st.probs.subarray(s * k, (s + 1) * k));
    ratio = Math.max(ratio, stepRatio(dz, k, s * k));
  }
  const covariance = weightedMean(covRows, d);
  const record: StepRecord = {
    run: setup.run,
    step: st.step,
    entropy: st.entropy,
    reward: st.eval.reward,
    covariance,
    predictedDeltaH: -covariance,
    deltaH: next.entropy - st.entropy,
    stepRatio: ratio,
    klRef: weightedMean(st.rowKl, d),
    ...st.eval.metrics,
    ...sampled,
  };
  for (const iv of setup.interventions) Object.assign(record, iv.metrics?.());
  for (const key in record) {
    if (!Number.isFinite(record[key])) return { ok: false, reason: `diverged at step ${st.step}: ${key} became non-finite` };
    record[key] += 0; // −0 → +0: JSON and CSV cannot carry −0, so round trips stay exact
  }
  return { ok: true, record };
}
