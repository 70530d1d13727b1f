// Adaptive entropy coefficient (SAC's automatic temperature, arXiv 1812.05905): an entropy
// bonus whose β follows β_{t+1} = max(0, β_t + α(H_target − H_t)), so it grows while entropy is
// below target and decays above it. The lab updates β at the start of each step from the
// current visitation-weighted entropy (exact, also in sampled mode, where a real system would
// use the batch's token entropy) and then applies the bonus with the new β.
import { z } from 'zod';
import type { InterventionSpec } from '../types';
import { entropyAscent } from './entropyBonus';

const schema = z.strictObject({
  type: z.literal('adaptiveEntropy'),
  target: z.number().min(0).finite().default(0.8).describe('H_target in nats'),
  rate: z.number().min(0).finite().default(0.2).describe('α: how fast β follows the entropy gap'),
  initialCoef: z.number().min(0).finite().default(0).describe('β_0'),
});
export type AdaptiveEntropyParams = z.infer<typeof schema>;

export const spec: InterventionSpec<AdaptiveEntropyParams> = {
  id: 'adaptiveEntropy',
  label: 'Adaptive entropy coefficient',
  explanation:
    'An entropy bonus that tunes its own strength: each step the coefficient β rises by α times how far entropy is below the target and falls when entropy is above it (never below zero). Entropy settles near the target instead of collapsing or exploding, at the price of a lag: β reacts to the gap only after it opens.',
  formula: '\\beta_{t+1} = \\max\\big(0,\\ \\beta_t + \\alpha\\,(H_{\\text{target}} - H_t)\\big),\\quad \\Delta z \\mathrel{+}= \\eta\\,\\beta_t\\,\\nabla_z H(\\pi)',
  citation: { title: 'Soft Actor-Critic Algorithms and Applications', arxiv: '1812.05905', note: 'automatic entropy temperature' },
  stages: ['schedule', 'logit-gradient'],
  modes: ['exact', 'sampled'],
  schema,
  paperValues: {},
  verlNote:
    'Not in verl: verl’s entropy_coeff is a constant; the lab adapts it as SAC adapts its temperature.',
  create(p) {
    const state = { coef: p.initialCoef };
    return {
      state,
      beginStep(ctx) {
        state.coef = Math.max(0, state.coef + p.rate * (p.target - ctx.entropy));
      },
      naturalDirection(_ctx, _row, _logits, logp, out) {
        entropyAscent(logp, state.coef, out);
      },
      metrics: () => ({ entropyCoef: state.coef }),
    };
  },
};
