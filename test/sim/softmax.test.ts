// Softmax-row math against independent computations: the entropy gradient against central
// finite differences, the covariance term against its definition, stability at extreme logits.
import { describe, expect, it } from 'vitest';
import { covarianceTerm, entropyFromLogProbs, entropyGradient, logSoftmax, probsFromLogProbs, sampleFromProbs } from '../../src/sim/softmax';

/** Entropy of softmax(z) written directly in Math.* (not the code under test). */
function directEntropy(z: number[]): number {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return -e.reduce((h, x) => (x > 0 ? h + (x / s) * Math.log(x / s) : h), 0);
}

const rows = [
  [0, 0, 0, 0],
  [1.3, -0.4, 2.2, 0.1, -1.7],
  [5, -3, 0.5],
  [0.2, 0.9],
];

describe('softmax row math', () => {
  it('∂H/∂z matches central finite differences', () => {
    for (const z of rows) {
      const g = entropyGradient(logSoftmax(z, new Float64Array(z.length)), new Float64Array(z.length));
      const h = 1e-5;
      z.forEach((_, k) => {
        const up = z.slice();
        const down = z.slice();
        up[k] += h;
        down[k] -= h;
        expect(g[k]).toBeCloseTo((directEntropy(up) - directEntropy(down)) / (2 * h), 8);
      });
    }
  });

  it('the covariance term equals −∂H/∂z · Δz (its first-order meaning)', () => {
    const z = rows[1];
    const dz = [0.3, -0.2, 0.05, 0.4, -0.1];
    const logp = logSoftmax(z, new Float64Array(z.length));
    const g = entropyGradient(logp, new Float64Array(z.length));
    const directional = g.reduce((s, gk, k) => s + gk * dz[k], 0);
    expect(covarianceTerm(logp, dz)).toBeCloseTo(-directional, 12);
  });

  it('stays finite at logits ±1e4 and gives zero-probability arms zero weight', () => {
    const z = [1e4, -1e4, 0, 1e4];
    const logp = logSoftmax(z, new Float64Array(4));
    expect(logp.every(Number.isFinite)).toBe(true);
    expect(Math.exp(logp[0]) + Math.exp(logp[3])).toBeCloseTo(1, 12);
    expect(entropyFromLogProbs(logp)).toBeCloseTo(Math.log(2), 12);
    const g = entropyGradient(logp, new Float64Array(4));
    expect(g.every(Number.isFinite)).toBe(true);
    // log π_a + H = 0 on both live arms, so no Δz changes the entropy to first order.
    expect(covarianceTerm(logp, [1, 2, 3, 4])).toBeCloseTo(0, 12);
    // Never draws an arm of probability 0.
    for (let i = 0; i < 50; i++) expect([0, 3]).toContain(sampleFromProbs(probsFromLogProbs(logp, new Float64Array(4)), i / 50, 4));
  });
});
