// Contextual bandit (science.md §3.2): C contexts, each with its own row of K logits and its
// own arm means. A step rolls out G samples for each chosen context (a "prompt").
import { z } from 'zod';
import { BatchBuilder, drawIndex } from '../batch';
import { RngStream, streamKey, uniform } from '../rng';
import { sampleFromProbs } from '../softmax';
import type { EnvSpec, Environment, ExactEval, RolloutRequest } from '../types';
import { checkMeans, drawMeans, drawReward, rewardKind } from './bandit';
import { exp } from '../portableMath';
import { probsTable } from '../policy';

const schema = z
  .strictObject({
    type: z.literal('contextual'),
    contexts: z.number().int().min(1).max(4096).default(4),
    arms: z.number().int().min(1).max(1024).default(4),
    reward: rewardKind.default('bernoulli'),
    means: z.array(z.array(z.number().finite())).optional(),
    sigma: z.number().positive().finite().default(1),
  })
  .superRefine((p, ctx) => {
    if (!p.means) return;
    if (p.means.length !== p.contexts) {
      ctx.addIssue({ code: 'custom', path: ['means'], message: `expected ${p.contexts} rows of means (one per context), got ${p.means.length}` });
    }
    p.means.forEach((row, c) => checkMeans(row, p.arms, p.reward, ['means', c], ctx));
  });
export type ContextualParams = z.infer<typeof schema>;

function createContextual(p: ContextualParams, seed: number): Environment {
  const { contexts: c, arms: k } = p;
  const means = Float64Array.from(p.means ? p.means.flat() : drawMeans(c * k, p.reward, seed, 1));
  return {
    type: 'contextual',
    shape: { rows: c, actions: k },
    groups: c,
    maxLength: 1,
    initialLogits: () => new Float64Array(c * k),
    evaluate(logp, probs = probsTable(logp)): ExactEval {
      const perContext = new Float64Array(c);
      let total = 0;
      for (let s = 0; s < c; s++) {
        for (let a = 0; a < k; a++) perContext[s] += probs[s * k + a] * means[s * k + a];
        total += perContext[s];
      }
      return { reward: total / c, visitation: new Float64Array(c).fill(1), metrics: {} };
    },
    advantage(logp) {
      const adv = new Float64Array(c * k);
      for (let s = 0; s < c; s++) {
        let v = 0;
        for (let a = 0; a < k; a++) v += exp(logp[s * k + a]) * means[s * k + a];
        for (let a = 0; a < k; a++) adv[s * k + a] = means[s * k + a] - v;
      }
      return adv;
    },
    rollout(req: RolloutRequest) {
      const b = new BatchBuilder(req.groupIds, req.groupSize, 1);
      const sampleStream = streamKey(req.run, RngStream.SAMPLE);
      const probs = req.samplingProbs ?? probsTable(req.samplingLogp);
      for (let g = 0; g < req.groupIds.length; g++) {
        const s = req.groupIds[g];
        const rowLogp = req.samplingLogp.subarray(s * k, (s + 1) * k);
        for (let i = 0; i < req.groupSize; i++) {
          const idx = drawIndex(g * req.groupSize + i, 0, 1);
          const a = sampleFromProbs(probs, uniform(req.seed, sampleStream, req.step, idx), k, s * k);
          b.pushToken(s, a, rowLogp[a]);
          b.endTrajectory(drawReward(p.reward, means[s * k + a], p.sigma, req.seed, req.run, req.step, idx));
        }
      }
      return b.finish();
    },
    rowLabel: (row) => `context ${row + 1}`,
    actionLabel: (a) => `arm ${a + 1}`,
  };
}

export const spec: EnvSpec<ContextualParams> = {
  id: 'contextual',
  label: 'Contextual bandit',
  description: 'C contexts, each its own bandit. Steps roll out G samples per chosen context, like prompts in a batch.',
  schema,
  dims: (p) => ({ shape: { rows: p.contexts, actions: p.arms }, groups: p.contexts, maxLength: 1 }),
  create: createContextual,
};
