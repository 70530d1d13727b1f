// PPO-clip without a critic: group-mean baseline, advantages scaled to unit spread over the batch, and
// several inner epochs on the clipped surrogate min(ρÂ, clip(ρ, 1−ε_low, 1+ε_high)Â).
import { z } from 'zod';
import type { AlgorithmSpec } from '../types';
import { ALGORITHM_VERL_KEYS, algorithmFields, baselineAdvantages } from './base';

const schema = z.strictObject({
  type: z.literal('ppo'),
  ...algorithmFields({ mode: 'sampled', lr: 0.5, epochs: 4 }),
  whitenEps: z.number().positive().finite().default(1e-8),
});
export type PpoParams = z.infer<typeof schema>;

export const spec: AlgorithmSpec<PpoParams> = {
  id: 'ppo',
  label: 'PPO (clip)',
  description: 'Several passes over each batch with the probability ratio clipped to [1−ε_low, 1+ε_high], so each step stays close to the policy that sampled it.',
  citation: { title: 'Proximal Policy Optimization Algorithms', arxiv: '1707.06347' },
  schema,
  modes: ['sampled'],
  verlKeys: ALGORITHM_VERL_KEYS,
  geometry: 'vanilla',
  advantages(r, groups, n, p, out) {
    const res = baselineAdvantages(r, groups, n, 'mean', out);
    // Whitening divides by the batch's spread only: group-mean advantages have mean 0 by
    // construction, and subtracting their float mean (rounding noise) would give the groups
    // whose rewards were all equal ±1e-17 advantages, whose signs then decide the clip.
    const m = out.length;
    let v = 0;
    for (let i = 0; i < m; i++) v += (out[i] * out[i]) / m;
    const std = Math.sqrt(v);
    for (let i = 0; i < m; i++) out[i] = out[i] / (std + p.whitenEps);
    return res;
  },
};
