// Per-step results of the current experiment, kept out of the store (they grow every tick):
// records by run, in step order. The store only carries a version counter that bumps on change.
import type { StepRecord } from '../../sim/types';
import { ensembleBands, type BandPoint } from '../../charts/seriesTransforms';
import { maxOf, minOf } from '../../sim/arrays';

const valueOf = (r: StepRecord, key: string): number => (typeof r[key] === 'number' ? (r[key] as number) : NaN);

export class RunData {
  byRun: StepRecord[][] = [];
  version = 0;
  /** Bands of the steps every run has reached: they never change, so each is computed once. */
  private bandCache = new Map<string, { steps: number; bands: BandPoint[] }>();

  clear(runs: number): void {
    this.byRun = Array.from({ length: runs }, () => []);
    this.bandCache.clear();
    this.version++;
  }

  /**
   * Per-step ensemble mean and 10–90% band of one metric (as ensembleBands of series(key)),
   * incrementally: with a thousand runs, recomputing every step each frame blocks the page.
   */
  bands(key: string): BandPoint[] {
    const complete = this.steps;
    const cached = this.bandCache.get(key) ?? { steps: 0, bands: [] };
    if (cached.steps < complete) {
      cached.bands.push(...ensembleBands(this.byRun, { value: (r) => valueOf(r, key), from: cached.steps, to: complete }));
      cached.steps = complete;
      this.bandCache.set(key, cached);
    }
    const longest = maxOf(this.byRun.map((r) => r.length), 0);
    return longest > complete ? [...cached.bands, ...ensembleBands(this.byRun, { value: (r) => valueOf(r, key), from: complete, to: longest })] : cached.bands;
  }

  append(records: readonly StepRecord[]): void {
    for (const r of records) (this.byRun[r.run] ??= []).push(r);
    if (records.length) this.version++;
  }

  /** Steps every run has reached. */
  get steps(): number {
    return minOf(this.byRun.map((r) => r.length), 0);
  }

  /** One metric as series[run][step] of the first `maxRuns` runs; runs without the metric give NaN (never drawn). */
  series(key: string, maxRuns = Infinity): number[][] {
    return this.byRun.slice(0, maxRuns).map((run) => run.map((r) => valueOf(r, key)));
  }

  /** All records, run-major and step-ordered (the CLI's order for one tick of the whole run). */
  records(): StepRecord[] {
    return this.byRun.flat();
  }

  /** Metric keys present in the records, in first-seen order. */
  metricKeys(): string[] {
    const keys = new Set<string>();
    for (const r of this.byRun[0] ?? []) for (const k of Object.keys(r)) if (k !== 'run' && k !== 'step') keys.add(k);
    return [...keys];
  }

  /** The ensemble mean of every metric at the latest step all runs reached. */
  latestMetrics(): Record<string, number> {
    const t = this.steps - 1;
    if (t < 0) return {};
    const out: Record<string, number> = { step: t + 1 };
    for (const key of this.metricKeys()) {
      let sum = 0;
      for (const run of this.byRun) sum += run[t][key] as number;
      out[key] = sum / this.byRun.length;
    }
    return out;
  }
}

/** The page's one instance. */
export const runData = new RunData();
export const currentRecords = (): StepRecord[] => runData.records();
export const latestMetrics = (): Record<string, number> => runData.latestMetrics();
