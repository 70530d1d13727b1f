// Every environment's exact advantage against finite differences of its exact reward: the
// policy gradient theorem ∂J/∂z(s,a) = d(s) π(a|s) A(s,a) / groups (J averages over groups,
// d(s) counts visits from each row's own group), checked at a random non-uniform policy.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS } from '../../../src/sim/envs';
import { logSoftmaxTable } from '../../../src/sim/policy';
import { uniform } from '../../../src/sim/rng';
import type { EnvSpec } from '../../../src/sim/types';

const cases: Record<string, unknown>[] = [
  { type: 'bandit', arms: 5 },
  { type: 'bandit', arms: 3, reward: 'gaussian' },
  { type: 'contextual', contexts: 3, arms: 4 },
  { type: 'chain', length: 4 },
  { type: 'gridworld', width: 3, height: 3, slip: 0.2, stepCost: 0.01 },
  { type: 'tokens', prompts: 3, vocab: 3, length: 3, answers: 2, zipf: 1 },
  { type: 'tokens', prompts: 3, vocab: 3, length: 3, answers: 2, zipf: 1, sharedSuffix: true },
  { type: 'tokens', prompts: 2, vocab: 4, length: 2, answers: 3, answerRewards: [0.5, 1] },
];

function build(raw: Record<string, unknown>) {
  const spec = ENVIRONMENTS.find((s) => s.id === raw.type) as EnvSpec;
  return spec.create(spec.schema.parse(raw), 3);
}

describe('exact advantage vs finite differences of the exact reward', () => {
  for (const raw of cases) {
    it(JSON.stringify(raw), () => {
      const env = build(raw);
      const n = env.shape.rows * env.shape.actions;
      const z = Float64Array.from({ length: n }, (_, i) => env.initialLogits()[i] + 1.5 * (uniform(1, 99, 0, i) - 0.5));
      const reward = (zz: Float64Array) => env.evaluate(logSoftmaxTable(zz, env.shape)).reward;
      const logp = logSoftmaxTable(z, env.shape);
      const ev = env.evaluate(logp);
      const adv = env.advantage(logp, ev);
      const h = 1e-6;
      let checked = 0;
      for (let i = 0; i < n; i++) {
        const s = Math.floor(i / env.shape.actions);
        const up = z.slice();
        const down = z.slice();
        up[i] += h;
        down[i] -= h;
        const fd = (reward(up) - reward(down)) / (2 * h);
        const theory = (ev.visitation[s] * Math.exp(logp[i]) * adv[i]) / env.groups;
        expect(theory).toBeCloseTo(fd, 7);
        if (Math.abs(fd) > 1e-4) checked++;
      }
      // The check must bite: some logits move the reward.
      expect(checked).toBeGreaterThan(0);
    });
  }
});
