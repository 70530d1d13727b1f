// Low-probability regularisation (Lp-Reg, arXiv 2510.03222): a proxy q = π with the tokens
// below κ·max π removed (presumed noise) and the rest renormalised; the update adds
// −β∇KL(q‖π), i.e. Δz += ηβ(q − π) (natural u = β(q/π − 1)), computed at every visited state.
// Simplification: the paper applies the forward KL selectively, on sampled low-probability
// tokens the proxy keeps (its "reasoning sparks"); the lab applies it at whole visited states,
// in exact and sampled mode (science.md §4). Found at lab scale (token task, 16 seeds, step
// 100): in this form it prunes the tail and lowers entropy (κ = 0.1, β = 0.5: 0.06 vs GRPO's
// 0.33; κ = 0.02, β = 0.2 barely act). The defaults show that, rather than hide it.
import { z } from 'zod';
import { forwardKlAscent } from '../divergence';
import type { InterventionSpec } from '../types';
import { exp, log, log1p } from '../portableMath';
import { maxOf } from '../arrays';

const schema = z.strictObject({
  type: z.literal('lpReg'),
  threshold: z.number().min(0).max(1).default(0.1).describe('κ: tokens with π < κ·max π are dropped from the proxy'),
  coef: z.number().min(0).finite().default(0.5).describe('β: weight of KL(q‖π)'),
});
export type LpRegParams = z.infer<typeof schema>;

/** log q: the row's log π with tokens below κ·max π set to −∞, renormalised; returns the removed mass. */
export function lowProbabilityProxy(logp: Float64Array, threshold: number, out: Float64Array): number {
  const cut = maxOf(logp) + log(threshold);
  let removed = 0;
  for (let a = 0; a < logp.length; a++) if (logp[a] < cut) removed += exp(logp[a]);
  const logKept = log1p(-removed);
  for (let a = 0; a < logp.length; a++) out[a] = logp[a] < cut ? -Infinity : logp[a] - logKept;
  return removed;
}

export const spec: InterventionSpec<LpRegParams> = {
  id: 'lpReg',
  label: 'Low-probability regularisation (Lp-Reg)',
  explanation:
    'Builds a cleaned-up copy of the policy at each state: tokens far less likely than the favourite (below κ times its probability) are treated as noise and dropped, and the rest are rescaled to sum to one. A KL penalty then pulls the policy toward that copy, which keeps the plausible but unlikely tokens (the paper\u2019s \u201creasoning sparks\u201d) while pushing the noise tokens down. Applied at whole states, as here, the pruning wins: entropy ends lower than without it, the opposite of the paper\u2019s report for its token-selective form.',
  formula: 'q_a = \\frac{\\pi_a\\,[\\pi_a \\ge \\kappa \\max \\pi]}{\\sum_b \\pi_b\\,[\\pi_b \\ge \\kappa \\max \\pi]},\\quad \\Delta z \\mathrel{+}= \\eta\\,\\beta\\,(q - \\pi)',
  citation: { title: 'Low-probability Tokens Sustain Exploration in Reinforcement Learning with Verifiable Reward', arxiv: '2510.03222' },
  stages: ['logit-gradient'],
  modes: ['exact', 'sampled'],
  schema,
  paperValues: {},
  verlNote:
    'Not in verl: lab simplification of Lp-Reg, applied at whole visited states rather than on sampled low-probability tokens.',
  create(p, shape) {
    const proxy = new Float64Array(shape.actions);
    let removedSum = 0;
    let rows = 0;
    return {
      state: {},
      beginStep() {
        removedSum = 0;
        rows = 0;
      },
      naturalDirection(_ctx, _row, _logits, logp, out) {
        removedSum += lowProbabilityProxy(logp, p.threshold, proxy);
        rows++;
        forwardKlAscent(logp, proxy, p.coef, out);
      },
      /** Mean probability mass the proxy removed, over the states it regularised this step. */
      metrics: () => ({ lpRegRemovedMass: rows > 0 ? removedSum / rows : 0 }),
    };
  },
};
