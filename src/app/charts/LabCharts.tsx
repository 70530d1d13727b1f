// The lab's charts (ux.md): entropy, reward, the covariance term against measured ΔH, the
// entropy–reward law, the current policy, and what each intervention did. With an A/B
// comparison, the second configuration's curves are overlaid in the second colour.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createBarChart } from '../../charts/barChart';
import { createLineChart } from '../../charts/lineChart';
import { PALETTE, SERIES_COLOURS } from '../../charts/palette';
import { createScatterChart } from '../../charts/scatterChart';
import { LAW_R2_THRESHOLD } from '../../sim/fit';
import type { RunData } from '../data/runData';
import type { EmbedPanel } from '../embed/embedOptions';
import type { LabStore } from '../store/labStore';
import { ChartPanel, type TableRow } from './ChartPanel';
import { covarianceScatter, covarianceSeries, interventionMetricKeys, lawModel, maxStepRatio, metricSeries, rewardSeries, type Lane } from './chartModels';
import { useChart, useFrameVersion } from './useChart';

export interface ChartProps {
  store: LabStore;
  /** The B configuration of an A/B comparison. */
  compare: LabStore | null;
  focused: boolean;
  onFocus(id: EmbedPanel): void;
}

/** The lanes to draw and a version that changes when any of them has new data. */
function useLanes(store: LabStore, compare: LabStore | null): { lanes: Lane[]; version: string; total: number } {
  const a = useFrameVersion(store);
  const b = useFrameVersion(compare ?? store);
  const total = useStore(store, (s) => s.totalSteps);
  const lanes: Lane[] = [{ data: store.getState().data, colour: PALETTE.blue, suffix: '' }];
  if (compare) lanes.push({ data: compare.getState().data, colour: PALETTE.orange, suffix: ' (B)' });
  return { lanes, version: `${a}:${compare ? b : '-'}`, total };
}

function latestRows(lanes: Lane[], keys: string[]): TableRow[] {
  return lanes.flatMap((lane) => {
    const latest = lane.data.latestMetrics();
    const name = (k: string) => `${k}${lane.suffix}`;
    return [{ metric: name('step'), value: latest.step ?? 0 }, ...keys.map((k) => ({ metric: name(k), value: latest[k] ?? null }))];
  });
}

export function EntropyChart({ store, compare, focused, onFocus }: ChartProps) {
  const { lanes, version, total } = useLanes(store, compare);
  const { ref, chart } = useChart((el) => createLineChart(el, { title: 'Policy entropy vs step', xLabel: 'step', yLabel: 'entropy H (nats)' }));
  useEffect(() => chart.current?.update(lanes.map((l) => metricSeries(l.data, 'entropy', l.colour, { label: `entropy${l.suffix}`, dashed: l.suffix !== '' })), total), [version, total, chart]);
  return (
    <ChartPanel id="entropy" title="Entropy" rows={latestRows(lanes, ['entropy'])} focused={focused} onFocus={() => onFocus('entropy')}>
      <div ref={ref} />
    </ChartPanel>
  );
}

export function RewardChart({ store, compare, focused, onFocus }: ChartProps) {
  const { lanes, version, total } = useLanes(store, compare);
  const { ref, chart } = useChart((el) => createLineChart(el, { title: 'Expected reward vs step', xLabel: 'step', yLabel: 'reward J' }));
  useEffect(() => chart.current?.update(lanes.flatMap((l) => rewardSeries(l.data, l)), total), [version, total, chart]);
  const keys = lanes[0].data.metricKeys().filter((k) => ['reward', 'passAt1', 'passAtK', 'batchReward'].includes(k));
  return (
    <ChartPanel id="reward" title="Reward and pass@k" rows={latestRows(lanes, keys)} focused={focused} onFocus={() => onFocus('reward')}>
      <div ref={ref} />
    </ChartPanel>
  );
}

