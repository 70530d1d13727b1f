// Fields every algorithm config shares (design.md: groupSize, batchPrompts, epochs, clip
// bounds, refKL) and the group-baseline advantage estimators the algorithms pick from.
import { z } from 'zod';
import type { AdvantageResult, Mode } from '../types';

export const modeSchema = z.enum(['exact', 'sampled']);
export const baselineSchema = z.enum(['none', 'mean', 'loo']);
export type Baseline = z.infer<typeof baselineSchema>;

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
  };
}

/**
 * Fields that only sampled mode reads: exact mode computes the expected update from the
 * environment's exact advantages, with no batch, groups, inner epochs, clipping or baseline
 * (trainStep.ts; a test runs exact mode with each of them changed and gets the same bits).
 * refKL is not here: the exact update adds its reverse-KL direction too.
 */
export const SAMPLED_ONLY_FIELDS: readonly string[] = ['groupSize', 'batchPrompts', 'epochs', 'clipLow', 'clipHigh', 'baseline'];

/** True when every reward of group g is the same (zero std: no gradient from it). */
function groupIsFlat(rewards: Float64Array, g: number, n: number): boolean {
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
