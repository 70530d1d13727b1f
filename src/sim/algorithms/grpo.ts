// GRPO: group-standardised advantages Â_i = (r_i − mean r)/(std r + ε) and the PPO-clip
// surrogate when epochs > 1 (DeepSeekMath). The lab sums over tokens and averages over the
// group for every algorithm, so no length normalisation enters.
import { z } from 'zod';
import type { AlgorithmSpec } from '../types';
import { algorithmFields, standardisedAdvantages } from './base';

const schema = z.strictObject({
  type: z.literal('grpo'),
  ...algorithmFields({ mode: 'sampled', lr: 0.5, epochs: 1 }),
  stdEps: z.number().positive().finite().default(1e-4),
});
export type GrpoParams = z.infer<typeof schema>;

export const spec: AlgorithmSpec<GrpoParams> = {
  id: 'grpo',
  label: 'GRPO',
  description: 'Group Relative Policy Optimization: rewards are standardised within each prompt\u2019s group of samples; groups with equal rewards give no signal.',
  citation: { title: 'DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models', arxiv: '2402.03300' },
  schema,
  modes: ['sampled'],
  geometry: 'vanilla',
  advantages: (r, groups, n, p, out) => standardisedAdvantages(r, groups, n, p.stdEps, out),
};
