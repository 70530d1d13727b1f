// AEPO as a GPU stage (aepo.wgsl; CPU: src/sim/interventions/aepo.ts).
import type { AepoParams } from '../../../sim/interventions/aepo';
import { StructLayout } from '../../structLayout';
import { defineStage } from './types';

export const stage = defineStage<AepoParams>({
  id: 'aepo',
  fields: { target: true, coef: true, tempHigh: true, tempLow: true },
  single: true,
  hooks: ['beginStep', 'rowBegin', 'rowDirection', 'writeMetrics'],
  params: new StructLayout('AepoParams', [
    ['targetEntropy', 'f32'],
    ['coef', 'f32'],
    ['tempHigh', 'f32'],
    ['tempLow', 'f32'],
    ['metricOffset', 'u32'],
  ] as const),
  paramValues: ([iv]) => ({ targetEntropy: iv.target, coef: iv.coef, tempHigh: iv.tempHigh, tempLow: iv.tempLow }),
  metrics: [{ name: 'aepoTemperature', kind: 'word' }],
});
