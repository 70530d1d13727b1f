// KL-Cov as a GPU stage (klCov.wgsl; CPU: src/sim/interventions/klCov.ts).
import { KL_COV_DEAD_ZONE, klCovCount, type KlCovParams } from '../../../sim/interventions/klCov';
import { StructLayout } from '../../structLayout';
import { defineStage } from './types';

export const stage = defineStage<KlCovParams>({
  id: 'klCov',
  fields: { ratio: true, coef: true },
  single: true,
  hooks: ['selectTokens', 'tokenLoss', 'afterEpochs', 'writeMetrics'],
  params: new StructLayout('KlCovParams', [
    ['countTable', 'u32'],
    ['coef', 'f32'],
    ['deadZone', 'f32'],
    ['selectedOffset', 'u32'],
    ['metricOffset', 'u32'],
  ] as const),
  // round(k·N) in float64 like klCov.ts, per token count N (an MDP step's N varies).
  paramValues: ([iv], ctx) => ({ countTable: ctx.countTable((n) => klCovCount('lab', iv.ratio, n)), coef: iv.coef, deadZone: KL_COV_DEAD_ZONE, selectedOffset: ctx.allocateScratch(ctx.tokens) }),
  metrics: [
    { name: 'klCovFrac', kind: 'word' },
    { name: 'klCovActive', kind: 'word' },
    { name: 'klCovPenalty', kind: 'word' },
  ],
});
