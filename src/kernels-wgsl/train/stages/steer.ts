// STEER reweighting as a GPU stage (steer.wgsl; CPU: src/sim/interventions/steer.ts).
import type { SteerParams } from '../../../sim/interventions/steer';
import { StructLayout } from '../../structLayout';
import { scaleFreeSignal } from '../fieldModel';
import { defineStage } from './types';

export const stage = defineStage<SteerParams>({
  id: 'steer',
  fields: { weightMin: true, weightMax: scaleFreeSignal('steer') },
  single: true,
  hooks: ['selectTokens', 'tokenWeight', 'writeMetrics'],
  params: new StructLayout('SteerParams', [
    ['weightMin', 'f32'],
    ['weightMax', 'f32'],
    ['weightOffset', 'u32'],
    ['metricOffset', 'u32'],
  ] as const),
  paramValues: ([iv], ctx) => ({ weightMin: iv.weightMin, weightMax: iv.weightMax, weightOffset: ctx.allocateScratch(ctx.tokens) }),
  metrics: [
    { name: 'steerMeanWeight', kind: 'word' },
    { name: 'steerMinWeight', kind: 'word' },
  ],
});