export function CovarianceChart({ store, compare, focused, onFocus }: ChartProps) {
  const { lanes, version, total } = useLanes(store, compare);
  const line = useChart((el) => createLineChart(el, { title: 'Predicted and measured entropy change per step', xLabel: 'step', yLabel: 'ΔH per step', zeroLine: true }));
  const scatter = useChart((el) => createScatterChart(el, { title: 'Measured vs predicted ΔH', xLabel: 'predicted ΔH = −Cov(log π, Δz)', yLabel: 'measured ΔH' }));
  const [ratio, setRatio] = useState(0);
  useEffect(() => {
    line.chart.current?.update(covarianceSeries(lanes[0].data), total);
    const layers = lanes.map((l) => ({ id: `steps${l.suffix}`, label: `one step of one run${l.suffix}`, colour: l.colour, points: covarianceScatter(l.data) }));
    const xs = layers.flatMap((l) => l.points.map((p) => p[0]));
    const lo = Math.min(0, ...xs);
    const hi = Math.max(0, ...xs);
    scatter.chart.current?.update({ layers, curves: [{ id: 'identity', label: 'y = x', colour: PALETTE.grey, points: [[lo, lo], [hi, hi]], dashed: true }] });
    setRatio(Math.max(...lanes.map((l) => maxStepRatio(l.data))));
  }, [version, total, line.chart, scatter.chart]);
  const warnings = ratio >= 1 ? [`Step ratio r reached ${ratio.toFixed(2)} ≥ 1: updates left the first-order regime, so −Cov no longer predicts ΔH well.`] : [];
  return (
    <ChartPanel id="covariance" title="Covariance term vs measured ΔH" rows={latestRows(lanes, ['covariance', 'predictedDeltaH', 'deltaH', 'stepRatio'])} warnings={warnings} focused={focused} onFocus={() => onFocus('covariance')}>
      <div className="chart-pair">
        <div ref={line.ref} />
        <div ref={scatter.ref} />
      </div>
    </ChartPanel>
  );
}

function fitText(data: RunData): string {
  const { fit, early } = lawModel(data);
  if (fit.a === null || fit.b === null || fit.ceiling === null) return 'The fit appears once entropy has moved.';
  let text = `a = ${fit.a.toFixed(3)} ± ${fit.seA?.toFixed(3)}, b = ${fit.b.toFixed(3)} ± ${fit.seB?.toFixed(3)}, R² = ${fit.r2?.toFixed(3)}; predicted ceiling (H → 0): ${fit.ceiling.toFixed(3)}`;
  if (early?.predictedFinal != null) text += ` · early fit (first third) forecasts ${early.predictedFinal.toFixed(3)} at the current entropy; actual ${early.actualFinal.toFixed(3)}`;
  return text;
}

