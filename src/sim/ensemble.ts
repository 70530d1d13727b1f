// Ensemble statistics over runs: per-step mean and 10/50/90% quantiles of a metric
// (design.md: "ensemble mean and quantile bands").
import { maxOf } from './arrays';
import type { StepRecord } from './types';

export interface Band {
  mean: number;
  q10: number;
  q50: number;
  q90: number;
}

/** Quantile by linear interpolation between order statistics (Hyndman–Fan type 7). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function band(values: number[]): Band {
  const sorted = Float64Array.from(values).sort();
  let mean = 0;
  for (const v of values) mean += v / values.length;
  return { mean, q10: quantile(sorted, 0.1), q50: quantile(sorted, 0.5), q90: quantile(sorted, 0.9) };
}

/** Bands of one metric per step; series[r][t] is run r's value at step t (runs may be shorter). */
export function bandsByStep(series: number[][]): Band[] {
  const steps = maxOf(series.map((s) => s.length), 0);
  const out: Band[] = [];
  for (let t = 0; t < steps; t++) {
    const vals = series.filter((s) => t < s.length).map((s) => s[t]);
    out.push(band(vals));
  }
  return out;
}

/** Bands of each key at each step of a batch of records, over the runs with a finite value there. */
export interface StepBands {
  steps: number[];
  bands: Record<string, Band[]>;
}

/**
 * The bands of one tick's records (every run's records of the steps it advanced), step by
 * step: the per-tick reduction that lets neither the CLI nor the page keep every record.
 */
export function bandsOfRecords(records: readonly StepRecord[], keys: readonly string[]): StepBands {
  const byStep = new Map<number, StepRecord[]>();
  for (const r of records) {
    const list = byStep.get(r.step);
    if (list) list.push(r);
    else byStep.set(r.step, [r]);
  }
  const steps = [...byStep.keys()].sort((a, b) => a - b);
  const bands: Record<string, Band[]> = {};
  for (const key of keys) {
    bands[key] = steps.map((step) => {
      const values: number[] = [];
      for (const r of byStep.get(step)!) if (Number.isFinite(r[key])) values.push(r[key]);
      return values.length ? band(values) : { mean: NaN, q10: NaN, q50: NaN, q90: NaN };
    });
  }
  return { steps, bands };
}
