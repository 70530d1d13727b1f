// Rollout temperature (common practice): sample rollouts from softmax(z/T) instead of π. The
// core then trains with the importance ratio ρ_i = π_θ(a_i|s_i)/π_T(a_i|s_i) in the clipped
// surrogate (Batch.logpBehaviour), so the expected per-token gradient is the on-policy one;
// what changes is which tokens are seen and which the clip cuts. The correction is per token,
// as in PPO: states reached through tempered earlier tokens are not reweighted. Found on the
// token task (16 seeds, step 100): the clip, centred on the sampler rather than on π_old, is
// active from the first epoch and cuts exactly the entropy-lowering updates; T = 1.5 then
// explodes entropy (1.68 vs GRPO 0.33, reward ≈ 0), 0.47 with the clip off; T = 1.2: 0.61 (0.36
// with the clip off). Decoupling the clip (ratio to π_old, importance weight π_old/π_T) would
// remove that; the core keeps PPO's form.
import { z } from 'zod';
import type { InterventionSpec } from '../types';

const schema = z.strictObject({
  type: z.literal('rolloutTemperature'),
  temperature: z.number().gt(0).finite().default(1.2).describe('T_roll: > 1 samples flatter than π, < 1 sharper'),
});
export type RolloutTemperatureParams = z.infer<typeof schema>;

export const spec: InterventionSpec<RolloutTemperatureParams> = {
  id: 'rolloutTemperature',
  label: 'Rollout temperature',
  explanation:
    'Generates the training samples at a different temperature than the policy itself: hotter (T > 1) tries unlikely tokens more often. Each sample is then reweighted by how much more or less likely the policy is to produce it than the hot sampler, so on average the update is the same as on-policy; but the clip on that ratio drops the updates of tokens the sampler favoured much more than the policy, which changes where entropy goes.',
  formula: 'a \\sim \\mathrm{softmax}(z/T_{\\text{roll}}),\\quad \\rho_i = \\frac{\\pi_\\theta(a_i|s_i)}{\\mathrm{softmax}(z_{\\text{old}}/T_{\\text{roll}})(a_i|s_i)}',
  citation: { title: 'Rollout temperature with importance correction', note: 'common practice; the ratio is PPO\u2019s (Schulman et al., arXiv 1707.06347) with the tempered sampler as behaviour policy', arxiv: '1707.06347' },
  stages: ['rollout'],
  modes: ['sampled'],
  // Two rollout temperatures would silently multiply; one per config.
  conflictsWith: ['rolloutTemperature'],
  schema,
  paperValues: {},
  create(p) {
    return {
      state: {},
      samplingTemperature: () => p.temperature,
      metrics: () => ({ rolloutTemperature: p.temperature }),
    };
  },
};
