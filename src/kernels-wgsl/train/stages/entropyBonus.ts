// The entropy bonus as a GPU stage (entropyBonus.wgsl; CPU: src/sim/interventions/entropyBonus.ts).
import type { EntropyBonusParams } from '../../../sim/interventions/entropyBonus';
import { StructLayout } from '../../structLayout';
import { defineStage } from './types';

export const stage = defineStage<EntropyBonusParams>({
  id: 'entropyBonus',
  fields: { coef: true },
  single: false,
  hooks: ['rowDirection'],
  params: new StructLayout('EntropyBonusParams', [['coef', 'f32']] as const),
  // β·H is linear in β: several bonuses are one with the summed coefficient.
  paramValues: (instances) => ({ coef: instances.reduce((s, iv) => s + iv.coef, 0) }),
  metrics: [{ name: 'entropyCoef', kind: 'constant' }],
  constantMetrics: (iv) => ({ entropyCoef: iv.coef }),
});
