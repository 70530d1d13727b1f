// Entrocraft as a GPU stage (entrocraft.wgsl; CPU: src/sim/interventions/entrocraft.ts).
import type { EntrocraftParams } from '../../../sim/interventions/entrocraft';
import { StructLayout } from '../../structLayout';
import { uniformThreshold } from '../../rng/layout';
import { defineStage } from './types';

/** The schedule's code in EntrocraftParams.schedule. */
const SCHEDULE = { constant: 0, linear: 1, cosine: 2 } as const;

export const stage = defineStage<EntrocraftParams>({
  id: 'entrocraft',
  fields: { schedule: true, start: true, end: true, rejectProb: true },
  single: true,
  hooks: ['beginStep', 'transformAdvantages', 'tokenAdvantage', 'writeMetrics'],
  params: new StructLayout('EntrocraftParams', [
    ['schedule', 'u32'],
    ['start', 'f32'],
    ['end', 'f32'],
    ['rejectBelow', 'u32'],
    ['rejectedOffset', 'u32'],
    ['metricOffset', 'u32'],
  ] as const),
  paramValues: ([iv], ctx) => ({
    schedule: SCHEDULE[iv.schedule],
    start: iv.start,
    end: iv.end,
    rejectBelow: uniformThreshold(iv.rejectProb),
    rejectedOffset: ctx.allocateScratch(ctx.tokens),
  }),
  metrics: [
    { name: 'entrocraftTarget', kind: 'word' },
    { name: 'entrocraftRejectFrac', kind: 'word' },
  ],
});
