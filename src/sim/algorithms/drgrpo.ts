// Dr. GRPO: GRPO without the division by the group std (and without length normalisation):
// Â_i = r_i − mean r.
import { z } from 'zod';
import type { AlgorithmSpec } from '../types';
import { algorithmFields, baselineAdvantages } from './base';

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
  advantages: (r, groups, n, _p, out) => baselineAdvantages(r, groups, n, 'mean', out),
};
