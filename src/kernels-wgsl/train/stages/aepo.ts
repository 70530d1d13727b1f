// AEPO as a GPU stage (aepo.wgsl; CPU: src/sim/interventions/aepo.ts).
import type { AepoParams } from '../../../sim/interventions/aepo';
import { StructLayout } from '../../structLayout';
import type { FieldRule } from '../fieldModel';
import { defineStage } from './types';

/**
 * The sharpening temperature the kernel divides float32 logits by: below float32's normal range
 * (5e-324 is 0 there) z/T is NaN on a uniform row, where the CPU's float64 divides fine.
 */
const MIN_GPU_TEMPERATURE = 1e-30;
const gpuTemperature: FieldRule = (t) =>
  (t as number) < MIN_GPU_TEMPERATURE ? `aepo.tempLow = ${String(t)}: the GPU divides float32 logits by it, and a temperature this small is not a float32 number there (use ≥ ${MIN_GPU_TEMPERATURE}, or the CPU)` : undefined;

export const stage = defineStage<AepoParams>({
  id: 'aepo',
  fields: { target: true, coef: true, tempHigh: true, tempLow: gpuTemperature },
  single: true,
  hooks: ['beginStep', 'rowBegin', 'rowDirection', 'writeMetrics'],
  params: new StructLayout('AepoParams', [
    ['targetEntropy', 'f32'],
    ['coef', 'f32'],
    ['tempHigh', 'f32'],
    ['tempLow', 'f32'],
    ['metricOffset', 'u32'],
  ] as const),
  paramValues: ([iv]) => ({ targetEntropy: iv.target, coef: iv.coef, tempHigh: iv.tempHigh, tempLow: iv.tempLow }),
  metrics: [{ name: 'aepoTemperature', kind: 'word' }],
});
