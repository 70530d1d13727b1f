// The unbiased pass@k estimator against its closed form: exact binomial coefficients, and
// its expectation over a Binomial(n, p) count equals 1 − (1 − p)^k; on the token task the
// sampled estimate agrees with the exact passAtK metric.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS } from '../../src/sim/envs';
import { passAtK, passAtKEstimate } from '../../src/sim/metrics';
import { logSoftmaxTable } from '../../src/sim/policy';
import type { EnvSpec } from '../../src/sim/types';

function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

describe('pass@k', () => {
  it('equals 1 − C(n−c, k)/C(n, k)', () => {
    for (const [n, c, k] of [[10, 3, 4], [16, 0, 4], [16, 16, 1], [20, 5, 20], [8, 2, 7], [5, 1, 1]]) {
      const closed = n - c < k ? 1 : 1 - choose(n - c, k) / choose(n, k);
      expect(passAtK(n, c, k)).toBeCloseTo(closed, 12);
    }
  });

  it('is unbiased: E over c ∼ Binomial(n, p) is 1 − (1 − p)^k', () => {
    for (const [n, k, p] of [[16, 4, 0.1], [8, 8, 0.3], [12, 1, 0.7]]) {
      let expectation = 0;
      for (let c = 0; c <= n; c++) expectation += choose(n, c) * p ** c * (1 - p) ** (n - c) * passAtK(n, c, k);
      expect(expectation).toBeCloseTo(1 - (1 - p) ** k, 12);
    }
  });

  it('sampled estimate on the token task agrees with the exact passAtK metric', () => {
    const spec = ENVIRONMENTS.find((s) => s.id === 'tokens') as EnvSpec;
    const env = spec.create(spec.schema.parse({ type: 'tokens', prompts: 6, vocab: 4, length: 3, zipf: 1, passK: 4 }), 1);
    const logp = logSoftmaxTable(env.initialLogits(), env.shape);
    const ev = env.evaluate(logp);
    const G = 2000;
    const batch = env.rollout({ samplingLogp: logp, groupIds: Int32Array.from({ length: env.groups }, (_, g) => g), groupSize: G, seed: 3, run: 0, step: 0 });
    const estimate = passAtKEstimate(batch.correct, env.groups, G, 4);
    expect(ev.metrics.passAtK).toBeGreaterThan(0.05);
    expect(ev.metrics.passAtK).toBeLessThan(0.95);
    // Per prompt the estimate's SD is below k·sqrt(p(1−p)/G) ≤ 4·0.5/√2000 ≈ 0.045; 6 prompts average.
    expect(Math.abs(estimate - ev.metrics.passAtK)).toBeLessThan(0.04);
  });
});
