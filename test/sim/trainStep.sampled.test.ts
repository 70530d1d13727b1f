// The sampled update is an unbiased estimate of the exact one: averaged over many seeds (runs),
// one sampled REINFORCE/pg step matches the exact PG step Δz = η d π A, under the convention
// "sum over tokens, mean over the group". A mean baseline that includes the sample itself
// shrinks it by exactly (G−1)/G.
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { parse } from './interventions/helpers';

type Raw = Record<string, unknown>;

/** Per-logit mean and standard error of Δz over `runs` one-step runs. */
function sampledDeltaZ(raw: Raw, runs: number): { mean: number[]; se: number[]; z0: Float64Array } {
  const config = parse({ ...raw, steps: 1, runs });
  const backend = new CpuBackend(config);
  const z0 = backend.logits(0).slice();
  backend.advanceSync(1);
  const n = z0.length;
  const sum = new Float64Array(n);
  const sq = new Float64Array(n);
  for (let r = 0; r < runs; r++) {
    const z = backend.logits(r);
    for (let i = 0; i < n; i++) {
      sum[i] += z[i] - z0[i];
      sq[i] += (z[i] - z0[i]) ** 2;
    }
  }
  const mean = Array.from(sum, (s) => s / runs);
  const se = mean.map((m, i) => Math.sqrt(Math.max(0, sq[i] / runs - m * m) / (runs - 1)));
  return { mean, se, z0 };
}

function exactDeltaZ(raw: Raw): number[] {
  const config = parse({ ...raw, algorithm: { type: 'pg', mode: 'exact', lr: (raw.algorithm as Raw).lr }, steps: 1, runs: 1 });
  const backend = new CpuBackend(config);
  const z0 = backend.logits(0).slice();
  backend.advanceSync(1);
  return Array.from(backend.logits(0), (z, i) => z - z0[i]);
}

const bandit: Raw = { version: 1, env: { type: 'bandit', arms: 4, means: [0.2, 0.5, 0.8, 0.3] }, policy: { type: 'tabular', init: { type: 'logits', logits: [0.5, 0, -0.5, 0.2] } } };
const tokens: Raw = { version: 1, env: { type: 'tokens', prompts: 2, vocab: 3, length: 3, answers: 2, zipf: 1, sharedSuffix: true } };

describe('E[sampled update] = exact PG update', () => {
  const cases: [string, Raw, number][] = [
    ['bandit, reinforce (leave-one-out)', { ...bandit, algorithm: { type: 'reinforce', lr: 0.1, groupSize: 4 } }, 1],
    ['bandit, pg without baseline', { ...bandit, algorithm: { type: 'pg', mode: 'sampled', lr: 0.1, groupSize: 4, baseline: 'none' } }, 1],
    ['bandit, pg with mean baseline: (G−1)/G of it', { ...bandit, algorithm: { type: 'pg', mode: 'sampled', lr: 0.1, groupSize: 4, baseline: 'mean' } }, 3 / 4],
    ['tokens (sum over tokens, mean over group), reinforce', { ...tokens, algorithm: { type: 'reinforce', lr: 0.1, groupSize: 4 } }, 1],
  ];
  for (const [what, raw, factor] of cases) {
    it(what, () => {
      const sampled = sampledDeltaZ(raw, 1500);
      const exact = exactDeltaZ(raw);
      let moving = 0;
      exact.forEach((dz, i) => {
        expect(Math.abs(sampled.mean[i] - factor * dz)).toBeLessThan(4.5 * sampled.se[i] + 1e-12);
        if (Math.abs(dz) > 4 * sampled.se[i]) moving++;
      });
      // Enough logits move by more than the noise that a wrong scale would fail.
      expect(moving).toBeGreaterThan(1);
    });
  }
});
