// Clip-Cov as a GPU stage (clipCov.wgsl; CPU: src/sim/interventions/clipCov.ts).
import { clipCovCount, type ClipCovParams } from '../../../sim/interventions/clipCov';
import { StructLayout } from '../../structLayout';
import { bandEdge } from '../fieldModel';
import { defineStage } from './types';

export const stage = defineStage<ClipCovParams>({
  id: 'clipCov',
  fields: { ratio: true, covLow: bandEdge('clipCov.covLow'), covHigh: bandEdge('clipCov.covHigh') },
  single: true,
  hooks: ['selectTokens', 'tokenWeight', 'writeMetrics'],
  params: new StructLayout('ClipCovParams', [
    ['countTable', 'u32'],
    ['low', 'f32'],
    ['high', 'f32'],
    ['weightOffset', 'u32'],
    ['metricOffset', 'u32'],
  ] as const),
  // round(r·N) in float64 like clipCov.ts, per token count N (an MDP step's N varies).
  paramValues: ([iv], ctx) => ({ countTable: ctx.countTable((n) => clipCovCount('lab', iv.ratio, n)), low: iv.covLow, high: iv.covHigh, weightOffset: ctx.allocateScratch(ctx.tokens) }),
  metrics: [
    { name: 'clipCovFrac', kind: 'word' },
    { name: 'clipCovEligibleFrac', kind: 'word' },
  ],
});
