// The token task's exact expected reward, visitation and visitation-weighted entropy against
// brute-force enumeration of all V^L answers and against Monte-Carlo estimates from its own
// sampler, with and without shared suffix rows.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS } from '../../../src/sim/envs';
import { logSoftmaxTable, rowEntropies, weightedMean } from '../../../src/sim/policy';
import { uniform } from '../../../src/sim/rng';
import type { TokenEnvironment } from '../../../src/sim/envs/tokens';
import type { EnvSpec } from '../../../src/sim/types';

const G = 3000;

function meanAndSe(xs: number[]): { mean: number; se: number } {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
  return { mean: m, se: Math.sqrt(v / xs.length) };
}

for (const sharedSuffix of [false, true]) {
  describe(`tokens (sharedSuffix: ${sharedSuffix})`, () => {
    const spec = ENVIRONMENTS.find((s) => s.id === 'tokens') as EnvSpec;
    const env = spec.create(spec.schema.parse({ type: 'tokens', prompts: 4, vocab: 4, length: 3, answers: 2, zipf: 1, hardness: 0.5, passK: 4, sharedSuffix }), 1);
    const n = env.shape.rows * env.shape.actions;
    // A perturbed pretrained policy, so answers are neither certain nor hopeless.
    const z = Float64Array.from(env.initialLogits(), (x, i) => x + (uniform(2, 77, 0, i) - 0.5));
    expect(z.length).toBe(n);
    const logp = logSoftmaxTable(z, env.shape);
    const ev = env.evaluate(logp);
    const batch = env.rollout({ samplingLogp: logp, groupIds: Int32Array.from({ length: env.groups }, (_, g) => g), groupSize: G, seed: 5, run: 0, step: 0 });
    const trajectories = env.groups * G;

    it('exact J, visitation and entropy agree with enumeration of every answer', () => {
      const tokenEnv = env as TokenEnvironment;
      const { vocab: V, length: L } = tokenEnv.params;
      const rowH = (row: number) => -Array.from({ length: V }, (_, a) => logp[row * V + a]).reduce((h, lp) => h + Math.exp(lp) * lp, 0);
      const visits = new Float64Array(env.shape.rows);
      let reward = 0;
      let entropySum = 0;
      for (let q = 0; q < env.groups; q++) {
        for (let code = 0; code < V ** L; code++) {
          const seq = Array.from({ length: L }, (_, t) => Math.floor(code / V ** (L - 1 - t)) % V);
          const rowsOf = seq.map((_, t) => tokenEnv.rowIndex(q, t, t > 0 ? seq[t - 1] : 0));
          const prob = Math.exp(seq.reduce((s, tok, t) => s + logp[rowsOf[t] * V + tok], 0));
          const j = tokenEnv.answers[q].findIndex((ans) => ans.every((tok, t) => tok === seq[t]));
          if (j >= 0) reward += prob * tokenEnv.answerReward(q, j);
          for (const r of rowsOf) {
            visits[r] += prob;
            entropySum += prob * rowH(r);
          }
        }
      }
      expect(ev.reward).toBeCloseTo(reward / env.groups, 12);
      visits.forEach((v, s) => expect(ev.visitation[s]).toBeCloseTo(v, 12));
      expect(weightedMean(rowEntropies(logp, env.shape), ev.visitation)).toBeCloseTo(entropySum / (env.groups * L), 12);
    });

    it('exact J agrees with the mean sampled reward (within 4 SE)', () => {
      const { mean, se } = meanAndSe(Array.from(batch.reward));
      expect(ev.reward).toBeGreaterThan(0.05);
      expect(Math.abs(mean - ev.reward)).toBeLessThan(4 * se);
    });

    it('visitation-weighted entropy agrees with the entropy of sampled tokens\u2019 rows (within 4 SE)', () => {
      const rowH = rowEntropies(logp, env.shape);
      const exact = weightedMean(rowH, ev.visitation);
      // Per trajectory mean row entropy: trajectories are independent and all of length L.
      const perTrajectory = Array.from({ length: trajectories }, (_, j) => {
        let h = 0;
        for (let t = batch.tokenOffset[j]; t < batch.tokenOffset[j + 1]; t++) h += rowH[batch.row[t]];
        return h / (batch.tokenOffset[j + 1] - batch.tokenOffset[j]);
      });
      const { mean, se } = meanAndSe(perTrajectory);
      expect(Math.abs(mean - exact)).toBeLessThan(4 * se);
    });

    it('visitation agrees with sampled row visit counts; pass@1 with the sampled accuracy', () => {
      const counts = new Float64Array(env.shape.rows);
      for (let t = 0; t < batch.row.length; t++) counts[batch.row[t]] += 1 / G;
      for (let s = 0; s < env.shape.rows; s++) {
        // Visits of a row per group-episode: a sum over groups of Bernoulli-like counts.
        const se = Math.sqrt(Math.max(ev.visitation[s], 1e-3) / G);
        expect(Math.abs(counts[s] - ev.visitation[s])).toBeLessThan(5 * se);
      }
      const acc = meanAndSe(Array.from(batch.correct));
      expect(Math.abs(acc.mean - ev.metrics.passAt1)).toBeLessThan(4 * acc.se);
    });
  });
}
