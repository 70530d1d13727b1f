// Clip-higher (DAPO, arXiv 2503.14476): decoupled clip range [1 − ε_low, 1 + ε_high] with
// ε_high > ε_low, so a rare token with positive advantage may grow further within a batch. The
// ratio only leaves 1 once π_θ ≠ π_old (epochs > 1, or off-policy rollouts). Found at lab scale:
// with rewards that carry no signal (8-arm bandit, 4 epochs, 16 seeds) the upper clip is what
// lowers entropy (Park et al., arXiv 2509.26114) and 0.2/0.28 keeps it at 1.04 vs 0.44 at step
// 200; on the token task the rewarded tokens are mostly already likely, so loosening the upper
// clip does not raise entropy (0.32 vs 0.33 at step 100, 4 epochs; lower still with ε_high = 0.5):
// the DAPO story does not hold there, and the lab shows that as it is.
import { z } from 'zod';
import type { InterventionSpec } from '../types';

const schema = z
  .strictObject({
    type: z.literal('clipHigher'),
    epsLow: z.number().min(0).max(1).default(0.2).describe('ε_low: the ratio may fall to 1 − ε_low on negative-advantage tokens'),
    epsHigh: z.number().min(0).max(100).default(0.28).describe('ε_high: the ratio may rise to 1 + ε_high on positive-advantage tokens'),
  })
  .refine((p) => p.epsHigh >= p.epsLow, { path: ['epsHigh'], message: 'must be ≥ epsLow (clip-higher raises the upper bound, not the lower)' });
export type ClipHigherParams = z.infer<typeof schema>;

export const spec: InterventionSpec<ClipHigherParams> = {
  id: 'clipHigher',
  label: 'Clip-higher',
  explanation:
    'PPO-style clipping stops a token\u2019s probability ratio from moving more than ε in one batch. For a rare token that is only a tiny absolute change, so rare correct tokens can barely grow while common ones keep their lead. Clip-higher loosens only the upper bound (ε_high > ε_low), letting rewarded rare tokens grow further. It matters only when the policy moves within a batch: several epochs per batch, or off-policy rollouts.',
  formula:
    '\\min\\big(\\rho_i \\hat A_i,\\ \\operatorname{clip}(\\rho_i,\\ 1-\\varepsilon_{\\text{low}},\\ 1+\\varepsilon_{\\text{high}})\\,\\hat A_i\\big),\\quad \\varepsilon_{\\text{high}} > \\varepsilon_{\\text{low}}',
  citation: { title: 'DAPO: An Open-Source LLM Reinforcement Learning System at Scale', arxiv: '2503.14476' },
  stages: ['clip-bounds'],
  modes: ['sampled'],
  offPolicyOnly: true,
  conflictsWith: ['bapo'],
  schema,
  paperValues: { epsLow: 0.2, epsHigh: 0.28 },
  verlNote:
    'As in verl: actor.clip_ratio_low and clip_ratio_high bound the ratio on each side (DAPO’s 0.2 / 0.28).',
  verlKeys: { epsLow: 'actor_rollout_ref.actor.clip_ratio_low', epsHigh: 'actor_rollout_ref.actor.clip_ratio_high' },
  create(p) {
    return {
      state: {},
      clipBounds: () => ({ low: p.epsLow, high: p.epsHigh }),
      metrics: () => ({ clipBoundLow: p.epsLow, clipBoundHigh: p.epsHigh }),
    };
  },
};
