// What each chart shows, computed from the run data (pure, so it is tested without a DOM):
// series for the line charts, point clouds for the scatter charts, the law fit and the
// warnings a chart must carry.
import { earlyFit, fitLaw, predictReward, type EarlyFit, type LawFit } from '../../sim/fit';
import { metricInfo } from '../../sim/metrics';
import { PALETTE } from '../../charts/palette';
import type { LineSeries } from '../../charts/lineChart';
import { ensembleBands, runPoints } from '../../charts/seriesTransforms';
import type { RunData } from '../data/runData';

export function metricSeries(data: RunData, key: string, colour: string, opts: { label?: string; dashed?: boolean } = {}): LineSeries {
  const series = data.series(key);
  return {
    id: key,
    label: opts.label ?? metricInfo(key)?.label ?? key,
    colour,
    bands: ensembleBands(series),
    runs: series.map(runPoints),
    dashed: opts.dashed,
  };
}

const has = (data: RunData, key: string) => data.metricKeys().includes(key);

/** A configuration's lane in an A/B comparison: its data, colour and legend suffix. */
export interface Lane {
  data: RunData;
  colour: string;
  /** "" for a single configuration, " (B)" for the second one. */
  suffix: string;
}

export function rewardSeries(data: RunData, lane: { colour: string; suffix: string } = { colour: PALETTE.blue, suffix: '' }): LineSeries[] {
  const out = [metricSeries(data, 'reward', lane.colour, { label: `expected reward J${lane.suffix}` })];
  if (has(data, 'passAtK')) out.push(metricSeries(data, 'passAtK', lane.suffix ? lane.colour : PALETTE.green, { label: `pass@k${lane.suffix}`, dashed: true }));
  return out;
}

/** −covariance (the first-order prediction) next to the measured ΔH; neural runs add the naive tabular prediction. */
export function covarianceSeries(data: RunData): LineSeries[] {
  const out = [metricSeries(data, 'predictedDeltaH', PALETTE.orange, { label: 'predicted ΔH = −Cov' }), metricSeries(data, 'deltaH', PALETTE.blue, { label: 'measured ΔH' })];
  if (has(data, 'tabularPredictedDeltaH')) out.push(metricSeries(data, 'tabularPredictedDeltaH', PALETTE.purple, { label: 'tabular prediction', dashed: true }));
  return out;
}

/** (predicted, measured) ΔH of every run and step. */
export function covarianceScatter(data: RunData): [number, number][] {
  const out: [number, number][] = [];
  for (const run of data.byRun) for (const r of run) if (Number.isFinite(r.predictedDeltaH) && Number.isFinite(r.deltaH)) out.push([r.predictedDeltaH, r.deltaH]);
  return out;
}

/** The largest step ratio seen: r ≥ 1 means the first-order prediction no longer applies. */
export function maxStepRatio(data: RunData): number {
  let max = 0;
  for (const run of data.byRun) for (const r of run) if (Number.isFinite(r.stepRatio)) max = Math.max(max, r.stepRatio);
  return max;
}

export interface LawModel {
  points: [number, number][];
  fit: LawFit;
  early: EarlyFit | null;
  curve: [number, number][];
}

/** R vs H over all runs, with the fit R = −a·e^H + b and the early fit's forecast. */
export function lawModel(data: RunData): LawModel {
  const entropy = data.series('entropy');
  const reward = data.series('reward');
  const points: [number, number][] = [];
  entropy.forEach((h, r) => h.forEach((v, t) => Number.isFinite(v) && Number.isFinite(reward[r][t]) && points.push([v, reward[r][t]])));
  const fit = fitLaw(
    points.map((p) => p[0]),
    points.map((p) => p[1]),
  );
  const early = data.steps >= 6 ? earlyFit(entropy.map((h, r) => ({ entropy: h, reward: reward[r] }))) : null;
  const curve: [number, number][] = [];
  if (points.length && fit.a !== null) {
    const hs = points.map((p) => p[0]);
    const lo = Math.min(0, ...hs);
    const hi = Math.max(...hs);
    for (let i = 0; i <= 40; i++) {
      const h = lo + ((hi - lo) * i) / 40;
      const r = predictReward(fit, h);
      if (r !== null) curve.push([h, r]);
    }
  }
  return { points, fit, early, curve };
}

/** Metric keys that interventions added (anything outside the core catalog). */
export function interventionMetricKeys(data: RunData): string[] {
  return data.metricKeys().filter((k) => !metricInfo(k));
}
