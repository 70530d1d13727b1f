// The reference divergence (DPH-RL) as a GPU stage (refKL.wgsl; CPU: src/sim/interventions/refKL.ts).
import { DIVERGENCES } from '../../../sim/divergence';
import { algorithmOf } from '../../../sim/experiment';
import type { RefKlParams } from '../../../sim/interventions/refKL';
import { StructLayout } from '../../structLayout';
import type { FieldRule } from '../fieldModel';
import { defineStage } from './types';

/**
 * The forward KL's natural direction β(π_ref/π − 1) is the gradient over π: float32 rounding
 * of a small probability (a few ulp of log π) grows with π_ref/π into the whole step (sampled
 * NPG, lr 1.76, 2 epochs: the covariance 1.4e-5 apart at step 1). The vanilla step π ⊙ u =
 * β(π_ref − π) has no such division.
 */
const divergence: FieldRule = (value, config) =>
  value === 'forward' && algorithmOf(config).geometry === 'natural'
    ? 'refKL.divergence forward with a natural-gradient algorithm: its step β(π_ref/π − 1) divides by π, which magnifies float32 rounding of small probabilities on the GPU (use reverse or js, or the CPU)'
    : undefined;

export const stage = defineStage<RefKlParams>({
  id: 'refKL',
  fields: { divergence, coef: true },
  single: true,
  hooks: ['rowBegin', 'rowDirection', 'afterEpochs', 'writeMetrics'],
  params: new StructLayout('RefKLParams', [
    ['coef', 'f32'],
    /** Index in DIVERGENCES: 0 reverse, 1 forward, 2 Jensen–Shannon (refKL.wgsl's constants). */
    ['divergence', 'u32'],
    ['metricOffset', 'u32'],
  ] as const),
  paramValues: ([iv]) => ({ coef: iv.coef, divergence: DIVERGENCES.indexOf(iv.divergence) }),
  metrics: [{ name: 'refDivergence', kind: 'word' }],
});
