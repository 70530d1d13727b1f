// BAPO's adaptive clip bounds as a GPU stage (bapo.wgsl; CPU: src/sim/interventions/bapo.ts).
import type { ExperimentConfig } from '../../../sim/config';
import { BAPO_SHARE_SLACK, type BapoParams } from '../../../sim/interventions/bapo';
import { StructLayout } from '../../structLayout';
import { clipBound, type FieldRule } from '../fieldModel';
import { defineStage } from './types';

/** Adjustments one bound may make per epoch on the GPU (the bisection needs their count). */
const MAX_ADJUSTMENTS = 1 << 16;

/** How many times bapo.ts widens a bound from `start` to `max` by min(x + δ, max); past the cap, MAX_ADJUSTMENTS + 1. */
function adjustments(start: number, max: number, step: number): number {
  let n = 0;
  for (let x = start; x < max && n <= MAX_ADJUSTMENTS; n++) x = Math.min(x + step, max);
  return n;
}

const step: FieldRule = (value, config: ExperimentConfig) => {
  const long = config.interventions.some((iv) => iv.type === 'bapo' && Math.max(adjustments(iv.lowerStart, iv.lowerMax, iv.step), adjustments(iv.upperStart, iv.upperMax, iv.step)) > MAX_ADJUSTMENTS);
  return long ? `bapo.step = ${value} moves a bound in more than ${MAX_ADJUSTMENTS} adjustments per epoch; the GPU takes at most that many` : undefined;
};

/** clipBound's rule on the clip ε a bound implies (ε = eps(value)). */
function impliedClip(path: string, eps: (value: number) => number): FieldRule {
  const rule = clipBound(path) as Exclude<FieldRule, true>;
  return (value, config) => rule(eps(value as number), config);
}

export const stage = defineStage<BapoParams>({
  id: 'bapo',
  fields: {
    targetShare: true,
    lowerStart: true,
    // The smallest clip ε the bounds reach: 1 − b− (low) and a+ − 1 (high).
    lowerMax: impliedClip('the clip bound 1 − bapo.lowerMax', (v) => 1 - v),
    upperStart: impliedClip('the clip bound bapo.upperStart − 1', (v) => v - 1),
    upperMax: true,
    step,
  },
  single: true,
  hooks: ['clipBounds', 'writeMetrics'],
  params: new StructLayout('BapoParams', [
    /** ρ0 less bapo.ts BAPO_SHARE_SLACK: a share from here on reaches ρ0. */
    ['reachedShare', 'f32'],
    ['lowerStart', 'f32'],
    ['lowerMax', 'f32'],
    ['upperStart', 'f32'],
    ['upperMax', 'f32'],
    ['step', 'f32'],
    ['lowerSteps', 'u32'],
    ['upperSteps', 'u32'],
    ['metricOffset', 'u32'],
  ] as const),
  paramValues: ([iv]) => ({
    reachedShare: iv.targetShare - BAPO_SHARE_SLACK,
    lowerStart: iv.lowerStart,
    lowerMax: iv.lowerMax,
    upperStart: iv.upperStart,
    upperMax: iv.upperMax,
    step: iv.step,
    lowerSteps: adjustments(iv.lowerStart, iv.lowerMax, iv.step),
    upperSteps: adjustments(iv.upperStart, iv.upperMax, iv.step),
  }),
  metrics: [
    { name: 'clipBoundLow', kind: 'word' },
    { name: 'clipBoundHigh', kind: 'word' },
    { name: 'bapoPositiveShare', kind: 'word' },
  ],
});
