// Fields every algorithm config shares (design.md: groupSize, batchPrompts, epochs, clip
// bounds, refKL, and issue 14's semantics, loss aggregation, dual-clip and dynamic sampling)
// and the group-baseline advantage estimators the algorithms pick from.
import { z } from 'zod';
import type { AdvantageResult, Mode } from '../types';

export const modeSchema = z.enum(['exact', 'sampled']);
export const baselineSchema = z.enum(['none', 'mean', 'loo']);
export type Baseline = z.infer<typeof baselineSchema>;

/**
 * 'lab': the lab's own rules. 'verl': volcengine/verl's core_algos.py (commit b178a3cd) where
 * the two differ: GRPO's unbiased std + 1e-6, Clip-Cov/KL-Cov counts, band, per-epoch selection
 * and verl's policy-loss modes (see policyLoss.ts, clipCov.ts, klCov.ts).
 */
export const SEMANTICS = ['lab', 'verl'] as const;
export type Semantics = (typeof SEMANTICS)[number];

/** verl's `loss_agg_mode`s (core_algos.py agg_loss, L1025–1081 at b178a3cd). */
export const LOSS_AGG_MODES = ['seq-mean-token-sum', 'token-mean', 'seq-mean-token-mean', 'seq-mean-token-sum-norm'] as const;
export type LossAggMode = (typeof LOSS_AGG_MODES)[number];

/** DAPO's max_num_gen_batches in the Entropy Mechanism paper's recipe scripts. */
export const DEFAULT_MAX_DRAWS = 10;

/** Shared fields; each algorithm extends these with its own `type` and defaults. */
export function algorithmFields(defaults: { mode: Mode; lr: number; epochs: number }) {
  return {
    mode: modeSchema.default(defaults.mode),
    lr: z.number().finite().min(0).default(defaults.lr),
    /** G: samples per prompt (group). */
    groupSize: z.number().int().min(1).max(65536).default(8),
    /** Prompts (groups) per step; 0 takes every prompt each step. */
    batchPrompts: z.number().int().min(0).max(65536).default(0),
    /** Inner passes over each batch (1 = purely on-policy). */
    epochs: z.number().int().min(1).max(64).default(defaults.epochs),
    clipLow: z.number().min(0).max(1).default(0.2),
    clipHigh: z.number().min(0).max(100).default(0.2),
    /** β_ref of a reverse-KL penalty toward the initial policy (science.md §2). */
    refKL: z.number().finite().min(0).default(0),
    semantics: z.enum(SEMANTICS).default('lab').describe('whose rules: the lab\u2019s, or verl\u2019s core_algos.py (GRPO std, Clip-Cov/KL-Cov selection, policy-loss modes)'),
    lossAggMode: z
      .enum(LOSS_AGG_MODES)
      .default('seq-mean-token-sum')
      .describe('how token losses are averaged (verl loss_agg_mode); the lab\u2019s own is seq-mean-token-sum, verl\u2019s default token-mean'),
    clipRatioC: z
      .number()
      .finite()
      .min(0)
      .refine((c) => c === 0 || c > 1, { message: 'must be 0 (no dual-clip) or > 1 (verl asserts clip_ratio_c > 1)' })
      .default(0)
      .describe('dual-clip bound c: a negative-advantage token stops at ratio c (0 = off; verl 3, the paper\u2019s scripts 10)'),
    dynamicSampling: z.boolean().default(false).describe('DAPO filter_groups: drop groups whose rewards are all equal and draw more prompts'),
    maxDraws: z.number().int().min(1).max(100).default(DEFAULT_MAX_DRAWS).describe('most prompt batches drawn per step with dynamic sampling (DAPO max_num_gen_batches)'),
  };
}

/**
 * Fields that only sampled mode reads: exact mode computes the expected update from the
 * environment's exact advantages, with no batch, groups, inner epochs, clipping or baseline
 * (trainStep.ts; a test runs exact mode with each of them changed and gets the same bits).
 * refKL is not here: the exact update adds its reverse-KL direction too.
 */
export const SAMPLED_ONLY_FIELDS: readonly string[] = ['groupSize', 'batchPrompts', 'epochs', 'clipLow', 'clipHigh', 'baseline'];