export function LawChart({ store, compare, focused, onFocus }: ChartProps) {
  const { lanes, version } = useLanes(store, compare);
  const { ref, chart } = useChart((el) => createScatterChart(el, { title: 'Reward vs entropy with the fitted law', xLabel: 'entropy H (nats)', yLabel: 'reward R' }));
  const [models, setModels] = useState(() => lanes.map((l) => lawModel(l.data)));
  useEffect(() => {
    const ms = lanes.map((l) => lawModel(l.data));
    setModels(ms);
    chart.current?.update({
      layers: lanes.map((l, i) => ({ id: `runs${l.suffix}`, label: `runs${l.suffix}`, colour: l.colour, points: ms[i].points })),
      curves: lanes.flatMap((l, i) => (ms[i].curve.length ? [{ id: `fit${l.suffix}`, label: `R = −a·eᴴ + b${l.suffix}`, colour: l.suffix ? PALETTE.purple : PALETTE.vermillion, points: ms[i].curve, dashed: l.suffix !== '' }] : [])),
    });
  }, [version, chart]);
  const warnings: string[] = [];
  const rows: TableRow[] = [];
  models.forEach(({ fit, early }, i) => {
    const suffix = lanes[i]?.suffix ?? '';
    if (fit.r2 !== null && fit.r2 < LAW_R2_THRESHOLD) warnings.push(`R² = ${fit.r2.toFixed(2)} < ${LAW_R2_THRESHOLD}${suffix}: these data do not support the law.`);
    if (fit.note) warnings.push(`${fit.note}${suffix}`);
    const add = (metric: string, value: number | null) => rows.push({ metric: `${metric}${suffix}`, value });
    add('fit.a', fit.a);
    add('fit.b', fit.b);
    add('fit.r2', fit.r2);
    add('fit.ceiling', fit.ceiling);
    add('earlyFit.predictedFinal', early?.predictedFinal ?? null);
    add('earlyFit.actualFinal', early?.actualFinal ?? null);
    add('earlyFit.error', early?.error ?? null);
  });
  return (
    <ChartPanel id="law" title="Entropy–reward law" rows={rows} warnings={warnings} focused={focused} onFocus={() => onFocus('law')}>
      <div ref={ref} />
      {lanes.map((l) => (
        <p key={l.suffix} className="fit-summary" aria-live="polite">
          {l.suffix && <strong>B: </strong>}
          {fitText(l.data)}
        </p>
      ))}
    </ChartPanel>
  );
}

export function PolicyChart({ store, focused, onFocus }: ChartProps) {
  const policy = useStore(store, (s) => s.policy);
  const [row, setRow] = useState(0);
  const { ref, chart } = useChart((el) => createBarChart(el, { title: 'Current policy of run 1', xLabel: 'action', yLabel: 'π(a | s)' }));
  const shown = Math.min(row, Math.max(0, policy.probs.length - 1));
  useEffect(() => chart.current?.update({ labels: policy.actionLabels, values: policy.probs[shown] ?? [] }), [policy, shown, chart]);
  const rows: TableRow[] = policy.actionLabels.map((a, i) => ({ metric: `π(${a} | ${policy.rowLabels[shown] ?? ''})`, value: policy.probs[shown]?.[i] ?? null }));
  return (
    <ChartPanel id="policy" title="Current policy" rows={rows} focused={focused} onFocus={() => onFocus('policy')}>
      {policy.rowLabels.length > 1 && (
        <label className="inline">
          state{' '}
          <select value={shown} onChange={(e) => setRow(Number(e.target.value))}>
            {policy.rowLabels.map((l, i) => (
              <option key={i} value={i}>
                {l}
              </option>
            ))}
          </select>
        </label>
      )}
      <div ref={ref} />
    </ChartPanel>
  );
}

/** Intervention metrics that have been 0 at every step so far: the intervention did nothing. */
function idleMetrics(data: RunData, keys: string[]): string[] {
  return keys.filter((k) => data.steps > 0 && data.series(k).every((run) => run.every((v) => v === 0)));
}

export function InterventionChart({ store, compare, focused, onFocus }: ChartProps) {
  const { lanes, version, total } = useLanes(store, compare);
  const { ref, chart } = useChart((el) => createLineChart(el, { title: 'Intervention metrics vs step', xLabel: 'step', yLabel: 'value' }));
  const data = lanes[0].data;
  const keys = interventionMetricKeys(data);
  useEffect(() => chart.current?.update(interventionMetricKeys(data).map((k, i) => metricSeries(data, k, SERIES_COLOURS[i % SERIES_COLOURS.length])), total), [version, total, chart]);
  const warnings = keys.length === 0 ? ['No intervention is on: switch one on in the left panel to see what it does at each step.'] : idleMetrics(data, keys).map((k) => `${k} has been 0 at every step: that intervention has not acted in this run.`);
  return (
    <ChartPanel id="interventions" title="What the interventions did" rows={latestRows(lanes.slice(0, 1), keys)} warnings={warnings} focused={focused} onFocus={() => onFocus('interventions')}>
      <div ref={ref} />
    </ChartPanel>
  );
}
