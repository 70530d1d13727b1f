// Rollout temperature as a GPU stage (rolloutTemperature.wgsl; CPU:
// src/sim/interventions/rolloutTemperature.ts).
import type { RolloutTemperatureParams } from '../../../sim/interventions/rolloutTemperature';
import { StructLayout } from '../../structLayout';
import { defineStage } from './types';

export const stage = defineStage<RolloutTemperatureParams>({
  id: 'rolloutTemperature',
  fields: { temperature: true },
  // The CPU multiplies several temperatures; the schema lets a config hold one (conflictsWith).
  single: true,
  hooks: ['samplingTable'],
  params: new StructLayout('RolloutTemperatureParams', [
    ['temperature', 'f32'],
    ['tableOffset', 'u32'],
  ] as const),
  paramValues: ([iv], ctx) => ({ temperature: iv.temperature, tableOffset: ctx.allocateScratch(ctx.env.shape.rows * ctx.env.shape.actions) }),
  metrics: [{ name: 'rolloutTemperature', kind: 'constant' }],
  constantMetrics: (iv) => ({ rolloutTemperature: iv.temperature }),
});
