// The step loop over a Backend (design.md): it alone owns time, advancing a bounded number
// of steps per tick, collecting per-run records, and building the summary with the fit,
// the early fit and ensemble bands.
import type { ExperimentConfig } from './config';
import { bandsByStep, type Band } from './ensemble';
import { earlyFit, fitLaw, type EarlyFit, type LawFit } from './fit';
import type { Backend, BackendName, RunStatus, StepRecord } from './types';
import { maxOf } from './arrays';

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
const ENSEMBLE_KEYS = ['entropy', 'reward', 'covariance', 'deltaH'] as const;

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
  /** Per-step bands over runs (runs > 1). */
  ensemble?: Record<(typeof ENSEMBLE_KEYS)[number], Band[]>;
}

/** Records grouped by run, step-ordered. */
export function recordsByRun(records: StepRecord[], runs: number): StepRecord[][] {
  const out: StepRecord[][] = Array.from({ length: runs }, () => []);
  for (const r of records) out[r.run].push(r);
  return out;
}

function mean(xs: number[]): number | null {
  return xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** The summary; `backendBands` are the ensemble bands when the backend reduced them itself. */
export function summarize(backend: BackendName, byRun: StepRecord[][], statuses: { status: RunStatus; reason?: string }[], backendBands?: Record<string, Band[]>): Summary {
  const series = byRun.map((recs) => ({ entropy: recs.map((r) => r.entropy), reward: recs.map((r) => r.reward) }));
  const perRun: RunSummary[] = byRun.map((recs, run) => ({
    run,
    status: statuses[run].status,
    ...(statuses[run].reason ? { reason: statuses[run].reason } : {}),
    steps: recs.length,
    finalEntropy: recs.length ? recs[recs.length - 1].entropy : null,
    finalReward: recs.length ? recs[recs.length - 1].reward : null,
    fit: fitLaw(series[run].entropy, series[run].reward),
  }));
  const withData = series.filter((s) => s.entropy.length > 0);
  const summary: Summary = {
    type: 'summary',
    backend,
    runs: byRun.length,
    steps: maxOf(byRun.map((r) => r.length), 0),
    fit: fitLaw(series.flatMap((s) => s.entropy), series.flatMap((s) => s.reward)),
    earlyFit: withData.length > 0 ? earlyFit(withData) : null,
    final: {
      entropy: mean(perRun.flatMap((r) => (r.finalEntropy === null ? [] : [r.finalEntropy]))),
      reward: mean(perRun.flatMap((r) => (r.finalReward === null ? [] : [r.finalReward]))),
    },
    diverged: perRun.flatMap((r) => (r.status === 'diverged' ? [{ run: r.run, reason: r.reason ?? 'diverged' }] : [])),
    perRun,
  };
  if (byRun.length > 1) {
    const bands = (key: string) => backendBands?.[key] ?? bandsByStep(byRun.map((recs) => recs.map((r) => r[key])));
    summary.ensemble = Object.fromEntries(ENSEMBLE_KEYS.map((k) => [k, bands(k)])) as Summary['ensemble'];
  }
  return summary;
}

export interface TickInfo {
  step: number;
  totalSteps: number;
  records: StepRecord[];
  done: boolean;
}

/** Run a backend to the end in ticks of `stepsPerTick`, reporting each tick. */
export async function runToEnd(
  config: ExperimentConfig,
  backend: Backend,
  opts: { stepsPerTick?: number; onTick?: (t: TickInfo) => void } = {},
): Promise<{ records: StepRecord[][]; summary: Summary }> {
  const all: StepRecord[] = [];
  const perTick = Math.max(1, opts.stepsPerTick ?? config.steps);
  for (;;) {
    const records = await backend.advance(perTick);
    all.push(...records);
    const done = backend.statuses().every((s) => s.status !== 'running');
    opts.onTick?.({ step: backend.step, totalSteps: config.steps, records, done });
    if (done || records.length === 0) break;
  }
  const byRun = recordsByRun(all, config.runs);
  return { records: byRun, summary: summarize(backend.name, byRun, backend.statuses(), backend.ensembleBands?.(ENSEMBLE_KEYS)) };
}
