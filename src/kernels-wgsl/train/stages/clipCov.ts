// Clip-Cov as a GPU stage (clipCov.wgsl; CPU: src/sim/interventions/clipCov.ts).
import { clipCovCount, type ClipCovParams } from '../../../sim/interventions/clipCov';
import { StructLayout } from '../../structLayout';
import { bandEdge } from '../fieldModel';
import { defineStage } from './types';

export const stage = defineStage<ClipCovParams>({
  id: 'clipCov',
  fields: { ratio: true, covLow: bandEdge('clipCov.covLow'), covHigh: bandEdge('clipCov.covHigh') },
  single: true,
  hooks: ['selectTokens', 'beginEpoch', 'tokenWeight', 'writeMetrics'],
  params: new StructLayout('ClipCovParams', [
    ['countTable', 'u32'],
    ['low', 'f32'],
    ['high', 'f32'],
    ['perEpoch', 'u32'],
    ['weightOffset', 'u32'],
    ['metricOffset', 'u32'],
  ] as const),
  // The count per token count N in float64 like clipCov.ts (WGSL's round breaks ties to even,
  // Math.round upwards); an MDP step's N varies.
  paramValues: ([iv], ctx) => {
    const semantics = ctx.config.algorithm.semantics;
    return { countTable: ctx.countTable((n) => clipCovCount(semantics, iv.ratio, n)), low: iv.covLow, high: iv.covHigh, perEpoch: semantics === 'verl' ? 1 : 0, weightOffset: ctx.allocateScratch(ctx.tokens) };
  },
  metrics: [
    { name: 'clipCovFrac', kind: 'word' },
    { name: 'clipCovEligibleFrac', kind: 'word' },
  ],
});
