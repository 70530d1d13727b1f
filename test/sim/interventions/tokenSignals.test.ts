// The per-token signals against what they claim: δH_i predicts the measured entropy change of
// a small update along token i's own gradient; c_i averages to the batch covariance; the random
// subset is a seeded, duplicate-free draw from the candidates.
import { describe, expect, it } from 'vitest';
import { predictedEntropyChanges, randomSubset, tokenCovariances } from '../../../src/sim/interventions/tokenSignals';
import { entropyFromLogProbs, logSoftmax } from '../../../src/sim/softmax';
import { uniform } from '../../../src/sim/rng';
import { captureStep, tokenTask } from './helpers';

describe('tokenSignals', () => {
  it('δH_i matches the measured entropy change of a small step along token i\u2019s own gradient', () => {
    const { ctx, tokens } = captureStep(tokenTask(), 4);
    const k = ctx.shape.actions;
    const dh = predictedEntropyChanges(ctx, tokens);
    const eps = 1e-4; // shrink η so the first-order prediction is exact up to O(eps²)
    let checked = 0;
    for (let i = 0; i < dh.length && checked < 40; i++) {
      if (tokens.advantage[i] === 0) continue;
      const row = tokens.batch.row[i];
      const z = ctx.logits.slice(row * k, (row + 1) * k);
      const p = ctx.logp.subarray(row * k, (row + 1) * k).map(Math.exp);
      const c = (eps * ctx.lr * tokens.advantage[i]) / tokens.batch.groupSize;
      for (let a = 0; a < k; a++) z[a] += c * ((a === tokens.batch.action[i] ? 1 : 0) - p[a]);
      const after = entropyFromLogProbs(logSoftmax(z, new Float64Array(k), 0, k), k);
      const measured = (after - ctx.rowEntropy[row]) / eps;
      expect(measured).toBeCloseTo(dh[i], 6);
      checked++;
    }
    expect(checked).toBe(40);
    // Both signs occur: some tokens would raise entropy, some would cut it.
    expect(dh.some((x) => x > 0) && dh.some((x) => x < 0)).toBe(true);
  });

  it('c_i are centred products whose mean is the batch covariance of log π_old and Â', () => {
    const { tokens } = captureStep(tokenTask(), 2);
    const c = tokenCovariances(tokens);
    const n = c.length;
    const mean = (x: ArrayLike<number>) => Array.from(x).reduce((s, v) => s + v, 0) / x.length;
    const cov = mean(Array.from(tokens.logpOld, (lp, i) => lp * tokens.advantage[i])) - mean(tokens.logpOld) * mean(tokens.advantage);
    expect(mean(c)).toBeCloseTo(cov, 12);
    expect(n).toBe(16 * 8 * 4);
  });

  it('draws distinct candidates, all of them when too few, the same ones for the same seed', () => {
    const draw = (seed: number) => {
      let i = 0;
      return () => uniform(seed, 2, 0, i++);
    };
    const candidates = [3, 8, 13, 21, 34, 55, 89];
    const a = randomSubset(candidates, 4, draw(1));
    expect(new Set(a).size).toBe(4);
    expect(a.every((x) => candidates.includes(x))).toBe(true);
    expect(randomSubset(candidates, 4, draw(1))).toEqual(a);
    expect(randomSubset(candidates, 4, draw(2))).not.toEqual(a);
    expect(randomSubset(candidates, 99, draw(1)).sort((x, y) => x - y)).toEqual(candidates);
    expect(randomSubset(candidates, 0, draw(1))).toEqual([]);
  });
});
