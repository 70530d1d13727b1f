// Entropy bonus: the exact fixed point theory gives (NPG with bonus β on a bandit converges to
// π ∝ exp(μ/β)), and on the token task it raises entropy above plain GRPO.
import { describe, expect, it } from 'vitest';
import { entropyFromLogProbs, logSoftmax } from '../../../src/sim/softmax';
import { exactBandit, expectHigherFinalEntropy, runEnsemble, tokenTask } from './helpers';

const means = [0.2, 0.5, 0.8, 0.3];

describe('entropyBonus', () => {
  it('NPG with bonus β on a bandit converges to π ∝ exp(μ/β)', () => {
    for (const beta of [0.05, 0.2, 1]) {
      const e = runEnsemble(exactBandit({ type: 'npg', lr: 0.5 }, [{ type: 'entropyBonus', coef: beta }], 600));
      const logp = logSoftmax(e.logits[0], new Float64Array(4));
      const theory = logSoftmax(means.map((m) => m / beta), new Float64Array(4));
      for (let a = 0; a < 4; a++) expect(Math.exp(logp[a])).toBeCloseTo(Math.exp(theory[a]), 8);
      expect(e.records[0].at(-1)!.entropy).toBeCloseTo(entropyFromLogProbs(theory), 6);
    }
  });

  it('raises final entropy above plain GRPO on the token task (16 seeds, > 2 SE)', () => {
    expectHigherFinalEntropy(runEnsemble(tokenTask({}, [{ type: 'entropyBonus' }])), runEnsemble(tokenTask()));
  });
});
