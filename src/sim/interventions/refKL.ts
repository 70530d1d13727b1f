// Reference divergence with a choice of direction (DPH-RL, "The Choice of Divergence", arXiv
// 2509.07430): a penalty β·D toward the initial policy, with D the reverse KL (mode seeking,
// the usual RLHF term), the forward KL or Jensen–Shannon (mass covering, which the paper finds
// keeps pass@k). The lab applies it at every visited state of the current policy, in exact and
// sampled mode; the paper's generator-function estimator from samples of π_ref is not modelled.
import { z } from 'zod';
import { DIVERGENCES, divergenceAscent, divergenceValue } from '../divergence';
import type { InterventionSpec } from '../types';

const schema = z.strictObject({
  type: z.literal('refKL'),
  divergence: z.enum(DIVERGENCES).default('forward').describe('reverse KL(π‖π_ref), forward KL(π_ref‖π) or Jensen–Shannon'),
  coef: z.number().min(0).finite().default(0.1).describe('β: weight of the divergence penalty'),
});
export type RefKlParams = z.infer<typeof schema>;

export const spec: InterventionSpec<RefKlParams> = {
  id: 'refKL',
  label: 'Reference divergence (DPH-RL)',
  explanation:
    'Penalises how far the policy has drifted from where it started. Reverse KL (the usual choice) only punishes putting mass where the start had little, so the policy may still drop answers it used to give; forward KL and Jensen\u2013Shannon punish dropping mass the start had, so they keep the policy covering the answers it knew, and with them its entropy.',
  formula:
    'J - \\beta\\,D(\\pi,\\pi_{\\text{ref}}),\\quad D \\in \\{\\mathrm{KL}(\\pi\\|\\pi_{\\text{ref}}),\\ \\mathrm{KL}(\\pi_{\\text{ref}}\\|\\pi),\\ \\mathrm{JS}(\\pi,\\pi_{\\text{ref}})\\}',
  citation: { title: 'The Choice of Divergence: A Neglected Key to Mitigating Diversity Collapse in Reinforcement Learning with Verifiable Reward', arxiv: '2509.07430' },
  stages: ['logit-gradient'],
  modes: ['exact', 'sampled'],
  schema,
  paperValues: {},
  verlNote:
    'Lab simplification: verl’s use_kl_loss adds kl_loss_coef times a sampled estimator chosen by kl_loss_type (low_var_kl has the forward KL’s gradient in expectation, k2/mse the reverse KL’s); the lab applies each divergence’s exact gradient at the visited states.',
  verlKeys: { coef: 'actor_rollout_ref.actor.kl_loss_coef', divergence: 'actor_rollout_ref.actor.kl_loss_type' },
  create(p, shape) {
    const k = shape.actions;
    let divergenceSum = 0;
    let rows = 0;
    return {
      state: {},
      beginStep() {
        divergenceSum = 0;
        rows = 0;
      },
      naturalDirection(ctx, row, _logits, logp, out) {
        const refLogp = ctx.refLogp.subarray(row * k, (row + 1) * k);
        divergenceSum += divergenceValue(p.divergence, logp, refLogp);
        rows++;
        divergenceAscent(p.divergence, logp, refLogp, p.coef, out);
      },
      /** Mean D(π, π_ref) over the states it regularised this step (every inner epoch). */
      metrics: () => ({ refDivergence: rows > 0 ? divergenceSum / rows : 0 }),
    };
  },
};
