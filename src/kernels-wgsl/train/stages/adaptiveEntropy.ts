// The adaptive entropy coefficient as a GPU stage (adaptiveEntropy.wgsl; CPU:
// src/sim/interventions/adaptiveEntropy.ts). β lasts across steps: it is the stage's state.
import type { AdaptiveEntropyParams } from '../../../sim/interventions/adaptiveEntropy';
import { StructLayout } from '../../structLayout';
import { defineStage } from './types';

export const stage = defineStage<AdaptiveEntropyParams>({
  id: 'adaptiveEntropy',
  // initialCoef is read through the state the host starts from the CPU's create(…).state.
  fields: { target: true, rate: true, initialCoef: true },
  single: true,
  hooks: ['beginStep', 'rowDirection', 'writeMetrics'],
  params: new StructLayout('AdaptiveEntropyParams', [
    ['targetEntropy', 'f32'],
    ['rate', 'f32'],
    ['stateOffset', 'u32'],
    ['metricOffset', 'u32'],
  ] as const),
  paramValues: ([iv]) => ({ targetEntropy: iv.target, rate: iv.rate }),
  metrics: [{ name: 'entropyCoef', kind: 'word' }],
  state: ['coef'],
});
