// The entropy–performance fit recovers known a, b from noisy synthetic data drawn with the
// project's RNG, and the early fit reports its forecast together with its error.
import { describe, expect, it } from 'vitest';
import { earlyFit, fitLaw } from '../../src/sim/fit';
import { normal } from '../../src/sim/rng';

const a = 0.3;
const b = 1.1;
const sigma = 0.01;

/** R = −a e^H + b + noise on an entropy path from ln 8 down to 0.05. */
function synthetic(n: number, stream: number) {
  const entropy = Array.from({ length: n }, (_, i) => Math.log(8) * (1 - i / n) + 0.05);
  const reward = entropy.map((h, i) => -a * Math.exp(h) + b + sigma * normal(5, stream, 0, i));
  return { entropy, reward };
}

describe('fitLaw', () => {
  it('recovers a and b within 4 standard errors and reports R² near 1', () => {
    const { entropy, reward } = synthetic(200, 1);
    const fit = fitLaw(entropy, reward);
    expect(Math.abs(fit.a! - a)).toBeLessThan(4 * fit.seA!);
    expect(Math.abs(fit.b! - b)).toBeLessThan(4 * fit.seB!);
    expect(fit.seA!).toBeLessThan(0.01);
    expect(fit.ceiling!).toBeCloseTo(fit.b! - fit.a!, 12);
    expect(fit.supportsLaw).toBe(true);
  });

  it('says why when the data cannot be fitted or do not support the law', () => {
    expect(fitLaw([1, 2], [0, 1]).note).toMatch(/fewer than 3/);
    expect(fitLaw([1, 1, 1], [0, 1, 2]).note).toMatch(/no spread/);
    const noise = Array.from({ length: 50 }, (_, i) => normal(9, 1, 0, i));
    const weak = fitLaw(noise.map((_, i) => i / 50), noise);
    expect(weak.supportsLaw).toBe(false);
    expect(weak.note).toMatch(/below 0.8/);
  });
});

describe('earlyFit', () => {
  it('forecasts the final reward from the first third and reports the error', () => {
    const runs = [synthetic(90, 2), synthetic(90, 3)];
    const early = earlyFit(runs);
    const finalR = (runs[0].reward[89] + runs[1].reward[89]) / 2;
    expect(early.actualFinal).toBeCloseTo(finalR, 12);
    expect(early.error).toBeCloseTo(early.predictedFinal! - finalR, 12);
    // Extrapolation from the high-entropy third: right to within a few noise levels.
    expect(Math.abs(early.error!)).toBeLessThan(0.1);
    expect(early.n).toBe(60);
  });
});
