// What one tick of an ensemble sends to a display (issue 13): the records of the first few
// runs (those a chart draws and an export holds), the bands of every metric over all runs at
// the tick's steps, and the law fit of everything so far. Its size depends on the kept runs,
// not on the ensemble, so a page never receives or holds every run's every record.
import { bandsOfRecords, type StepBands } from './ensemble';
import type { EarlyFit, LawFit } from './fit';
import { SummaryBuilder } from './summary';
import type { StepRecord } from './types';

/** Runs whose records a display keeps (the first ones; the rest reach it only as bands). */
export const KEPT_RUNS = 256;

export interface TickDigest {
  /** Records of runs < keptRuns, run-major. */
  records: StepRecord[];
  /** Every metric's bands over all runs at the tick's steps. */
  bands: StepBands;
  fit: LawFit;
  earlyFit: EarlyFit | null;
}

export class TickDigester {
  private readonly summary: SummaryBuilder;
  readonly keptRuns: number;

  constructor(runs: number, totalSteps: number) {
    this.summary = new SummaryBuilder(runs, totalSteps);
    this.keptRuns = Math.min(runs, KEPT_RUNS);
  }

  /** Digest a tick's records (all runs), taking the backend's bands of the keys it reduced. */
  digest(records: readonly StepRecord[], backendBands?: StepBands): TickDigest {
    this.summary.add(records, backendBands);
    const keys = metricKeys(records);
    const missing = keys.filter((k) => !backendBands || !(k in backendBands.bands));
    const host = missing.length ? bandsOfRecords(records, missing) : undefined;
    const bands: StepBands = {
      steps: host?.steps ?? backendBands?.steps ?? [],
      bands: Object.fromEntries(keys.map((k) => [k, backendBands?.bands[k] ?? host!.bands[k]])),
    };
    const { fit, earlyFit } = this.summary.fitSoFar();
    return { records: records.filter((r) => r.run < this.keptRuns), bands, fit, earlyFit };
  }
}

/** Metric keys of records, in record order (every record of a config has the same keys). */
export function metricKeys(records: readonly StepRecord[]): string[] {
  return records.length ? Object.keys(records[0]).filter((k) => k !== 'run' && k !== 'step') : [];
}
