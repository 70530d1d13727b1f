// KL-Cov as a GPU stage (klCov.wgsl; CPU: src/sim/interventions/klCov.ts).
import { KL_COV_DEAD_ZONE, klCovCount, type KlCovParams } from '../../../sim/interventions/klCov';
import { StructLayout } from '../../structLayout';
import { defineStage, type StagePlanContext } from './types';

/** The count in float64 like klCov.ts (WGSL's round breaks ties to even, Math.round upwards). */
const selectedCount = (iv: KlCovParams, ctx: StagePlanContext) => klCovCount(ctx.config.algorithm.semantics, iv.ratio, ctx.tokens);

export const stage = defineStage<KlCovParams>({
  id: 'klCov',
  fields: { ratio: true, coef: true },
  single: true,
  hooks: ['selectTokens', 'beginEpoch', 'tokenLoss', 'afterEpochs', 'writeMetrics'],
  params: new StructLayout('KlCovParams', [
    ['count', 'u32'],
    ['perEpoch', 'u32'],
    ['coef', 'f32'],
    ['deadZone', 'f32'],
    ['selectedOffset', 'u32'],
    ['metricOffset', 'u32'],
  ] as const),
  paramValues: ([iv], ctx) => ({
    count: selectedCount(iv, ctx),
    perEpoch: ctx.config.algorithm.semantics === 'verl' ? 1 : 0,
    coef: iv.coef,
    deadZone: KL_COV_DEAD_ZONE,
    selectedOffset: ctx.allocateScratch(ctx.tokens),
  }),
  metrics: [
    { name: 'klCovFrac', kind: 'constant' },
    { name: 'klCovActive', kind: 'word' },
    { name: 'klCovPenalty', kind: 'word' },
  ],
  // The selected share is fixed by the batch size: computed here in float64, as klCov.ts does.
  constantMetrics: (iv, ctx) => ({ klCovFrac: selectedCount(iv, ctx) / ctx.tokens }),
});
