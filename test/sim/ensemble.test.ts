// Ensemble bands: type-7 quantiles on known samples, and the runner's summary bands equal the
// per-step mean and quantiles of its own per-run records (each run on its own RNG stream).
import { describe, expect, it } from 'vitest';
import { band, quantile } from '../../src/sim/ensemble';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { runToEnd } from '../../src/sim/runner';
import { parse } from './interventions/helpers';

describe('ensemble bands', () => {
  it('type-7 quantiles of 1..11 are 2, 6, 10 and interpolate between order statistics', () => {
    const xs = Array.from({ length: 11 }, (_, i) => i + 1);
    const b = band(xs.slice().reverse());
    expect(b.mean).toBeCloseTo(6, 12);
    expect([b.q10, b.q50, b.q90]).toEqual([2, 6, 10]);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([], 0.5)).toBe(0);
  });

  it('the summary carries per-step bands of the per-run records; runs differ', async () => {
    const config = parse({ version: 1, steps: 5, runs: 5, env: { type: 'bandit', arms: 4 }, algorithm: { type: 'grpo', mode: 'sampled', groupSize: 4 } });
    const { records, summary } = await runToEnd(config, new CpuBackend(config));
    for (let t = 0; t < 5; t++) {
      const values = records.map((recs) => recs[t].entropy).sort((a, b) => a - b);
      const b = summary.ensemble!.entropy[t];
      expect(b.mean).toBeCloseTo(values.reduce((s, v) => s + v, 0) / 5, 12);
      // n = 5: q10 sits 0.4 of the way from the smallest to the next, q50 is the median.
      expect(b.q10).toBeCloseTo(values[0] + 0.4 * (values[1] - values[0]), 12);
      expect(b.q50).toBe(values[2]);
    }
    expect(new Set(records.map((recs) => recs[4].entropy)).size).toBe(5);
  });
});
