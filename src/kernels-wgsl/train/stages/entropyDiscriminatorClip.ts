// Entropy-discriminator clipping as a GPU stage (entropyDiscriminatorClip.wgsl; CPU:
// src/sim/interventions/entropyDiscriminatorClip.ts).
import { RANK_SNAP, THRESHOLD_TIE, type EntropyDiscriminatorClipParams } from '../../../sim/interventions/entropyDiscriminatorClip';
import { StructLayout } from '../../structLayout';
import { scaleFreeSignal } from '../fieldModel';
import { defineStage } from './types';

/** q as four base-2^12 digits after the point (the kernel's exact rank (m − 1)·q) and its whole part. */
function quantileDigits(q: number): Record<'quantileWhole' | 'quantileDigits0' | 'quantileDigits1', number> {
  const whole = Math.floor(q);
  // Exact in float64: a power-of-two scaling, then the floor drops bits below 2^-48.
  const fixed = Math.floor((q - whole) * 2 ** 48);
  const high = Math.floor(fixed / 2 ** 24);
  const low = fixed - high * 2 ** 24;
  return { quantileWhole: whole, quantileDigits0: high, quantileDigits1: low };
}

export const stage = defineStage<EntropyDiscriminatorClipParams>({
  id: 'entropyDiscriminatorClip',
  fields: { quantile: scaleFreeSignal('entropyDiscriminatorClip') },
  single: true,
  hooks: ['selectTokens', 'tokenWeight', 'writeMetrics'],
  params: new StructLayout('EntropyDiscriminatorClipParams', [
    /** 1 when q > 0 (a subnormal q is 0 in f32 but still drops on the CPU). */
    ['drops', 'u32'],
    ['quantileWhole', 'u32'],
    /** The first and last 24 of q's 48 fraction bits. */
    ['quantileDigits0', 'u32'],
    ['quantileDigits1', 'u32'],
    ['rankSnap', 'f32'],
    ['thresholdTie', 'f32'],
    ['changeOffset', 'u32'],
    ['weightOffset', 'u32'],
    ['metricOffset', 'u32'],
  ] as const),
  paramValues: ([iv], ctx) => ({
    drops: iv.quantile > 0 ? 1 : 0,
    ...quantileDigits(iv.quantile),
    rankSnap: RANK_SNAP,
    thresholdTie: THRESHOLD_TIE,
    changeOffset: ctx.allocateScratch(ctx.tokens),
    weightOffset: ctx.allocateScratch(ctx.tokens),
  }),
  metrics: [
    { name: 'discriminatorDropFrac', kind: 'word' },
    { name: 'discriminatorThreshold', kind: 'word' },
  ],
});
