// The reference divergence (DPH-RL) as a GPU stage (refKL.wgsl; CPU: src/sim/interventions/refKL.ts).
import { DIVERGENCES } from '../../../sim/divergence';
import type { RefKlParams } from '../../../sim/interventions/refKL';
import { StructLayout } from '../../structLayout';
import { defineStage } from './types';

export const stage = defineStage<RefKlParams>({
  id: 'refKL',
  fields: { divergence: true, coef: true },
  single: true,
  hooks: ['rowBegin', 'rowDirection', 'afterEpochs', 'writeMetrics'],
  params: new StructLayout('RefKLParams', [
    ['coef', 'f32'],
    /** Index in DIVERGENCES: 0 reverse, 1 forward, 2 Jensen–Shannon (refKL.wgsl's constants). */
    ['divergence', 'u32'],
    ['metricOffset', 'u32'],
  ] as const),
  paramValues: ([iv]) => ({ coef: iv.coef, divergence: DIVERGENCES.indexOf(iv.divergence) }),
  metrics: [{ name: 'refDivergence', kind: 'word' }],
});
