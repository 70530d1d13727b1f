// The charts' pure data transforms: ensemble bands bracket the mean and match sorted-order
// quantiles, downsampling keeps the ends, and non-finite values never reach a chart.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECORD_BUDGET, rowCapacity, RunData } from '../../src/app/data/runData';
import { KEPT_RUNS } from '../../src/sim/tickDigest';
import { downsample, ensembleBands, runPoints } from '../../src/charts/seriesTransforms';
import type { StepRecord } from '../../src/sim/types';

describe('series transforms', () => {
  it('bands: q10 ≤ mean ≤ q90, and the mean is the mean of the finite values at each step', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 9 }), (series) => {
        const bands = ensembleBands(series);
        for (const b of bands) {
          const values = series.filter((s) => s.length >= b.step).map((s) => s[b.step - 1]);
          const mean = values.reduce((a, v) => a + v, 0) / values.length;
          expect(b.mean).toBeCloseTo(mean, 9);
          expect(b.q10).toBeLessThanOrEqual(b.mean + 1e-9);
          expect(b.q90).toBeGreaterThanOrEqual(b.mean - 1e-9);
          expect(b.q10).toBeGreaterThanOrEqual(Math.min(...values));
          expect(b.q90).toBeLessThanOrEqual(Math.max(...values));
        }
      }),
    );
  });

  it('bands skip steps where no run has a finite value', () => {
    const bands = ensembleBands([
      [1, NaN, 3],
      [Infinity, NaN, 5],
    ]);
    expect(bands.map((b) => b.step)).toEqual([1, 3]);
    expect(bands[0].mean).toBe(1);
    expect(bands[1].mean).toBe(4);
  });

  it('downsample keeps the first and last items and at most max items, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 2, max: 60 }), (n, max) => {
        const items = Array.from({ length: n }, (_, i) => i);
        const out = downsample(items, max);
        expect(out.length).toBe(Math.min(n, max));
        if (n) expect([out[0], out[out.length - 1]]).toEqual([0, n - 1]);
        for (let i = 1; i < out.length; i++) expect(out[i]).toBeGreaterThan(out[i - 1]);
      }),
    );
  });

  it('run points are 1-based steps without the non-finite values', () => {
    expect(runPoints([0.5, NaN, 0.25, -Infinity])).toEqual([
      [1, 0.5],
      [3, 0.25],
    ]);
  });
});

describe('RunData.bands', () => {
  it('computed step by step as records arrive equals the bands of the whole series, ragged runs included', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 0, maxLength: 10 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 4 }), (series, chunk) => {
        const data = new RunData();
        data.clear(series.length, 10);
        const longest = Math.max(...series.map((s) => s.length));
        for (let from = 0; from < longest; from += chunk) {
          data.append(series.flatMap((s, run) => s.slice(from, from + chunk).map((v, i) => ({ run, step: from + i, entropy: v }) as unknown as StepRecord)));
          const upTo = series.map((s) => s.slice(0, from + chunk));
          expect(data.bands('entropy')).toEqual(ensembleBands(upTo));
        }
      }),
    );
  });
});

describe('RunData memory (issue 13)', () => {
  it('holds a bounded number of records and band rows however many steps and runs arrive, with the fit over every record', () => {
    const runs = 300;
    const steps = 3000;
    const data = new RunData();
    data.clear(runs, steps);
    for (let t = 0; t < steps; t += 50) {
      const tick: StepRecord[] = [];
      for (let run = 0; run < runs; run++) for (let s = t; s < t + 50; s++) tick.push({ run, step: s, entropy: 2 - s / steps + run / 1e4, reward: s / steps } as unknown as StepRecord);
      data.append(tick);
    }
    expect(data.keptRuns).toBe(KEPT_RUNS);
    expect(data.records().length).toBeLessThanOrEqual(RECORD_BUDGET);
    expect(data.heldSteps).toBeLessThanOrEqual(rowCapacity(KEPT_RUNS));
    expect(data.series('entropy', 3).every((s) => s.length === data.heldSteps)).toBe(true);
    expect(data.seriesSteps().at(-1)).toBe(steps);
    expect(data.bands('entropy')).toHaveLength(steps);
    expect(data.latestMetrics().step).toBe(steps);
    expect(data.fit.n).toBe(runs * steps);
    expect(data.complete).toBe(false);
    expect(data.decimation).toMatchObject({ keptRuns: KEPT_RUNS, runs, stride: expect.any(Number) });
  });
});
