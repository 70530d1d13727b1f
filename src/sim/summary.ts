// The run summary of the CLI contract (design.md), built while records stream past: per-run
// running fit sums, last values and per-step ensemble bands in a bounded history, so memory
// does not grow with steps (issue 13). Per-run sums merge in run order at the end, so the
// fit does not depend on how the steps were split into ticks.
import { bandsOfRecords, type Band, type StepBands } from './ensemble';
import { earlyFitResult, earlyFitSteps, LawAccumulator, type EarlyFit, type LawFit } from './fit';
import { StepHistory } from './stepHistory';
import type { BackendName, RunStatus, StepRecord } from './types';

export interface RunSummary {
  run: number;
  status: RunStatus;
  reason?: string;
  steps: number;
  finalEntropy: number | null;
  finalReward: number | null;
  fit: LawFit;
}

/** The metrics whose per-step ensemble bands the summary carries. */
export const ENSEMBLE_KEYS = ['entropy', 'reward', 'covariance', 'deltaH'] as const;
type EnsembleKey = (typeof ENSEMBLE_KEYS)[number];

/** Bands kept at every step up to this many steps; longer runs keep every 2^k-th older step. */
export const SUMMARY_BAND_CAPACITY = 8192;
const SUMMARY_BAND_WINDOW = 1024;

/** The summary line of the CLI contract (design.md). */
export interface Summary {
  type: 'summary';
  backend: BackendName;
  runs: number;
  steps: number;
  fit: LawFit;
  earlyFit: EarlyFit | null;
  final: { entropy: number | null; reward: number | null };
  diverged: { run: number; reason: string }[];
  perRun: RunSummary[];
  /** Per-step bands over runs (runs > 1): entry i is step i, or step ensembleSteps[i] when thinned. */
  ensemble?: Record<EnsembleKey, Band[]>;
  /** The steps of the ensemble entries, present only when a long run thinned them. */
  ensembleSteps?: number[];
}

interface RunTotals {
  steps: number;
  finalEntropy: number | null;
  finalReward: number | null;
  fit: LawAccumulator;
  early: LawAccumulator;
}

export class SummaryBuilder {
  private readonly runTotals: RunTotals[];
  private readonly earlyCut: number;
  private readonly bands: StepHistory<Record<EnsembleKey, Band>> | undefined;

  constructor(runs: number, totalSteps: number) {
    this.runTotals = Array.from({ length: runs }, () => ({ steps: 0, finalEntropy: null, finalReward: null, fit: new LawAccumulator(), early: new LawAccumulator() }));
    this.earlyCut = earlyFitSteps(totalSteps);
    this.bands = runs > 1 ? new StepHistory(SUMMARY_BAND_CAPACITY, SUMMARY_BAND_WINDOW) : undefined;
  }

  /**
   * One tick's records (every running run's records of the steps it advanced, each run in step
   * order) and, when the backend reduced them itself, their bands.
   */
  add(records: readonly StepRecord[], backendBands?: StepBands): void {
    for (const r of records) {
      const t = this.runTotals[r.run];
      t.steps++;
      t.finalEntropy = r.entropy;
      t.finalReward = r.reward;
      t.fit.add(r.entropy, r.reward);
      if (r.step < this.earlyCut) t.early.add(r.entropy, r.reward);
    }
    if (!this.bands || records.length === 0) return;
    const tick = backendBands && ENSEMBLE_KEYS.every((k) => k in backendBands.bands) ? backendBands : bandsOfRecords(records, ENSEMBLE_KEYS);
    tick.steps.forEach((step, i) => this.bands!.push(step, Object.fromEntries(ENSEMBLE_KEYS.map((k) => [k, tick.bands[k][i]])) as Record<EnsembleKey, Band>));
  }

  /** The fit and early fit of every record so far (merging the runs' sums: O(runs)). */
  fitSoFar(): { fit: LawFit; earlyFit: EarlyFit | null; final: Summary['final']; steps: number } {
    const all = new LawAccumulator();
    const early = new LawAccumulator();
    let finals = 0;
    let finalEntropy = 0;
    let finalReward = 0;
    let steps = 0;
    for (const t of this.runTotals) {
      all.merge(t.fit);
      early.merge(t.early);
      steps = Math.max(steps, t.steps);
      if (t.finalEntropy === null || t.finalReward === null) continue;
      finals++;
      finalEntropy += t.finalEntropy;
      finalReward += t.finalReward;
    }
    return {
      fit: all.fit(),
      earlyFit: finals > 0 ? earlyFitResult(early, finalEntropy / finals, finalReward / finals) : null,
      final: { entropy: finals ? finalEntropy / finals : null, reward: finals ? finalReward / finals : null },
      steps,
    };
  }

  finish(backend: BackendName, statuses: readonly { status: RunStatus; reason?: string }[]): Summary {
    const perRun: RunSummary[] = this.runTotals.map((t, run) => ({
      run,
      status: statuses[run].status,
      ...(statuses[run].reason ? { reason: statuses[run].reason } : {}),
      steps: t.steps,
      finalEntropy: t.finalEntropy,
      finalReward: t.finalReward,
      fit: t.fit.fit(),
    }));
    const { fit, earlyFit, final, steps } = this.fitSoFar();
    const summary: Summary = {
      type: 'summary',
      backend,
      runs: this.runTotals.length,
      steps,
      fit,
      earlyFit,
      final,
      diverged: perRun.flatMap((r) => (r.status === 'diverged' ? [{ run: r.run, reason: r.reason ?? 'diverged' }] : [])),
      perRun,
    };
    if (this.bands) {
      const items = this.bands.items;
      summary.ensemble = Object.fromEntries(ENSEMBLE_KEYS.map((k) => [k, items.map((b) => b[k])])) as Summary['ensemble'];
      if (!this.bands.complete) summary.ensembleSteps = this.bands.steps.slice();
    }
    return summary;
  }
}

/** Records grouped by run, step-ordered. */
export function recordsByRun(records: readonly StepRecord[], runs: number): StepRecord[][] {
  const out: StepRecord[][] = Array.from({ length: runs }, () => []);
  for (const r of records) out[r.run].push(r);
  return out;
}

/** The summary of finished records (an imported experiment, a test), step by step as a run streams them. */
export function summarize(backend: BackendName, byRun: StepRecord[][], statuses: { status: RunStatus; reason?: string }[], totalSteps = maxLength(byRun)): Summary {
  const builder = new SummaryBuilder(byRun.length, totalSteps);
  for (let t = 0, steps = maxLength(byRun); t < steps; t++) builder.add(byRun.flatMap((recs) => (t < recs.length ? [recs[t]] : [])));
  return builder.finish(backend, statuses);
}

function maxLength(byRun: StepRecord[][]): number {
  let n = 0;
  for (const recs of byRun) n = Math.max(n, recs.length);
  return n;
}
