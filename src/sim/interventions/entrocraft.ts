// Entrocraft (advantage rejection sampling, "Addressing Performance Saturation for LLM RL via
// Precise Entropy Curve Control", arXiv 2604.26326): entropy follows a schedule H*(t) by biasing
// which samples keep their advantage. A sample's entropy change goes as −Â_i(log π(a_i) − mean)
// (the paper's relation; science.md §1's covariance term), so below the schedule the samples
// that cut entropy are rejected with probability r — positive advantage on tokens more likely
// than the batch mean, and negative advantage on less likely ones — and above it those that
// raise it. Choices: a sample is a token, the mean is the batch's mean log π_old, rejecting
// zeroes the advantage, and the schedule is compared with the visitation-weighted entropy.
// Rejecting only the positive high-probability samples (the paper's headline case) was too
// weak to follow any schedule on the token task: negative advantages on rare tokens kept
// cutting entropy.
import { z } from 'zod';
import type { InterventionSpec, StepContext } from '../types';
import { cos } from '../portableMath';

const schema = z.strictObject({
  type: z.literal('entrocraft'),
  schedule: z.enum(['constant', 'linear', 'cosine']).default('linear').describe('shape of H*(t) from start to end (linear anneal found best)'),
  start: z.number().min(0).finite().default(1.2).describe('H*(0) in nats'),
  end: z.number().min(0).finite().default(0.9).describe('H* at the last step in nats (unused by constant)'),
  rejectProb: z.number().min(0).max(1).default(1).describe('r: probability of rejecting an eligible sample'),
});
export type EntrocraftParams = z.infer<typeof schema>;

/** H*(t) for steps 0 … totalSteps−1. */
export function entropyTarget(p: EntrocraftParams, step: number, totalSteps: number): number {
  const f = totalSteps > 1 ? Math.min(1, step / (totalSteps - 1)) : 0;
  if (p.schedule === 'constant') return p.start;
  if (p.schedule === 'linear') return p.start + (p.end - p.start) * f;
  return p.end + ((p.start - p.end) * (1 + cos(Math.PI * f))) / 2;
}

/**
 * The mean as x_0 + Σ(x_i − x_0)/n: exactly x_0 when every x_i is (a collapsed row sampled G
 * times, a uniform policy), so a token at the mean has sign 0 and is never rejected, in float64
 * and in the GPU's float32 alike, instead of a sign decided by the rounding of Σx_i/n.
 */
export function shiftedMean(x: ArrayLike<number>): number {
  if (x.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] - x[0];
  return x[0] + s / x.length;
}

export const spec: InterventionSpec<EntrocraftParams> = {
  id: 'entrocraft',
  label: 'Advantage rejection (Entrocraft)',
  explanation:
    'Steers entropy along a chosen curve by deciding which samples count. Rewarding an already-likely token, or penalising an unlikely one, lowers entropy; the opposite pairs raise it. So while entropy is below the schedule it throws away (zeroes the advantage of) the samples that would lower it, and while it is above, those that would raise it. Nothing is added to the objective; the schedule that anneals linearly from high to a bit lower worked best in the paper.',
  formula:
    '\\hat A_i \\leftarrow 0 \\text{ w.p. } r \\text{ if } \\operatorname{sign}\\big(\\hat A_i\\,(\\log\\pi_{\\text{old}}(a_i) - \\overline{\\log\\pi})\\big) = \\begin{cases} +1 & H_t < H^*(t) \\\\ -1 & H_t > H^*(t) \\end{cases}',
  citation: { title: 'Addressing Performance Saturation for LLM RL via Precise Entropy Curve Control', arxiv: '2604.26326' },
  stages: ['schedule', 'advantage'],
  modes: ['sampled'],
  schema,
  paperValues: { schedule: 'linear' },
  verlNote:
    'Not in verl: the lab’s reading of Entrocraft’s advantage rejection, per token.',
  create(p) {
    let target = p.start;
    let rejectFrac = 0;
    return {
      state: {},
      beginStep(ctx: StepContext) {
        target = entropyTarget(p, ctx.step, ctx.totalSteps);
      },
      transformAdvantages(ctx, tokens) {
        const n = tokens.advantage.length;
        const meanLogp = shiftedMean(tokens.logpOld);
        // Below target reject samples with Â·(log π − mean) > 0 (they lower entropy), above it < 0.
        const sign = ctx.entropy < target ? 1 : -1;
        let rejected = 0;
        for (let i = 0; i < n; i++) {
          if (Math.sign(tokens.advantage[i] * (tokens.logpOld[i] - meanLogp)) !== sign) continue;
          if (ctx.random() < p.rejectProb) {
            tokens.advantage[i] = 0;
            rejected++;
          }
        }
        rejectFrac = n > 0 ? rejected / n : 0;
      },
      metrics: () => ({ entrocraftTarget: target, entrocraftRejectFrac: rejectFrac }),
    };
  },
};
