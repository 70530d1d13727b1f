// Clip-Cov (Entropy Mechanism paper, arXiv 2505.22617): drop the gradient of a random few of
// the tokens whose covariance c_i = (log π − mean)(Â − mean) lies in a band [ω_low, ω_high], the
// confident, advantaged tokens that drive entropy down. Two rule sets (algorithm.semantics):
//  - lab: round(r·N) tokens of the closed band, chosen once per step at π_old (r = 0 is GRPO);
//  - verl (verl/trainer/ppo/core_algos.py compute_policy_loss_clip_cov, L1450–1552 at b178a3cd):
//    max(1, ⌊r·N⌋) tokens of the strict band ω_low < c < ω_high, excluding tokens the PPO clip
//    already stopped, chosen again every inner epoch with the current log π_θ, centred over all of
//    the batch's tokens (verl: the micro-batch's valid tokens; the lab batch is one micro-batch).
// At lab scale the band holds about 1 % of a batch, so any r above that drops the whole band.
import { z } from 'zod';
import type { InterventionSpec, StepContext, TokenBatch } from '../types';
import { randomSubset, tokenCovariances } from './tokenSignals';
import { ClipKind } from '../policyLoss';

const schema = z
  .strictObject({
    type: z.literal('clipCov'),
    ratio: z.number().min(0).max(1).default(0.02).describe('r: fraction of all tokens whose gradient is dropped'),
    covLow: z.number().finite().default(1).describe('ω_low: smallest covariance c_i a token may have to be eligible'),
    covHigh: z.number().finite().default(5).describe('ω_high: largest covariance c_i a token may have to be eligible'),
  })
  .refine((p) => p.covLow <= p.covHigh, { path: ['covHigh'], message: 'must be ≥ covLow (the eligible covariance band is [covLow, covHigh])' });
export type ClipCovParams = z.infer<typeof schema>;

/** Tokens dropped from `eligible` candidates of N: round(r·N) (lab) or max(1, ⌊r·N⌋) (verl, L1525). */
export function clipCovCount(semantics: StepContext['semantics'], ratio: number, n: number): number {
  return semantics === 'verl' ? Math.max(1, Math.floor(ratio * n)) : Math.round(ratio * n);
}

export const spec: InterventionSpec<ClipCovParams> = {
  id: 'clipCov',
  label: 'Clip-Cov',
  explanation:
    'Entropy falls because the update raises tokens that are already likely and were rewarded: their log-probability and advantage co-vary. Clip-Cov finds tokens whose covariance term sits in a band [ω_low, ω_high] and, for a random few of them (a fraction r of all tokens), throws away their gradient this step. Removing a handful of these entropy-cutting tokens slows the collapse while the rest of the batch still learns.',
  formula:
    'c_i = \\big(\\log\\pi(a_i) - \\overline{\\log\\pi}\\big)\\big(\\hat A_i - \\overline{\\hat A}\\big),\\quad I \\subset \\{i : \\omega_{\\text{low}} \\le c_i \\le \\omega_{\\text{high}}\\},\\ |I| = \\operatorname{round}(rN)\\ \\text{(verl: } \\max(1, \\lfloor rN \\rfloor)\\text{)},\\quad w_i = 0\\ (i \\in I)',
  citation: { title: 'The Entropy Mechanism of Reinforcement Learning for Reasoning Language Models', arxiv: '2505.22617' },
  stages: ['token-weight', 'token-loss'],
  modes: ['sampled'],
  schema,
  paperValues: { ratio: 2e-4, covLow: 1, covHigh: 5 },
  verlNote:
    'As in verl with algorithm.semantics "verl": max(1, ⌊r·N⌋) tokens from the strict band, none the PPO clip already stopped, chosen again every epoch with the current log π, in a loss without dual-clip (the paper’s Clip-Cov scripts also set clip_ratio_low = clip_ratio_high = 1). Lab simplification with "lab": round(r·N) tokens from the closed band, chosen once per step at π_old. Either way N is the whole lab batch, which verl splits into micro-batches.',
  verlKeys: {
    ratio: 'actor_rollout_ref.actor.policy_loss.clip_cov_ratio',
    covLow: 'actor_rollout_ref.actor.policy_loss.clip_cov_lb',
    covHigh: 'actor_rollout_ref.actor.policy_loss.clip_cov_ub',
  },
  create(p) {
    let dropped = 0;
    let eligibleCount = 0;
    let slots = 0;
    /** Drop `count` of the eligible tokens; the counts feed the step's metrics. */
    const drop = (ctx: StepContext, n: number, eligible: number[], onDrop: (i: number) => void) => {
      const picked = randomSubset(eligible, clipCovCount(ctx.semantics, p.ratio, n), ctx.random);
      picked.forEach(onDrop);
      dropped += picked.length;
      eligibleCount += eligible.length;
      slots += n;
    };
    return {
      state: {},
      tokenWeights(ctx, tokens) {
        dropped = eligibleCount = slots = 0;
        if (ctx.semantics === 'verl') return;
        const c = tokenCovariances(tokens);
        const eligible: number[] = [];
        for (let i = 0; i < c.length; i++) if (c[i] >= p.covLow && c[i] <= p.covHigh) eligible.push(i);
        drop(ctx, c.length, eligible, (i) => (tokens.weight[i] = 0));
      },
      tokenLoss(ctx, tokens: TokenBatch, _epoch, logpNew, coef, clipped) {
        if (ctx.semantics !== 'verl') return;
        const c = tokenCovariances(tokens, logpNew);
        const eligible: number[] = [];
        for (let i = 0; i < c.length; i++) if ((clipped?.[i] ?? ClipKind.NONE) === ClipKind.NONE && c[i] > p.covLow && c[i] < p.covHigh) eligible.push(i);
        drop(ctx, c.length, eligible, (i) => (coef[i] = 0));
      },
      metrics: () => ({ clipCovFrac: slots > 0 ? dropped / slots : 0, clipCovEligibleFrac: slots > 0 ? eligibleCount / slots : 0 }),
    };
  },
};
