// REINFORCE with a group baseline, leave-one-out by default (RLOO, unbiased):
// Δz = η (1/G) Σ_i (r_i − b_i)(e_{a_i} − π).
import { z } from 'zod';
import type { AlgorithmSpec } from '../types';
import { ALGORITHM_VERL_KEYS, algorithmFields, baselineAdvantages, baselineSchema } from './base';

const schema = z.strictObject({
  type: z.literal('reinforce'),
  ...algorithmFields({ mode: 'sampled', lr: 0.5, epochs: 1 }),
  baseline: baselineSchema.default('loo'),
});
export type ReinforceParams = z.infer<typeof schema>;

export const spec: AlgorithmSpec<ReinforceParams> = {
  id: 'reinforce',
  label: 'REINFORCE (RLOO)',
  description: 'Sampled policy gradient with a leave-one-out group baseline: each sample is compared with the mean of the others.',
  citation: { title: 'Back to Basics: Revisiting REINFORCE Style Optimization for Learning from Human Feedback in LLMs', arxiv: '2402.14740' },
  schema,
  modes: ['sampled'],
  verlKeys: ALGORITHM_VERL_KEYS,
  geometry: 'vanilla',
  advantages: (r, groups, n, p, out) => baselineAdvantages(r, groups, n, p.baseline, out),
};
