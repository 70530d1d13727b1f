// Natural policy gradient. For a tabular softmax the Fisher-preconditioned step is the
// advantage itself: Δz_a = η A_a (Kakade 2001; Agarwal et al. 2019). Sampled: the REINFORCE
// estimate divided per row by π(a|s) and the row's visit rate.
import { z } from 'zod';
import type { AlgorithmSpec } from '../types';
import { ALGORITHM_VERL_KEYS, algorithmFields, baselineAdvantages, baselineSchema } from './base';

const schema = z.strictObject({
  type: z.literal('npg'),
  ...algorithmFields({ mode: 'exact', lr: 0.5, epochs: 1 }),
  baseline: baselineSchema.default('mean'),
});
export type NpgParams = z.infer<typeof schema>;

export const spec: AlgorithmSpec<NpgParams> = {
  id: 'npg',
  label: 'Natural policy gradient',
  description: 'Preconditions by the Fisher information: every logit moves by η·A, regardless of its probability. Collapses entropy faster than PG.',
  citation: { title: 'On the Theory of Policy Gradient Methods: Optimality, Approximation, and Distribution Shift', arxiv: '1908.00261' },
  schema,
  modes: ['exact', 'sampled'],
  verlKeys: ALGORITHM_VERL_KEYS,
  geometry: 'natural',
  advantages: (r, groups, n, p, out) => baselineAdvantages(r, groups, n, p.baseline, out),
};
