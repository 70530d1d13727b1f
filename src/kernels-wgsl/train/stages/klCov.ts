// KL-Cov as a GPU stage (klCov.wgsl; CPU: src/sim/interventions/klCov.ts).
import { KL_COV_DEAD_ZONE, klCovCount, type KlCovParams } from '../../../sim/interventions/klCov';
import { StructLayout } from '../../structLayout';
import { defineStage } from './types';

export const stage = defineStage<KlCovParams>({
  id: 'klCov',
  fields: { ratio: true, coef: true },
  single: true,
  hooks: ['selectTokens', 'beginEpoch', 'tokenLoss', 'afterEpochs', 'writeMetrics'],
  params: new StructLayout('KlCovParams', [
    ['countTable', 'u32'],
    ['perEpoch', 'u32'],
    ['coef', 'f32'],
    ['deadZone', 'f32'],
    ['selectedOffset', 'u32'],
    ['metricOffset', 'u32'],
  ] as const),
  // The count per token count N in float64 like klCov.ts (WGSL's round breaks ties to even,
  // Math.round upwards); an MDP step's N varies.
  paramValues: ([iv], ctx) => {
    const semantics = ctx.config.algorithm.semantics;
    return { countTable: ctx.countTable((n) => klCovCount(semantics, iv.ratio, n)), perEpoch: semantics === 'verl' ? 1 : 0, coef: iv.coef, deadZone: KL_COV_DEAD_ZONE, selectedOffset: ctx.allocateScratch(ctx.tokens) };
  },
  metrics: [
    { name: 'klCovFrac', kind: 'word' },
    { name: 'klCovActive', kind: 'word' },
    { name: 'klCovPenalty', kind: 'word' },
  ],
});
