// The token tree: its path probabilities are the products of its token probabilities, its
// answers' path probabilities match the environment's exact answer probabilities, and the beam
// finds the likeliest sequence (checked against enumerating every sequence of a small task).
import { describe, expect, it } from 'vitest';
import { tokenTree } from '../../src/app/worker/tokenTree';
import { parseConfig } from '../../src/sim/config';
import { isTokenEnvironment } from '../../src/sim/envs/tokens';
import { createEnvironment } from '../../src/sim/experiment';
import { logSoftmaxTable } from '../../src/sim/policy';

function tokenEnv(sharedSuffix: boolean) {
  const parsed = parseConfig({ version: 1, env: { type: 'tokens', prompts: 3, vocab: 4, length: 3, sharedSuffix, answerRewards: [0.5, 1] }, algorithm: { type: 'grpo', mode: 'sampled', lr: 1, groupSize: 4 } });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const env = createEnvironment(parsed.config);
  if (!isTokenEnvironment(env)) throw new Error('not the token task');
  return { env, logp: logSoftmaxTable(env.initialLogits(), env.shape) };
}

describe('token tree', () => {
  for (const shared of [false, true]) {
    it(`matches exact answer probabilities and the likeliest sequence (sharedSuffix ${shared})`, () => {
      const { env, logp } = tokenEnv(shared);
      for (let q = 0; q < env.groups; q++) {
        const nodes = tokenTree(env, logp, q);
        const byKey = new Map(nodes.map((n) => [n.tokens.join(','), n]));
        for (const n of nodes) {
          const parent = byKey.get(n.tokens.slice(0, -1).join(','));
          expect(n.pathProb).toBeCloseTo((parent?.pathProb ?? 1) * n.prob, 12);
        }
        const exact = env.answerProbabilities(logp, q);
        env.answers[q].forEach((seq, j) => {
          const leaf = byKey.get(Array.from(seq).join(','))!;
          expect(leaf.pathProb).toBeCloseTo(exact[j], 12);
          expect(leaf.reward).toBe(env.answerReward(q, j));
        });
        // Enumerate all V^L sequences: the likeliest must be a leaf of the tree.
        const V = env.shape.actions;
        let best = { p: -1, key: '' };
        for (let code = 0; code < V ** env.maxLength; code++) {
          const seq = Array.from({ length: env.maxLength }, (_, t) => Math.floor(code / V ** (env.maxLength - 1 - t)) % V);
          let lp = 0;
          seq.forEach((a, t) => (lp += logp[env.rowIndex(q, t, t > 0 ? seq[t - 1] : 0) * V + a]));
          if (Math.exp(lp) > best.p) best = { p: Math.exp(lp), key: seq.join(',') };
        }
        expect(byKey.get(best.key)?.pathProb).toBeCloseTo(best.p, 12);
      }
    });
  }
});
