// Per-step results of the current experiment, kept out of the store (they grow every tick):
// records by run, in step order. The store only carries a version counter that bumps on change.
import type { StepRecord } from '../../sim/types';

export class RunData {
  byRun: StepRecord[][] = [];
  version = 0;

  clear(runs: number): void {
    this.byRun = Array.from({ length: runs }, () => []);
    this.version++;
  }

  append(records: readonly StepRecord[]): void {
    for (const r of records) (this.byRun[r.run] ??= []).push(r);
    if (records.length) this.version++;
  }

  /** Steps every run has reached. */
  get steps(): number {
    return this.byRun.length ? Math.min(...this.byRun.map((r) => r.length)) : 0;
  }

  /** One metric as series[run][step]; runs without the metric give NaN (never drawn). */
  series(key: string): number[][] {
    return this.byRun.map((run) => run.map((r) => (typeof r[key] === 'number' ? (r[key] as number) : NaN)));
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
