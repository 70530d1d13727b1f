// What each chart shows, computed from the run data (pure, so it is tested without a DOM):
// series for the line charts, point clouds for the scatter charts, the law fit and the
// warnings a chart must carry. Series of one configuration share its colour and differ by
// line style (panels/sides.ts); `prefix` names the configuration ("B · ") when two are shown.
import { predictReward, type EarlyFit, type LawFit } from '../../sim/fit';
import { metricInfo } from '../../sim/metrics';
import { MAX_DRAWN_RUNS, type LineSeries } from '../../charts/lineChart';
import { runPoints } from '../../charts/seriesTransforms';
import type { RunData } from '../data/runData';

/** Line styles of a chart's own series, in order: solid, dashed, dotted, dash-dot. */
export const SERIES_DASHES: readonly (string | null)[] = [null, '6 4', '2 3', '10 3 2 3'];

export interface SeriesStyle {
  colour: string;
  /** Prefix of the label and id ("B · "), '' for a lone configuration. */
  prefix?: string;
}

export function metricSeries(data: RunData, key: string, style: SeriesStyle, opts: { label?: string; dash?: string | null } = {}): LineSeries {
  const prefix = style.prefix ?? '';
  const steps = data.seriesSteps();
  return {
    id: `${prefix}${key}`,
    label: `${prefix}${opts.label ?? metricInfo(key)?.label ?? key}`,
    colour: style.colour,
    bands: data.bands(key),
    // The first MAX_DRAWN_RUNS runs: building a thousand for faint lines is wasted work.
    runs: data.series(key, MAX_DRAWN_RUNS).map((values) => runPoints(values, steps)),
    runCount: data.runCount,
    dash: opts.dash ?? null,
  };
}

const has = (data: RunData, key: string) => data.metricKeys().includes(key);

/** Expected reward (solid), with pass@k dashed where the task has a verifier. */
export function rewardSeries(data: RunData, style: SeriesStyle): LineSeries[] {
  const out = [metricSeries(data, 'reward', style)];
  if (has(data, 'passAtK')) out.push(metricSeries(data, 'passAtK', style, { dash: SERIES_DASHES[1] }));
  return out;
}

/** Measured ΔH (solid) beside −covariance, the first-order prediction (dashed); neural runs add the tabular prediction (dotted). */
export function covarianceSeries(data: RunData, style: SeriesStyle): LineSeries[] {
  const out = [metricSeries(data, 'deltaH', style, { label: 'measured ΔH' }), metricSeries(data, 'predictedDeltaH', style, { label: 'predicted ΔH = −Cov', dash: SERIES_DASHES[1] })];
  if (has(data, 'tabularPredictedDeltaH')) out.push(metricSeries(data, 'tabularPredictedDeltaH', style, { label: 'tabular prediction', dash: SERIES_DASHES[2] }));
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
