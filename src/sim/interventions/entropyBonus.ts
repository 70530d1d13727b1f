// Entropy bonus: maximise J + β·H. In natural form u = −β(log π + H), so exact PG adds
// η β (−π(log π + H)) and exact NPG adds η β (−(log π + H)) (science.md §4); sampled mode
// adds β∇H at each visited state.
import { z } from 'zod';
import { entropyFromLogProbs } from '../softmax';
import type { InterventionSpec } from '../types';

const schema = z.strictObject({
  type: z.literal('entropyBonus'),
  /** β; negative values minimise entropy instead. */
  coef: z.number().finite().default(0.02),
});
export type EntropyBonusParams = z.infer<typeof schema>;

/** u_a = −β (log π_a + H): the natural-form ascent direction of β·H. */
export function entropyAscent(logp: Float64Array, beta: number, out: Float64Array): void {
  const h = entropyFromLogProbs(logp);
  for (let a = 0; a < logp.length; a++) out[a] = -beta * (logp[a] + h);
}

export const spec: InterventionSpec<EntropyBonusParams> = {
  id: 'entropyBonus',
  label: 'Entropy bonus',
  explanation:
    'Adds β times the policy entropy to the objective, pushing probability from likely actions toward unlikely ones at every visited state. It keeps entropy up, but a β that is too large can make entropy explode instead of holding it.',
  formula: '\\Delta z \\mathrel{+}= \\eta\\,\\beta\\,\\nabla_z H(\\pi) = -\\eta\\,\\beta\\,\\pi\\odot(\\log\\pi + H)',
  citation: { title: 'Soft Actor-Critic: Off-Policy Maximum Entropy Deep Reinforcement Learning with a Stochastic Actor', arxiv: '1801.01290', note: 'classic maximum-entropy RL' },
  stages: ['logit-gradient'],
  modes: ['exact', 'sampled'],
  schema,
  // SAC tunes its temperature (see adaptiveEntropy) and states no fixed β to copy here.
  paperValues: {},
  verlNote:
    'As in verl: actor.entropy_coeff subtracts β times the token entropy, aggregated by loss_agg_mode as the lab weights it, from the loss (verl’s default β is 0).',
  verlKeys: { coef: 'actor_rollout_ref.actor.entropy_coeff' },
  create(p) {
    return {
      state: {},
      naturalDirection(_ctx, _row, _logits, logp, out) {
        entropyAscent(logp, p.coef, out);
      },
      metrics: () => ({ entropyCoef: p.coef }),
    };
  },
};
