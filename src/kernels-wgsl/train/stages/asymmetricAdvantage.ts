// Asymmetric advantages as a GPU stage (asymmetricAdvantage.wgsl; CPU:
// src/sim/interventions/asymmetricAdvantage.ts).
import type { AsymmetricAdvantageParams } from '../../../sim/interventions/asymmetricAdvantage';
import { StructLayout } from '../../structLayout';
import type { FieldRule } from '../fieldModel';
import { isMdpConfig } from '../mdp';
import { defineStage } from './types';

/**
 * On an MDP with several epochs the GPU's update drifts from the CPU's by ~1e-6 a step (PPO,
 * 4×3 gridworld with a step cost; Dr. GRPO and one epoch agree), more than float32 rounding
 * explains and not yet understood, so that combination stays on the CPU.
 */
const scaleOnGpu: FieldRule = (_value, config) =>
  config.algorithm.epochs > 1 && isMdpConfig(config)
    ? 'asymmetricAdvantage with several epochs on an MDP is not on the GPU yet (its update drifts from the CPU beyond float32 rounding)'
    : undefined;

export const stage = defineStage<AsymmetricAdvantageParams>({
  id: 'asymmetricAdvantage',
  fields: { positiveScale: scaleOnGpu, negativeScale: true },
  single: true,
  hooks: ['transformAdvantages', 'writeMetrics'],
  params: new StructLayout('AsymmetricAdvantageParams', [
    ['positiveScale', 'f32'],
    ['negativeScale', 'f32'],
    ['metricOffset', 'u32'],
  ] as const),
  paramValues: ([iv]) => ({ positiveScale: iv.positiveScale, negativeScale: iv.negativeScale }),
  metrics: [
    { name: 'asymPositiveFrac', kind: 'word' },
    { name: 'asymNegativeFrac', kind: 'word' },
  ],
});
