// Asymmetric advantages: Â → λ+·Â for Â > 0 and λ−·Â for Â < 0 (Weighted-REINFORCE, arXiv
// 2506.01347; A-GRAE, arXiv 2602.05548). Penalising sampled failures spreads their probability
// over the other tokens (entropy up); rewarding sampled successes concentrates it (entropy
// down); so λ+ < λ− slows the collapse. λ+ = λ− = 1 is the unchanged baseline. Found at lab
// scale (token task, 16 seeds): λ+ = 0.5 gives entropy 0.45 vs GRPO's 0.33 at step 100, the same
// plateau by step 300; the paper's λ+ = 0.1 still holds 0.46 at step 300 but reward drops to 0.33.
import { z } from 'zod';
import type { InterventionSpec } from '../types';

const schema = z.strictObject({
  type: z.literal('asymmetricAdvantage'),
  positiveScale: z.number().min(0).finite().default(0.5).describe('λ+: multiplies positive advantages'),
  negativeScale: z.number().min(0).finite().default(1).describe('λ−: multiplies negative advantages'),
});
export type AsymmetricAdvantageParams = z.infer<typeof schema>;

export const spec: InterventionSpec<AsymmetricAdvantageParams> = {
  id: 'asymmetricAdvantage',
  label: 'Asymmetric advantages',
  explanation:
    'Splits the learning signal into its two halves: pushing up samples that succeeded and pushing down samples that failed. Rewarding a sampled success concentrates probability on what the policy already does, lowering entropy; penalising a sampled failure spreads its probability over the alternatives, keeping entropy up. Scaling the positive half down (λ+ < λ−) keeps more exploration; λ+ = λ− = 1 is the ordinary update.',
  formula: '\\hat A_i \\leftarrow \\begin{cases} \\lambda_+ \\hat A_i & \\hat A_i > 0 \\\\ \\lambda_- \\hat A_i & \\hat A_i < 0 \\end{cases}',
  citation: {
    title: 'The Surprising Effectiveness of Negative Reinforcement in LLM Reasoning',
    arxiv: '2506.01347',
    note: 'Weighted-REINFORCE (λ+ = 0.1, λ− = 1); see also A-GRAE, "Unveiling Implicit Advantage Symmetry: Why GRPO Struggles with Exploration and Difficulty Adaptation" (arXiv 2602.05548)',
  },
  stages: ['advantage'],
  modes: ['sampled'],
  schema,
  paperValues: { positiveScale: 0.1, negativeScale: 1 },
  verlNote:
    'Not in verl: a scaling of the advantages before the policy loss.',
  create(p) {
    let positive = 0;
    let negative = 0;
    return {
      state: {},
      transformAdvantages(_ctx, tokens) {
        positive = 0;
        negative = 0;
        const adv = tokens.advantage;
        for (let i = 0; i < adv.length; i++) {
          if (adv[i] > 0) {
            adv[i] *= p.positiveScale;
            positive++;
          } else if (adv[i] < 0) {
            adv[i] *= p.negativeScale;
            negative++;
          }
        }
        const n = Math.max(1, adv.length);
        positive /= n;
        negative /= n;
      },
      metrics: () => ({ asymPositiveFrac: positive, asymNegativeFrac: negative }),
    };
  },
};
