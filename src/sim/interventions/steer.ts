// STEER-style reweighting ("Rethinking Entropy Interventions in RLVR: An Entropy Change
// Perspective", arXiv 2510.10150): weight each token by a decreasing function of the entropy cut
// its own update would make, cut_i = max(0, −δH_i) (tokenSignals.ts), mapped linearly from w_max
// (no cut) down to w_min (the batch's largest cut). The released code maps the magnitude |Ω_i|
// (both directions, Ω from its own approximation) into [0.8, 1.2]; the lab follows science.md §4
// and only down-weights cuts. Found at lab scale (token task, 16 seeds): [0.2, 1] gives entropy
// 0.50 vs GRPO's 0.33 at step 100 and 0.305 vs 0.284 at step 300, at the same reward.
import { z } from 'zod';
import type { InterventionSpec } from '../types';
import { predictedEntropyChanges } from './tokenSignals';

const schema = z
  .strictObject({
    type: z.literal('steer'),
    weightMin: z.number().min(0).finite().default(0.2).describe('w_min: weight of the token with the batch\u2019s largest predicted entropy cut'),
    weightMax: z.number().min(0).finite().default(1).describe('w_max: weight of tokens predicted not to cut entropy'),
  })
  .refine((p) => p.weightMin <= p.weightMax, { path: ['weightMin'], message: 'must be ≤ weightMax (weights fall as the predicted entropy cut grows)' });
export type SteerParams = z.infer<typeof schema>;

export const spec: InterventionSpec<SteerParams> = {
  id: 'steer',
  label: 'STEER reweighting',
  explanation:
    'Instead of dropping tokens, STEER turns their volume down. For every sampled token the lab predicts how much its own update would change its state\u2019s entropy; tokens that would cut entropy sharply get a smaller weight (down to w_min for the sharpest cut in the batch), while tokens that leave entropy alone or raise it keep full weight. Learning continues everywhere, only the entropy-cutting part is softened.',
  formula:
    'w_i = w_{\\max} - (w_{\\max} - w_{\\min})\\,\\frac{\\max(0, -\\delta H_i)}{\\max_j \\max(0, -\\delta H_j)},\\qquad \\delta H_i = -\\tfrac{\\eta}{G}\\,\\hat A_i\\,\\big(S_{a_i} - \\mathbb E_\\pi[S]\\big)',
  citation: { title: 'Rethinking Entropy Interventions in RLVR: An Entropy Change Perspective', arxiv: '2510.10150' },
  stages: ['token-weight'],
  modes: ['sampled'],
  schema,
  paperValues: { weightMin: 0.8, weightMax: 1.2 },
  verlNote:
    'Not in verl: the lab only down-weights entropy cuts (the released code maps |Ω| into [0.8, 1.2]).',
  create(p) {
    let meanWeight = 1;
    let minWeight = 1;
    return {
      state: {},
      tokenWeights(ctx, tokens) {
        const dh = predictedEntropyChanges(ctx, tokens);
        const n = dh.length;
        let maxCut = 0;
        for (let i = 0; i < n; i++) maxCut = Math.max(maxCut, -dh[i]);
        let sum = 0;
        minWeight = n > 0 ? Infinity : p.weightMax;
        for (let i = 0; i < n; i++) {
          const w = maxCut > 0 ? p.weightMax - ((p.weightMax - p.weightMin) * Math.max(0, -dh[i])) / maxCut : p.weightMax;
          tokens.weight[i] *= w;
          sum += w;
          minWeight = Math.min(minWeight, w);
        }
        meanWeight = n > 0 ? sum / n : p.weightMax;
      },
      metrics: () => ({ steerMeanWeight: meanWeight, steerMinWeight: minWeight }),
    };
  },
};
