// K-armed bandit (science.md §3.1): Bernoulli or Gaussian rewards, means given or drawn
// from the seed. One row of K logits; A_a = μ_a − J exactly.
import { z } from 'zod';
import { BatchBuilder, drawIndex } from '../batch';
import { normal, RngStream, streamKey, uniform } from '../rng';
import { sampleFromProbs } from '../softmax';
import type { EnvSpec, Environment, ExactEval, RolloutRequest } from '../types';
import { probsTable } from '../policy';

export const rewardKind = z.enum(['bernoulli', 'gaussian']);
export type RewardKind = z.infer<typeof rewardKind>;

const schema = z
  .strictObject({
    type: z.literal('bandit'),
    arms: z.number().int().min(1).max(4096).default(4),
    reward: rewardKind.default('bernoulli'),
    means: z.array(z.number().finite()).optional(),
    sigma: z.number().positive().finite().default(1),
  })
  .superRefine((p, ctx) => {
    if (p.means) checkMeans(p.means, p.arms, p.reward, ['means'], ctx);
  });
export type BanditParams = z.infer<typeof schema>;

export function checkMeans(means: number[], arms: number, reward: RewardKind, path: (string | number)[], ctx: z.RefinementCtx): void {
  if (means.length !== arms) {
    ctx.addIssue({ code: 'custom', path, message: `expected ${arms} means (one per arm), got ${means.length}` });
  }
  if (reward === 'bernoulli') {
    means.forEach((m, i) => {
      if (m < 0 || m > 1) ctx.addIssue({ code: 'custom', path: [...path, i], message: `a Bernoulli mean must lie in [0, 1], got ${m}` });
    });
  }
}

/** Means drawn from the seed: U(0,1) for Bernoulli, N(0,1) for Gaussian. Shared by all runs. */
export function drawMeans(count: number, reward: RewardKind, seed: number, counter: number): number[] {
  const stream = streamKey(0, RngStream.ENV);
  return Array.from({ length: count }, (_, i) =>
    reward === 'bernoulli' ? uniform(seed, stream, counter, i) : normal(seed, stream, counter, i),
  );
}

/** One reward draw for arm mean μ on the run's reward stream. */
export function drawReward(kind: RewardKind, mean: number, sigma: number, seed: number, run: number, step: number, index: number): number {
  const stream = streamKey(run, RngStream.REWARD);
  return kind === 'bernoulli'
    ? uniform(seed, stream, step, index) < mean ? 1 : 0
    : mean + sigma * normal(seed, stream, step, index);
}

export function createBandit(p: BanditParams, seed: number): Environment {
  const k = p.arms;
  const means = Float64Array.from(p.means ?? drawMeans(k, p.reward, seed, 0));
  return {
    type: 'bandit',
    shape: { rows: 1, actions: k },
    groups: 1,
    maxLength: 1,
    initialLogits: () => new Float64Array(k),
    evaluate(logp, probs = probsTable(logp)): ExactEval {
      let j = 0;
      for (let a = 0; a < k; a++) j += probs[a] * means[a];
      return { reward: j, visitation: Float64Array.of(1), metrics: {} };
    },
    advantage(_logp, ev) {
      return means.map((m) => m - ev.reward);
    },
    rollout(req: RolloutRequest) {
      const b = new BatchBuilder(req.groupIds, req.groupSize, 1);
      const sampleStream = streamKey(req.run, RngStream.SAMPLE);
      const probs = req.samplingProbs ?? probsTable(req.samplingLogp);
      for (let j = 0; j < req.groupIds.length * req.groupSize; j++) {
        const idx = drawIndex(j, 0, 1);
        const a = sampleFromProbs(probs, uniform(req.seed, sampleStream, req.step, idx), k);
        b.pushToken(0, a, req.samplingLogp[a]);
        b.endTrajectory(drawReward(p.reward, means[a], p.sigma, req.seed, req.run, req.step, idx));
      }
      return b.finish();
    },
    rowLabel: () => 'bandit',
    actionLabel: (a) => `arm ${a + 1}`,
  };
}

export const spec: EnvSpec<BanditParams> = {
  id: 'bandit',
  label: 'K-armed bandit',
  description: 'One state, K arms with Bernoulli or Gaussian rewards. The simplest place to watch entropy collapse.',
  schema,
  dims: (p) => ({ shape: { rows: 1, actions: p.arms }, groups: 1, maxLength: 1 }),
  create: createBandit,
};
