// Lp-Reg as a GPU stage (lpReg.wgsl; CPU: src/sim/interventions/lpReg.ts).
import type { LpRegParams } from '../../../sim/interventions/lpReg';
import { log } from '../../../sim/portableMath';
import { StructLayout } from '../../structLayout';
import { defineStage } from './types';

export const stage = defineStage<LpRegParams>({
  id: 'lpReg',
  fields: { threshold: true, coef: true },
  single: true,
  hooks: ['rowBegin', 'rowDirection', 'afterEpochs', 'writeMetrics'],
  params: new StructLayout('LpRegParams', [
    ['logThreshold', 'f32'],
    ['coef', 'f32'],
    ['metricOffset', 'u32'],
  ] as const),
  // κ = 0 keeps every action: a cut far below any finite log π.
  paramValues: ([iv]) => ({ logThreshold: iv.threshold > 0 ? log(iv.threshold) : -1e30, coef: iv.coef }),
  metrics: [{ name: 'lpRegRemovedMass', kind: 'word' }],
});
