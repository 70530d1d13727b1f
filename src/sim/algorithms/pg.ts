// Vanilla policy gradient. Exact: Δz_a = η π_a A_a (science.md §2); sampled: the REINFORCE
// estimate (1/G) Σ_i (r_i − b)(e_{a_i} − π).
import { z } from 'zod';
import type { AlgorithmSpec } from '../types';
import { ALGORITHM_VERL_KEYS, algorithmFields, baselineAdvantages, baselineSchema } from './base';

const schema = z.strictObject({
  type: z.literal('pg'),
  ...algorithmFields({ mode: 'exact', lr: 0.5, epochs: 1 }),
  baseline: baselineSchema.default('mean'),
});
export type PgParams = z.infer<typeof schema>;

export const spec: AlgorithmSpec<PgParams> = {
  id: 'pg',
  label: 'Policy gradient',
  description: 'Gradient ascent on expected reward. Each logit moves by η·π·A, so likely actions move most.',
  citation: { title: 'Policy Gradient Methods for Reinforcement Learning with Function Approximation (Sutton et al., 2000)' },
  schema,
  modes: ['exact', 'sampled'],
  verlKeys: ALGORITHM_VERL_KEYS,
  geometry: 'vanilla',
  advantages: (r, groups, n, p, out) => baselineAdvantages(r, groups, n, p.baseline, out),
};
