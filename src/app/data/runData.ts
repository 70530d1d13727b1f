// Per-step results of the current experiment, kept out of the store, in bounded memory (issue
// 13): the bands of every metric over all runs, and the records of the first KEPT_RUNS runs,
// each in a StepHistory that keeps the latest steps whole and thins older ones, so a run of
// any length holds a few tens of MB. The law fit comes from the worker's running sums over
// every record. The store only carries a version counter that bumps on change.
import type { Band } from '../../sim/ensemble';
import type { EarlyFit, LawFit } from '../../sim/fit';
import { StepHistory } from '../../sim/stepHistory';
import { TickDigester, type TickDigest } from '../../sim/tickDigest';
import type { StepRecord } from '../../sim/types';
import type { BandPoint } from '../../charts/seriesTransforms';

/** Records the page keeps at most (kept runs × kept steps), about 40 MB of records. */
export const RECORD_BUDGET = 1 << 17;
const BAND_CAPACITY = 8192;
const BAND_WINDOW = 1024;

/** Kept steps per run for `runs` kept runs: the budget shared out, within [64, 8192]. */
export function rowCapacity(runs: number): number {
  return Math.max(64, Math.min(8192, Math.floor(RECORD_BUDGET / Math.max(1, runs))));
}

function rowHistory(keptRuns: number): StepHistory<StepRecord[]> {
  const capacity = rowCapacity(keptRuns);
  return new StepHistory(capacity, capacity / 4 - 1);
}

const EMPTY_FIT: LawFit = { a: null, b: null, r2: null, ceiling: null, seA: null, seB: null, n: 0, supportsLaw: false, note: 'no data yet' };

export class RunData {
  version = 0;
  /** Runs in the ensemble; records are kept for the first `keptRuns`. */
  runCount = 0;
  keptRuns = 0;
  fit: LawFit = EMPTY_FIT;
  earlyFit: EarlyFit | null = null;
  private bandHistory = new StepHistory<Record<string, Band>>(BAND_CAPACITY, BAND_WINDOW);
  private rows = rowHistory(0);
  private keys: string[] = [];
  /** Digests raw records handed to append() (imported results, tests); the worker sends digests. */
  private digester: TickDigester | null = null;

  clear(runs: number, totalSteps: number): void {
    this.runCount = runs;
    this.digester = new TickDigester(runs, totalSteps);
    this.keptRuns = this.digester.keptRuns;
    this.rows = rowHistory(this.keptRuns);
    this.bandHistory.clear();
    this.keys = [];
    this.fit = EMPTY_FIT;
    this.earlyFit = null;
    this.version++;
  }

  /** Records of every run for some steps (each step's records all at once). */
  append(records: readonly StepRecord[]): void {
    if (!this.digester) throw new Error('RunData.append before clear');
    this.appendDigest(this.digester.digest(records));
  }

  /** One tick as the worker digested it (tickDigest.ts). */
  appendDigest(d: TickDigest): void {
    if (d.bands.steps.length === 0) return;
    const keys = Object.keys(d.bands.bands);
    if (this.keys.length === 0) this.keys = keys;
    d.bands.steps.forEach((step, i) => this.bandHistory.push(step, Object.fromEntries(keys.map((k) => [k, d.bands.bands[k][i]]))));
    const byStep = new Map<number, StepRecord[]>();
    for (const r of d.records) {
      const row = byStep.get(r.step) ?? [];
      row[r.run] = r;
      byStep.set(r.step, row);
    }
    for (const step of [...byStep.keys()].sort((a, b) => a - b)) this.rows.push(step, byStep.get(step)!);
    this.fit = d.fit;
    this.earlyFit = d.earlyFit;
    this.version++;
  }

  /** Steps with results (the latest step + 1). */
  get steps(): number {
    const steps = this.bandHistory.steps;
    return steps.length ? steps[steps.length - 1] + 1 : 0;
  }

  /** Steps held per kept run (what a chart of every held record draws). */
  get heldSteps(): number {
    return this.rows.length;
  }

  /** True when every step of every run is held (nothing thinned, every run kept): exports are whole. */
  get complete(): boolean {
    return this.rows.complete && this.keptRuns === this.runCount;
  }

  /** How the held records were thinned, for exports to say: every `stride`-th older step of the first `keptRuns` runs. */
  get decimation(): { stride: number; keptRuns: number; runs: number; window: number } {
    return { stride: this.rows.stride, keptRuns: this.keptRuns, runs: this.runCount, window: this.rows.window };
  }

  /** Per-step ensemble mean and 10–90% band of one metric over all runs (x = step + 1). */
  bands(key: string): BandPoint[] {
    const out: BandPoint[] = [];
    const steps = this.bandHistory.steps;
    this.bandHistory.items.forEach((row, i) => {
      const b = row[key];
      if (b && Number.isFinite(b.mean)) out.push({ step: steps[i] + 1, mean: b.mean, q10: b.q10, q90: b.q90 });
    });
    return out;
  }

  /** The x (step + 1) of each index of series(). */
  seriesSteps(): number[] {
    return this.rows.steps.map((s) => s + 1);
  }

  /** One metric as series[run][i] at seriesSteps()[i] for the first `maxRuns` kept runs; missing values are NaN (never drawn). */
  series(key: string, maxRuns = Infinity): number[][] {
    const rows = this.rows.items;
    return Array.from({ length: Math.min(this.keptRuns, maxRuns) }, (_, run) => rows.map((row) => (typeof row[run]?.[key] === 'number' ? row[run][key] : NaN)));
  }

  /** The kept records, by run, step-ordered. */
  recordsByRun(): StepRecord[][] {
    const out: StepRecord[][] = Array.from({ length: this.keptRuns }, () => []);
    for (const row of this.rows.items) row.forEach((r, run) => r && out[run].push(r));
    return out;
  }

  /** The kept records, run-major and step-ordered (the CLI's order for one tick of the whole run). */
  records(): StepRecord[] {
    return this.recordsByRun().flat();
  }

  /** Metric keys of the records, in record order. */
  metricKeys(): string[] {
    return this.keys.slice();
  }

  /** The ensemble mean of every metric at the latest step. */
  latestMetrics(): Record<string, number> {
    const latest = this.bandHistory.latest;
    if (!latest) return {};
    return { step: this.steps, ...Object.fromEntries(this.keys.map((k) => [k, latest[k]?.mean ?? NaN])) };
  }
}

/** The page's one instance. */
export const runData = new RunData();
export const currentRecords = (): StepRecord[] => runData.records();
export const latestMetrics = (): Record<string, number> => runData.latestMetrics();
