// SIREN (selective entropy regularisation, "Rethinking Entropy Regularization in Large
// Reasoning Models", arXiv 2509.25133): an entropy term over the top-p nucleus of each state
// (renormalised), only at the states of highest entropy (a top fraction), in anchored form:
// the objective is −(β/2)(H_p − H_anchor)², which pulls the nucleus entropy toward the anchor
// from either side instead of maximising it. Choices here: states are ranked by their full
// entropy among the states the current policy visits (the paper ranks the batch's tokens), and
// both rankings (states by entropy, tokens by log π) are on a 2^-12 grid (rankKey); the anchor,
// unless given, is the masked nucleus entropy of the initial policy (step 0).
import { z } from 'zod';
import { weightedMean } from '../policy';
import type { InterventionSpec } from '../types';
import { exp, log } from '../portableMath';

const schema = z.strictObject({
  type: z.literal('siren'),
  topP: z.number().gt(0).max(1).default(0.9).describe('p: nucleus mass kept per state'),
  topFraction: z.number().min(0).max(1).default(0.5).describe('fraction of visited states, highest entropy first, that are regularised'),
  coef: z.number().min(0).finite().default(0.5).describe('β: weight of the anchored penalty'),
  anchor: z.number().min(0).finite().optional().describe('H_anchor in nats; default: the initial policy\u2019s masked nucleus entropy'),
});
export type SirenParams = z.infer<typeof schema>;

/**
 * A value on a 2^-12 grid, the order SIREN ranks by (states by entropy, tokens by log π):
 * values equal but for rounding (rows that permute the same logits, tokens whose logits got the
 * same updates summed in another order) tie and keep index order, in float64 and in the GPU's
 * float32 alike, rather than be ordered by rounding noise.
 */
export function rankKey(x: number): number {
  return Math.floor(x * 4096 + 0.5);
}

/**
 * The nucleus of a row: the fewest most-likely tokens (by rankKey of log π, ties to the lower
 * index) holding ≥ p of the mass. Writes log q (renormalised on the nucleus, −∞ outside) and
 * returns its entropy H_p and mass Z.
 */
export function nucleus(logp: Float64Array, topP: number, logq: Float64Array): { entropy: number; mass: number } {
  const order = Array.from(logp.keys()).sort((a, b) => rankKey(logp[b]) - rankKey(logp[a]) || a - b);
  logq.fill(-Infinity);
  let mass = 0;
  for (const a of order) {
    if (mass >= topP) break;
    mass += exp(logp[a]);
    logq[a] = logp[a];
  }
  const logMass = log(mass);
  let entropy = 0;
  for (let a = 0; a < logp.length; a++) {
    if (logq[a] === -Infinity) continue;
    logq[a] -= logMass;
    entropy -= exp(logq[a]) * logq[a];
  }
  return { entropy, mass };
}

/**
 * A state counts as visited above this d(s): below it float32 (the GPU) cannot tell a reached
 * state from an unreached one, and such a state never carries weight anyway.
 */
export const SIREN_MIN_VISITATION = 1e-30;

/** States regularised among `visited` ones: ceil(ρ·visited). */
export function maskedCount(fraction: number, visited: number): number {
  return Math.ceil(fraction * visited);
}

/** Rows to regularise: the top fraction of visited rows by entropy (1 = selected). */
function peakEntropyMask(rowEntropy: Float64Array, visitation: Float64Array, fraction: number): Uint8Array {
  const visited = Array.from(visitation.keys()).filter((s) => visitation[s] > SIREN_MIN_VISITATION);
  visited.sort((a, b) => rankKey(rowEntropy[b]) - rankKey(rowEntropy[a]) || a - b);
  const mask = new Uint8Array(visitation.length);
  for (const s of visited.slice(0, maskedCount(fraction, visited.length))) mask[s] = 1;
  return mask;
}

export const spec: InterventionSpec<SirenParams> = {
  id: 'siren',
  label: 'Selective entropy (SIREN)',
  explanation:
    'A gentler entropy regulariser. It only looks at the plausible tokens of each state (the top-p nucleus, renormalised), only at the most uncertain states (the top fraction by entropy), and instead of pushing entropy up without limit it pulls that nucleus entropy back toward an anchor value. It so resists collapse where exploration matters without the runaway growth of a plain entropy bonus.',
  formula:
    'J - \\tfrac{\\beta}{2}\\sum_{s\\,\\in\\,\\text{top-}\\rho\\ \\text{by}\\ H(s)} \\big(H_p(s) - H_{\\text{anchor}}\\big)^2,\\quad H_p(s) = H\\Big(\\tfrac{\\pi(\\cdot|s)\\,[\\cdot\\,\\in\\,\\text{top-}p]}{\\pi(\\text{top-}p|s)}\\Big)',
  citation: { title: 'Rethinking Entropy Regularization in Large Reasoning Models', arxiv: '2509.25133' },
  stages: ['schedule', 'logit-gradient'],
  modes: ['exact', 'sampled'],
  schema,
  paperValues: {},
  verlNote:
    'Not in verl: the lab’s reading of SIREN, ranking states rather than the batch’s tokens.',
  create(p, shape) {
    const k = shape.actions;
    const logq = new Float64Array(k);
    const state = { anchor: p.anchor ?? 0, anchored: p.anchor === undefined ? 0 : 1 };
    let mask: Uint8Array = new Uint8Array(shape.rows);
    let maskFrac = 0;
    return {
      state,
      beginStep(ctx) {
        mask = peakEntropyMask(ctx.rowEntropy, ctx.visitation, p.topFraction);
        const visited = ctx.visitation.filter((d) => d > SIREN_MIN_VISITATION).length;
        maskFrac = visited > 0 ? mask.reduce((s, m) => s + m, 0) / visited : 0;
        if (state.anchored) return;
        const h = Array.from(mask, (m, s) => (m ? nucleus(ctx.logp.subarray(s * k, (s + 1) * k), p.topP, logq).entropy : 0));
        state.anchor = weightedMean(h, Array.from(mask, (m, s) => m * ctx.visitation[s]));
        state.anchored = 1;
      },
      naturalDirection(_ctx, row, _logits, logp, out) {
        out.fill(0);
        if (!mask[row]) return;
        const { entropy, mass } = nucleus(logp, p.topP, logq);
        // ∇_z H_p = −q(log q + H_p) on the nucleus (0 outside); natural form divides by π = Z·q.
        const scale = p.coef * (entropy - state.anchor) / mass;
        for (let a = 0; a < k; a++) if (logq[a] !== -Infinity) out[a] = scale * (logq[a] + entropy);
      },
      metrics: () => ({ sirenMaskFrac: maskFrac, sirenAnchor: state.anchor }),
    };
  },
};
