// Threefry-2x32-20 against the Random123 known-answer vectors, and the statistics of the
// uniforms built on it: range, mean, variance, and independence across streams and indices.
import { describe, expect, it } from 'vitest';
import { normal, RngStream, streamKey, threefry2x32, uniform } from '../../src/sim/rng';

const hex = (w: number) => (w >>> 0).toString(16).padStart(8, '0');

describe('threefry2x32', () => {
  it('matches the Random123 known-answer vectors (kat_vectors, threefry2x32_20)', () => {
    expect(threefry2x32(0, 0, 0, 0).map(hex)).toEqual(['6b200159', '99ba4efe']);
    expect(threefry2x32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff).map(hex)).toEqual(['1cb996fc', 'bb002be7']);
    expect(threefry2x32(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3).map(hex)).toEqual(['c4923a9c', '483df7a0']);
  });
});

describe('uniform', () => {
  const n = 20000;
  const draws = (stream: number) => Array.from({ length: n }, (_, i) => uniform(7, stream, 3, i));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('lies in [0, 1) with mean 1/2 and variance 1/12 (within 5 standard errors)', () => {
    const u = draws(streamKey(0, RngStream.SAMPLE));
    for (const x of u) expect(x >= 0 && x < 1).toBe(true);
    const m = mean(u);
    const v = mean(u.map((x) => (x - m) ** 2));
    expect(Math.abs(m - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    // Var of (u − 1/2)² is 1/180 for a uniform.
    expect(Math.abs(v - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n));
  });

  it('gives uncorrelated streams and uncorrelated neighbouring indices', () => {
    const a = draws(streamKey(0, RngStream.SAMPLE));
    const b = draws(streamKey(0, RngStream.REWARD));
    const c = draws(streamKey(1, RngStream.SAMPLE));
    const corr = (x: number[], y: number[]) => {
      const mx = mean(x);
      const my = mean(y);
      const cov = mean(x.map((xi, i) => (xi - mx) * (y[i] - my)));
      return cov / Math.sqrt(mean(x.map((xi) => (xi - mx) ** 2)) * mean(y.map((yi) => (yi - my) ** 2)));
    };
    const bound = 5 / Math.sqrt(n);
    expect(Math.abs(corr(a, b))).toBeLessThan(bound);
    expect(Math.abs(corr(a, c))).toBeLessThan(bound);
    expect(Math.abs(corr(a.slice(1), a.slice(0, -1)))).toBeLessThan(bound);
    expect(a).not.toEqual(b);
  });

  it('is a pure function of (seed, stream, counter, index)', () => {
    expect(uniform(1, 2, 3, 4)).toBe(uniform(1, 2, 3, 4));
    expect(uniform(1, 2, 3, 4)).not.toBe(uniform(2, 2, 3, 4));
    expect(uniform(1, 2, 3, 4)).not.toBe(uniform(1, 2, 4, 4));
  });

  it('normal draws have mean 0 and variance 1', () => {
    const z = Array.from({ length: n }, (_, i) => normal(11, 5, 0, i));
    const m = mean(z);
    expect(Math.abs(m)).toBeLessThan(5 / Math.sqrt(n));
    // Var of z² is 2 for a standard normal.
    expect(Math.abs(mean(z.map((x) => x * x)) - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });
});