/** verl's config keys for the shared fields, shown beside the lab's in forms. */
export const ALGORITHM_VERL_KEYS = {
  lr: 'actor_rollout_ref.actor.optim.lr',
  groupSize: 'actor_rollout_ref.rollout.n',
  batchPrompts: 'data.train_batch_size',
  epochs: 'actor_rollout_ref.actor.ppo_epochs',
  clipLow: 'actor_rollout_ref.actor.clip_ratio_low',
  clipHigh: 'actor_rollout_ref.actor.clip_ratio_high',
  refKL: 'actor_rollout_ref.actor.kl_loss_coef',
  lossAggMode: 'actor_rollout_ref.actor.loss_agg_mode',
  clipRatioC: 'actor_rollout_ref.actor.clip_ratio_c',
  dynamicSampling: 'algorithm.filter_groups.enable',
  maxDraws: 'algorithm.filter_groups.max_num_gen_batches',
} as const;

/** True when every reward of group g is the same (zero std: no gradient from it). */
export function groupIsFlat(rewards: Float64Array, g: number, n: number): boolean {
  for (let i = 1; i < n; i++) if (rewards[g * n + i] !== rewards[g * n]) return false;
  return true;
}

function groupMean(rewards: Float64Array, g: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += rewards[g * n + i];
  return s / n;
}

/**
 * r_i − b per group: b = 0 ('none'), the group mean ('mean'), or the mean of the other
 * samples ('loo', RLOO: unbiased).
 */
export function baselineAdvantages(rewards: Float64Array, groups: number, n: number, baseline: Baseline, out: Float64Array): AdvantageResult {
  let zeroStdGroups = 0;
  for (let g = 0; g < groups; g++) {
    // A flat group's baselined advantages are exactly 0 (science.md §2), not the rounding
    // noise of r − mean(r), whose sign would decide clips and masks differently per backend.
    const flat = groupIsFlat(rewards, g, n);
    if (flat) zeroStdGroups++;
    const mean = groupMean(rewards, g, n);
    for (let i = 0; i < n; i++) {
      const r = rewards[g * n + i];
      const b = baseline === 'none' ? 0 : baseline === 'mean' || n === 1 ? mean : (mean * n - r) / (n - 1);
      out[g * n + i] = baseline !== 'none' && flat ? 0 : r - b;
    }
  }
  return { zeroStdGroups };
}

/**
 * verl's GRPO advantage (core_algos.py compute_grpo_outcome_advantage, L266–331 at b178a3cd):
 * (r_i − mean)/(std + 1e-6) with torch.std's unbiased std (n − 1), or r_i − mean when
 * `normByStd` is false (Dr. GRPO, norm_adv_by_std_in_grpo=False); a group of one sample has
 * mean 0 and std 1 there, so its advantage is its reward (divided by 1 + 1e-6).
 */
export function verlGroupAdvantages(rewards: Float64Array, groups: number, n: number, normByStd: boolean, out: Float64Array): AdvantageResult {
  let zeroStdGroups = 0;
  for (let g = 0; g < groups; g++) {
    // A flat group of several samples gets exactly 0, as in baselineAdvantages; a lone sample
    // is no flat group to verl (mean 0, std 1).
    const flat = n > 1 && groupIsFlat(rewards, g, n);
    if (groupIsFlat(rewards, g, n)) zeroStdGroups++;
    const mean = n === 1 ? 0 : groupMean(rewards, g, n);
    let v = 0;
    for (let i = 0; i < n; i++) {
      const d = rewards[g * n + i] - mean;
      v += d * d;
    }
    const std = n === 1 ? 1 : Math.sqrt(v / (n - 1));
    for (let i = 0; i < n; i++) out[g * n + i] = flat ? 0 : normByStd ? (rewards[g * n + i] - mean) / (std + VERL_GRPO_EPSILON) : rewards[g * n + i] - mean;
  }
  return { zeroStdGroups };
}

/** verl's fixed ε of the GRPO advantage (compute_grpo_outcome_advantage's `epsilon`). */
export const VERL_GRPO_EPSILON = 1e-6;

/** GRPO: (r_i − mean)/(std + ε) with the population std of the group. */
export function standardisedAdvantages(rewards: Float64Array, groups: number, n: number, eps: number, out: Float64Array): AdvantageResult {
  let zeroStdGroups = 0;
  for (let g = 0; g < groups; g++) {
    const flat = groupIsFlat(rewards, g, n);
    if (flat) zeroStdGroups++;
    const mean = groupMean(rewards, g, n);
    let v = 0;
    for (let i = 0; i < n; i++) {
      const d = rewards[g * n + i] - mean;
      v += d * d;
    }
    const std = Math.sqrt(v / n);
    for (let i = 0; i < n; i++) out[g * n + i] = flat ? 0 : (rewards[g * n + i] - mean) / (std + eps);
  }
  return { zeroStdGroups };
}
