// GRPO: group-standardised advantages Â_i = (r_i − mean r)/(std r + ε) and the PPO-clip
// surrogate when epochs > 1 (DeepSeekMath). Lab semantics: the population std and ε = stdEps;
// verl semantics: torch's unbiased std and verl's fixed ε = 1e-6. The lab sums over tokens and
// averages over the group (lossAggMode seq-mean-token-sum), so no length normalisation enters.
import { z } from 'zod';
import type { AlgorithmSpec } from '../types';
import { ALGORITHM_VERL_KEYS, algorithmFields, standardisedAdvantages, verlGroupAdvantages } from './base';

/** The lab's default ε; a config under verl semantics may not change it (verl's is fixed). */
export const GRPO_STD_EPS = 1e-4;

const schema = z.strictObject({
  type: z.literal('grpo'),
  ...algorithmFields({ mode: 'sampled', lr: 0.5, epochs: 1 }),
  stdEps: z.number().positive().finite().default(GRPO_STD_EPS).describe('ε of (r − mean)/(std + ε) under lab semantics (verl fixes it at 1e-6)'),
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
  verlKeys: ALGORITHM_VERL_KEYS,
  advantages: (r, groups, n, p, out) => (p.semantics === 'verl' ? verlGroupAdvantages(r, groups, n, true, out) : standardisedAdvantages(r, groups, n, p.stdEps, out)),
};
