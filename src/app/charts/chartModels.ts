// What each chart shows, computed from the run data (pure, so it is tested without a DOM):
// series for the line charts, point clouds for the scatter charts, the law fit and the
// warnings a chart must carry.
import { predictReward, type EarlyFit, type LawFit } from '../../sim/fit';
import { metricInfo } from '../../sim/metrics';
import { PALETTE } from '../../charts/palette';
import { MAX_DRAWN_RUNS, type LineSeries } from '../../charts/lineChart';
import { runPoints } from '../../charts/seriesTransforms';
import type { RunData } from '../data/runData';

export function metricSeries(data: RunData, key: string, colour: string, opts: { label?: string; dashed?: boolean } = {}): LineSeries {
  const steps = data.seriesSteps();
  return {
    id: key,
    label: opts.label ?? metricInfo(key)?.label ?? key,
    colour,
    bands: data.bands(key),
    // The first MAX_DRAWN_RUNS runs: building a thousand for faint lines is wasted work.
    runs: data.series(key, MAX_DRAWN_RUNS).map((values) => runPoints(values, steps)),
    runCount: data.runCount,
    dashed: opts.dashed,
  };
}

const has = (data: RunData, key: string) => data.metricKeys().includes(key);

/** Expected reward, with pass@k dashed (in the same colour when two configurations are compared). */
export function rewardSeries(data: RunData, colour: string = PALETTE.blue, prefix = ''): LineSeries[] {
  const out = [metricSeries(data, 'reward', colour, { label: `${prefix}${metricInfo('reward')?.label ?? 'reward'}` })];
  if (has(data, 'passAtK')) out.push(metricSeries(data, 'passAtK', prefix ? colour : PALETTE.green, { dashed: true, label: `${prefix}${metricInfo('passAtK')?.label ?? 'pass@k'}` }));
  return out;
}

/** −covariance (the first-order prediction) next to the measured ΔH; neural runs add the naive tabular prediction. */
export function covarianceSeries(data: RunData): LineSeries[] {
  const out = [metricSeries(data, 'predictedDeltaH', PALETTE.orange, { label: 'predicted ΔH = −Cov' }), metricSeries(data, 'deltaH', PALETTE.blue, { label: 'measured ΔH' })];
  if (has(data, 'tabularPredictedDeltaH')) out.push(metricSeries(data, 'tabularPredictedDeltaH', PALETTE.purple, { label: 'tabular prediction', dashed: true }));
  return out;
}

/** (predicted, measured) ΔH of every held record (runData.ts: the first runs, older steps thinned). */
export function covarianceScatter(data: RunData): [number, number][] {
  const out: [number, number][] = [];
  for (const run of data.recordsByRun()) for (const r of run) if (Number.isFinite(r.predictedDeltaH) && Number.isFinite(r.deltaH)) out.push([r.predictedDeltaH, r.deltaH]);
  return out;
}

/** The largest step ratio held: r ≥ 1 means the first-order prediction no longer applies. */
export function maxStepRatio(data: RunData): number {
  let max = 0;
  for (const run of data.recordsByRun()) for (const r of run) if (Number.isFinite(r.stepRatio)) max = Math.max(max, r.stepRatio);
  return max;
}

/**
 * [min, max] of the points' x values and 0. A loop, not Math.min(...xs): a thousand runs give
 * more points than a call can take as arguments.
 */
export function rangeWithZero(points: readonly [number, number][]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const [x] of points) {
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  return [lo, hi];
}

export interface LawModel {
  points: [number, number][];
  fit: LawFit;
  early: EarlyFit | null;
  curve: [number, number][];
}

/** R vs H of the held records, with the fit R = −a·e^H + b of every record and the early fit's forecast. */
export function lawModel(data: RunData): LawModel {
  const entropy = data.series('entropy');
  const reward = data.series('reward');
  const points: [number, number][] = [];
  entropy.forEach((h, r) => h.forEach((v, t) => Number.isFinite(v) && Number.isFinite(reward[r][t]) && points.push([v, reward[r][t]])));
  const fit = data.fit;
  const early = data.steps >= 6 ? data.earlyFit : null;
  const curve = points.length ? lawCurve(fit, rangeWithZero(points)) : [];
  return { points, fit, early, curve };
}

/** The law R = −a·e^H + b of a fit (or early fit) at 41 entropies across [lo, hi]; none without a fit. */
export function lawCurve(fit: { a: number | null; b: number | null }, [lo, hi]: [number, number]): [number, number][] {
  const curve: [number, number][] = [];
  for (let i = 0; i <= 40; i++) {
    const h = lo + ((hi - lo) * i) / 40;
    const r = predictReward(fit, h);
    if (r !== null) curve.push([h, r]);
  }
  return curve;
}

/** Metric keys that interventions added (anything outside the core catalog). */
export function interventionMetricKeys(data: RunData): string[] {
  return data.metricKeys().filter((k) => !metricInfo(k));
}

/**
 * Metrics that measure how much of the batch an intervention acted on: 0 means it did nothing
 * that step (e.g. Clip-Cov at a ratio that rounds to zero tokens, KL-Cov on one on-policy epoch).
 */
export const ACTIVITY_METRICS: readonly string[] = ['clipCovFrac', 'klCovActive', 'discriminatorDropFrac'];

/** Honest warnings for interventions that did nothing at the latest step, or on every step so far. */
export function idleInterventionWarnings(data: RunData): string[] {
  const latest = data.latestMetrics();
  const out: string[] = [];
  for (const key of ACTIVITY_METRICS) {
    if (latest[key] !== 0) continue;
    const everActive = data.series(key).some((run) => run.some((v) => v !== 0 && Number.isFinite(v)));
    out.push(everActive ? `${key} = 0 at step ${latest.step}: the intervention did nothing this step.` : `${key} = 0 on every step so far: the intervention has not acted at all.`);
  }
  return out;
}
