// AEPO (Arbitrary Entropy Policy Optimization, arXiv 2510.08141): a REINFORCE regulariser
// toward the temperature-adjusted policy q = softmax(z/T), with T = T_high > 1 while entropy is
// below the target and T = T_low < 1 above it. The paper samples from q and adds REINFORCE on
// those samples; the lab uses its expectation, Δz += ηλ(q − π) (natural u = λ(q/π − 1)), in exact
// and sampled mode. T is chosen once per step from the visitation-weighted entropy.
import { z } from 'zod';
import { forwardKlAscent } from '../divergence';
import { logSoftmax } from '../softmax';
import type { InterventionSpec } from '../types';

const schema = z.strictObject({
  type: z.literal('aepo'),
  target: z.number().min(0).finite().default(0.8).describe('H_target in nats'),
  coef: z.number().min(0).finite().default(0.5).describe('λ: weight of the temperature regulariser'),
  tempHigh: z.number().gt(1).finite().default(1.5).describe('T used while H < H_target (> 1 flattens)'),
  tempLow: z.number().gt(0).lt(1).default(0.75).describe('T used while H ≥ H_target (< 1 sharpens)'),
});
export type AepoParams = z.infer<typeof schema>;

export const spec: InterventionSpec<AepoParams> = {
  id: 'aepo',
  label: 'Temperature regulariser (AEPO)',
  explanation:
    'Adds a second pull on the policy, toward a copy of itself at another temperature: a flatter copy (T > 1) while entropy is below the target, a sharper one (T < 1) while it is above. The pull switches direction around the target, so entropy is held in a band there instead of collapsing, without an entropy term in the objective.',
  formula: 'q = \\mathrm{softmax}(z/T),\\ T = \\begin{cases} T_{\\text{high}} > 1 & H < H_{\\text{target}} \\\\ T_{\\text{low}} < 1 & \\text{otherwise}\\end{cases},\\quad \\Delta z \\mathrel{+}= \\eta\\,\\lambda\\,(q - \\pi)',
  citation: { title: 'Arbitrary Entropy Policy Optimization: Entropy Is Controllable in Reinforcement Fine-tuning', arxiv: '2510.08141' },
  stages: ['schedule', 'logit-gradient'],
  modes: ['exact', 'sampled'],
  schema,
  paperValues: {},
  verlNote:
    'Not in verl: the expectation of AEPO’s REINFORCE regulariser, Δz += ηλ(q − π).',
  create(p, shape) {
    const scaled = new Float64Array(shape.actions);
    const target = new Float64Array(shape.actions);
    let temperature = 1;
    return {
      state: {},
      beginStep(ctx) {
        temperature = ctx.entropy < p.target ? p.tempHigh : p.tempLow;
      },
      naturalDirection(_ctx, _row, logits, logp, out) {
        for (let a = 0; a < logits.length; a++) scaled[a] = logits[a] / temperature;
        logSoftmax(scaled, target);
        forwardKlAscent(logp, target, p.coef, out);
      },
      metrics: () => ({ aepoTemperature: temperature }),
    };
  },
};
