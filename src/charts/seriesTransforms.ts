// Pure data transforms behind the charts: ensemble bands per step and downsampling, kept out
// of the drawing code so they can be tested on their own.
import { band } from '../sim/ensemble';
import { maxOf } from '../sim/arrays';

export interface BandPoint {
  step: number;
  mean: number;
  q10: number;
  q90: number;
}

/**
 * Per-step mean and 10–90% band over runs (runs[run][t] is the value after step t+1, or an item
 * `value` reads it from), over steps [from, to) — all steps by default. Non-finite values are
 * left out; a step where no run has a finite value is skipped.
 */
export function ensembleBands<T = number>(runs: readonly (readonly T[])[], opts: { value?: (item: T) => number; from?: number; to?: number } = {}): BandPoint[] {
  const value = opts.value ?? ((item: T) => item as unknown as number);
  const to = opts.to ?? maxOf(runs.map((s) => s.length), 0);
  const out: BandPoint[] = [];
  for (let t = opts.from ?? 0; t < to; t++) {
    const values: number[] = [];
    for (const s of runs) if (t < s.length && Number.isFinite(value(s[t]))) values.push(value(s[t]));
    if (!values.length) continue;
    const b = band(values);
    out.push({ step: t + 1, mean: b.mean, q10: b.q10, q90: b.q90 });
  }
  return out;
}

/**
 * At most `max` items, evenly strided, always keeping the first and the last (the latest
 * value must be on screen). Keeps charts of long runs cheap to draw.
 */
export function downsample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max || max < 2) return items.slice();
  const out: T[] = [];
  const stride = (items.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(items[Math.round(i * stride)]);
  return out;
}

/** [step, value] pairs of one run, skipping non-finite values; values[i] is at steps[i] (default i + 1). */
export function runPoints(values: readonly number[], steps?: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  values.forEach((v, t) => {
    if (Number.isFinite(v)) out.push([steps ? steps[t] : t + 1, v]);
  });
  return out;
}
