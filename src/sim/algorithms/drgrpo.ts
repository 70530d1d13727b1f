// Dr. GRPO: GRPO without the division by the group std (and without length normalisation):
// Â_i = r_i − mean r. Under verl semantics a group of one sample keeps its reward (verl's
// compute_grpo_outcome_advantage with norm_adv_by_std_in_grpo=False sets its mean to 0).
import { z } from 'zod';
import type { AlgorithmSpec } from '../types';
import { ALGORITHM_VERL_KEYS, algorithmFields, baselineAdvantages, verlGroupAdvantages } from './base';

const schema = z.strictObject({
  type: z.literal('drgrpo'),
  ...algorithmFields({ mode: 'sampled', lr: 0.5, epochs: 1 }),
});
export type DrGrpoParams = z.infer<typeof schema>;

export const spec: AlgorithmSpec<DrGrpoParams> = {
  id: 'drgrpo',
  label: 'Dr. GRPO',
  description: 'GRPO without the std normalisation, which removes its bias toward prompts that are almost always solved or failed.',
  citation: { title: 'Understanding R1-Zero-Like Training: A Critical Perspective', arxiv: '2503.20783' },
  schema,
  modes: ['sampled'],
  geometry: 'vanilla',
  verlKeys: ALGORITHM_VERL_KEYS,
  advantages: (r, groups, n, p, out) => (p.semantics === 'verl' ? verlGroupAdvantages(r, groups, n, false, out) : baselineAdvantages(r, groups, n, 'mean', out)),
};
