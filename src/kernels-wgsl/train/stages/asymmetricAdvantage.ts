// Asymmetric advantages as a GPU stage (asymmetricAdvantage.wgsl; CPU:
// src/sim/interventions/asymmetricAdvantage.ts).
import type { AsymmetricAdvantageParams } from '../../../sim/interventions/asymmetricAdvantage';
import { StructLayout } from '../../structLayout';
import { defineStage } from './types';

export const stage = defineStage<AsymmetricAdvantageParams>({
  id: 'asymmetricAdvantage',
  // With several epochs on an MDP runs part from the CPU after ~30 steps, as plain PPO's do
  // there with the clip out of reach (agreement.ts): the badge claims that, not the stage.
  fields: { positiveScale: true, negativeScale: true },
  single: true,
  hooks: ['transformAdvantages', 'writeMetrics'],
  params: new StructLayout('AsymmetricAdvantageParams', [
    ['positiveScale', 'f32'],
    ['negativeScale', 'f32'],
    ['metricOffset', 'u32'],
  ] as const),
  paramValues: ([iv]) => ({ positiveScale: iv.positiveScale, negativeScale: iv.negativeScale }),
  metrics: [
    { name: 'asymPositiveFrac', kind: 'word' },
    { name: 'asymNegativeFrac', kind: 'word' },
  ],
});
