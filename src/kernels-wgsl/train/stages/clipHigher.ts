// Clip-higher as a GPU stage (clipHigher.wgsl; CPU: src/sim/interventions/clipHigher.ts).
import type { ClipHigherParams } from '../../../sim/interventions/clipHigher';
import { StructLayout } from '../../structLayout';
import { clipBound } from '../fieldModel';
import { defineStage } from './types';

export const stage = defineStage<ClipHigherParams>({
  id: 'clipHigher',
  fields: { epsLow: clipBound('clipHigher.epsLow'), epsHigh: clipBound('clipHigher.epsHigh') },
  single: false,
  hooks: ['clipBounds'],
  params: new StructLayout('ClipHigherParams', [
    ['epsLow', 'f32'],
    ['epsHigh', 'f32'],
  ] as const),
  paramValues: (instances) => {
    const last = instances[instances.length - 1];
    return { epsLow: last.epsLow, epsHigh: last.epsHigh };
  },
  metrics: [
    { name: 'clipBoundLow', kind: 'constant' },
    { name: 'clipBoundHigh', kind: 'constant' },
  ],
  constantMetrics: (iv) => ({ clipBoundLow: iv.epsLow, clipBoundHigh: iv.epsHigh }),
});
