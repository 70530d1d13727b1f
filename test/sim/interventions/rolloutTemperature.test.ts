// Rollout temperature: T = 1 is the baseline bit for bit; the importance ratio makes the update
// unbiased (one REINFORCE step on a bandit, 512 seeds, matches the exact on-policy expectation,
// while the uncorrected tempered expectation is far off); hotter rollouts keep entropy above
// GRPO on the token task without the clip firing on them; two rollout temperatures in one
// config are refused.
import { describe, expect, it } from 'vitest';
import { logSoftmax } from '../../../src/sim/softmax';
import { expectHigherFinalEntropy, issuePaths, meanOf, runEnsemble, tokenTask, withoutKeys } from './helpers';

const means = [0.9, 0.6, 0.3, 0.1];
const init = [1.5, 0.5, 0, -1];
const lr = 0.1;

/** Expected Δz of one REINFORCE step without baseline or ratio, actions from `sampler`: η Σ_a s_a μ_a (e_a − π). */
function expectedStep(pi: number[], sampler: number[]): number[] {
  const g = pi.map(() => 0);
  sampler.forEach((s, a) => {
    const c = s * means[a];
    pi.forEach((p, b) => (g[b] += lr * c * ((a === b ? 1 : 0) - p)));
  });
  return g;
}

describe('rolloutTemperature', () => {
  it('with T = 1 equals the baseline bit for bit', () => {
    const grpo = runEnsemble(tokenTask());
    const t1 = runEnsemble(tokenTask({}, [{ type: 'rolloutTemperature', temperature: 1 }]));
    expect(withoutKeys(t1, ['rolloutTemperature'])).toEqual(grpo.records);
    expect(t1.logits).toEqual(grpo.logits);
  });

  it('the importance ratio makes one tempered step unbiased (bandit, 512 seeds, within 3 SE of the exact expectation)', () => {
    const T = 2;
    const e = runEnsemble({
      version: 1,
      steps: 1,
      runs: 512,
      env: { type: 'bandit', arms: 4, means },
      policy: { type: 'tabular', init: { type: 'logits', logits: init } },
      // No baseline and a clip that never binds: the estimator is Σ ρ_i r_i (e_{a_i} − π)/G.
      algorithm: { type: 'pg', mode: 'sampled', lr, groupSize: 4, baseline: 'none', clipLow: 1, clipHigh: 100 },
      interventions: [{ type: 'rolloutTemperature', temperature: T }],
    });
    const pi = Array.from(logSoftmax(init, new Float64Array(4)), Math.exp);
    const hot = Array.from(logSoftmax(init.map((z) => z / T), new Float64Array(4)), Math.exp);
    const exact = expectedStep(pi, pi);
    const uncorrected = expectedStep(pi, hot);
    let farFromUncorrected = 0;
    for (let a = 0; a < 4; a++) {
      const dz = e.logits.map((z) => z[a] - init[a]);
      const m = meanOf(dz);
      const se = Math.sqrt(dz.reduce((s, x) => s + (x - m) ** 2, 0) / (dz.length - 1) / dz.length);
      expect(Math.abs(m - exact[a])).toBeLessThan(3 * se);
      if (Math.abs(m - uncorrected[a]) > 5 * se) farFromUncorrected++;
    }
    expect(farFromUncorrected).toBeGreaterThan(0); // the test can tell a missing correction
  });

  it('hotter rollouts keep entropy above plain GRPO (token task, 16 seeds, > 2 SE), and the clip does not fire on tempered samples', () => {
    const hot = runEnsemble(tokenTask({}, [{ type: 'rolloutTemperature', temperature: 1.5 }]));
    expectHigherFinalEntropy(hot, runEnsemble(tokenTask()));
    // One epoch: π_θ = π_old when the clip looks, so however far π_T is from π it clips nothing
    // (the clip is anchored on π_old, not on the sampler).
    for (const r of hot.records.flat()) expect([r.clipFracLow, r.clipFracHigh]).toEqual([0, 0]);
  });

  it('refuses two rollout temperatures and bad temperatures, naming the field', () => {
    const issues = (ivs: Record<string, unknown>[]) => issuePaths(tokenTask({}, ivs));
    expect(issues([{ type: 'rolloutTemperature' }, { type: 'rolloutTemperature', temperature: 0.8 }])).toEqual(['interventions[1]']);
    expect(issues([{ type: 'rolloutTemperature', temperature: 0 }])).toEqual(['interventions[0].temperature']);
    expect(issues([{ type: 'rolloutTemperature', temperature: -1 }])).toEqual(['interventions[0].temperature']);
    expect(issues([{ type: 'rolloutTemperature' }])).toEqual([]);
  });
});
