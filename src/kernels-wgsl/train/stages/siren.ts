// SIREN as a GPU stage (siren.wgsl; CPU: src/sim/interventions/siren.ts). The anchor is the
// stage's state: set at the first step unless given, then kept across steps and checkpoints.
import { maskedCount, SIREN_MIN_VISITATION, type SirenParams } from '../../../sim/interventions/siren';
import { createEnvironment } from '../../../sim/experiment';
import { initialLogits } from '../../../sim/policy';
import { logSoftmax } from '../../../sim/softmax';
import { exp } from '../../../sim/portableMath';
import type { ExperimentConfig } from '../../../sim/config';
import { StructLayout } from '../../structLayout';
import type { FieldRule } from '../fieldModel';
import { defineStage } from './types';

/** How close a nucleus may end to p before float32's sum of its mass cannot decide it. */
const NUCLEUS_TIE = 1e-5;
const MAX_GPU_TOP_P = 1 - 1e-4;

/** The first row of the (shared) initial policy where the sorted mass after some tokens is p up to rounding, or -1. */
function initialNucleusTie(topP: number, config: ExperimentConfig): number {
  // Random initial logits differ per run and are generic: no structured ties.
  if (config.policy.init.type === 'random') return -1;
  const env = createEnvironment(config);
  const { rows, actions } = env.shape;
  const z = initialLogits(config.policy.init, env.shape, () => env.initialLogits(), config.seed, 0);
  const row = new Float64Array(actions);
  for (let s = 0; s < rows; s++) {
    const probs = Array.from(logSoftmax(z, row, s * actions, actions), (lp) => exp(lp)).sort((a, b) => b - a);
    let mass = 0;
    for (const p of probs.slice(0, -1)) {
      mass += p;
      if (Math.abs(mass - topP) < NUCLEUS_TIE) return s;
    }
  }
  return -1;
}

/**
 * A nucleus whose mass reaches p exactly (a uniform row of K actions and p = j/K, say) is
 * decided by rounding, differently in float32 and float64; so is one that keeps all but a
 * tail of mass float32 cannot resolve (p near 1). Every row still at its initial logits keeps
 * them bit for bit on both backends, so those are the rows checked.
 */
const topPRule: FieldRule = (value, config) => {
  const p = value as number;
  if (p > MAX_GPU_TOP_P) return `siren.topP = ${p}: a nucleus this close to the whole row ends at tail tokens float32 cannot resolve on the GPU (use ≤ ${MAX_GPU_TOP_P}, or the CPU)`;
  const s = initialNucleusTie(p, config);
  return s < 0 ? undefined : `siren.topP = ${p}: row ${s} of the initial policy reaches p exactly, so whether its nucleus takes one more token is float32 rounding on the GPU (use another topP, or the CPU)`;
};

export const stage = defineStage<SirenParams>({
  id: 'siren',
  // The anchor enters through the state the host starts from the CPU's create(…).state.
  fields: { topP: topPRule, topFraction: true, coef: true, anchor: true },
  single: true,
  hooks: ['beginStep', 'rowBegin', 'rowDirection', 'writeMetrics'],
  params: new StructLayout('SirenParams', [
    ['topP', 'f32'],
    ['coef', 'f32'],
    ['minVisitation', 'f32'],
    ['maskOffset', 'u32'],
    ['countsOffset', 'u32'],
    ['stateOffset', 'u32'],
    ['metricOffset', 'u32'],
  ] as const),
  paramValues: ([iv], ctx) => ({
    topP: iv.topP,
    coef: iv.coef,
    minVisitation: SIREN_MIN_VISITATION,
    maskOffset: ctx.allocateScratch(ctx.env.shape.rows),
    // ceil(ρ·V) for every visited count V, in float64 as siren.ts computes it.
    countsOffset: ctx.appendTable(Array.from({ length: ctx.env.shape.rows + 1 }, (_, v) => maskedCount(iv.topFraction, v))),
  }),
  metrics: [
    { name: 'sirenMaskFrac', kind: 'word' },
    { name: 'sirenAnchor', kind: 'word' },
  ],
  state: ['anchor', 'anchored'],
});
