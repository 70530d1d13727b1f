// The lab's charts (ux.md): entropy, reward, the covariance term against measured ΔH, the
// entropy–reward law, the current policy, and what each intervention did.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createBarChart } from '../../charts/barChart';
import { createLineChart, type LineSeries } from '../../charts/lineChart';
import { PALETTE, SERIES_COLOURS } from '../../charts/palette';
import { createScatterChart } from '../../charts/scatterChart';
import { createTokenTreeChart } from '../../charts/tokenTreeChart';
import { LAW_R2_THRESHOLD } from '../../sim/fit';
import { useComparison, type Comparison } from '../compare/compare';
import { runData, type RunData } from '../data/runData';
import type { EmbedPanel } from '../embed/embedOptions';
import type { LabStore } from '../store/labStore';
import type { TokenTreeNode } from '../worker/tokenTree';
import { ChartPanel, type TableRow } from './ChartPanel';
import { covarianceScatter, covarianceSeries, idleInterventionWarnings, interventionMetricKeys, lawModel, maxStepRatio, metricSeries, rangeWithZero, rewardSeries } from './chartModels';
import { useChart, useFrameVersion, useThrottledVersion } from './useChart';
import { maxOf } from '../../sim/arrays';
import { ImportedRunsSummary } from '../imported/ImportedRunsSummary';
import { importedLawLayers } from '../imported/importedLaw';
import { importedRuns } from '../imported/importedRuns';

interface ChartProps {
  store: LabStore;
  focused: boolean;
  onFocus(id: EmbedPanel): void;
}

/** The table rows: the CLI's metric names for A, and `B.<name>` for the comparison's B side. */
function latestRows(keys: string[], comparison: Comparison | null = null): TableRow[] {
  const latest = runData.latestMetrics();
  const rows = [{ metric: 'step', value: latest.step ?? 0 }, ...keys.map((k) => ({ metric: k, value: latest[k] ?? null }))];
  if (!comparison) return rows;
  const b = comparison.data.latestMetrics();
  return [...rows, { metric: 'B.step', value: b.step ?? 0 }, ...keys.map((k) => ({ metric: `B.${k}`, value: b[k] ?? null }))];
}

/** A's series in blue, and B's in the second colour when a comparison is on (labels prefixed A · / B ·). */
function withComparison(comparison: Comparison | null, series: (data: RunData, colour: string, side: string) => LineSeries[]): LineSeries[] {
  if (!comparison) return series(runData, PALETTE.blue, '');
  return [...series(runData, PALETTE.blue, 'A · '), ...series(comparison.data, SERIES_COLOURS[1], 'B · ')];
}

export function EntropyChart({ store, focused, onFocus }: ChartProps) {
  const version = useFrameVersion(store);
  const total = useStore(store, (s) => s.totalSteps);
  const comparison = useComparison();
  const versionB = useFrameVersion(comparison?.store ?? store);
  const { ref, chart } = useChart((el) => createLineChart(el, { title: 'Policy entropy vs step', xLabel: 'step', yLabel: 'entropy H (nats)' }));
  useEffect(() => chart.current?.update(withComparison(comparison, (data, colour, side) => [metricSeries(data, 'entropy', colour, { label: `${side}entropy H` })]), total), [version, versionB, comparison, total, chart]);
  return (
    <ChartPanel id="entropy" title="Entropy" rows={latestRows(['entropy'], comparison)} focused={focused} onFocus={() => onFocus('entropy')}>
      <div ref={ref} />
    </ChartPanel>
  );
}

export function RewardChart({ store, focused, onFocus }: ChartProps) {
  const version = useFrameVersion(store);
  const total = useStore(store, (s) => s.totalSteps);
  const { ref, chart } = useChart((el) => createLineChart(el, { title: 'Expected reward vs step', xLabel: 'step', yLabel: 'reward J' }));
  const comparison = useComparison();
  const versionB = useFrameVersion(comparison?.store ?? store);
  useEffect(() => chart.current?.update(withComparison(comparison, (data, colour, side) => rewardSeries(data, colour, side)), total), [version, versionB, comparison, total, chart]);
  const keys = runData.metricKeys().filter((k) => ['reward', 'passAt1', 'passAtK', 'batchReward'].includes(k));
  return (
    <ChartPanel id="reward" title="Reward and pass@k" rows={latestRows(keys, comparison)} focused={focused} onFocus={() => onFocus('reward')}>
      <div ref={ref} />
    </ChartPanel>
  );
}

export function CovarianceChart({ store, focused, onFocus }: ChartProps) {
  const version = useThrottledVersion(useFrameVersion(store), runData.keptRuns * runData.heldSteps);
  const total = useStore(store, (s) => s.totalSteps);
  const line = useChart((el) => createLineChart(el, { title: 'Predicted and measured entropy change per step', xLabel: 'step', yLabel: 'ΔH per step', zeroLine: true }));
  const scatter = useChart((el) => createScatterChart(el, { title: 'Measured vs predicted ΔH', xLabel: 'predicted ΔH = −Cov(log π, Δz)', yLabel: 'measured ΔH' }));
  const [ratio, setRatio] = useState(0);
  useEffect(() => {
    line.chart.current?.update(covarianceSeries(runData), total);
    const points = covarianceScatter(runData);
    const [lo, hi] = rangeWithZero(points);
    scatter.chart.current?.update({
      layers: [{ id: 'steps', label: 'one step of one run', colour: PALETTE.blue, points }],
      curves: [{ id: 'identity', label: 'y = x', colour: PALETTE.grey, points: [[lo, lo], [hi, hi]], dashed: true }],
    });
    setRatio(maxStepRatio(runData));
  }, [version, total, line.chart, scatter.chart]);
  const warnings = ratio >= 1 ? [`Step ratio r reached ${ratio.toFixed(2)} ≥ 1: updates left the first-order regime, so −Cov no longer predicts ΔH well.`] : [];
  return (
    <ChartPanel id="covariance" title="Covariance term vs measured ΔH" rows={latestRows(['covariance', 'predictedDeltaH', 'deltaH', 'stepRatio'])} warnings={warnings} focused={focused} onFocus={() => onFocus('covariance')}>
      <div className="chart-pair">
        <div ref={line.ref} />
        <div ref={scatter.ref} />
      </div>
    </ChartPanel>
  );
}

export function LawChart({ store, focused, onFocus }: ChartProps) {
  const version = useThrottledVersion(useFrameVersion(store), runData.keptRuns * runData.heldSteps);
  const { ref, chart } = useChart((el) => createScatterChart(el, { title: 'Reward vs entropy with the fitted law', xLabel: 'entropy H (nats)', yLabel: 'reward R' }));
  const [model, setModel] = useState(() => lawModel(runData));
  // The user's imported runs (issue 16) beside the simulated ones, each in its own colour.
  const imported = useStore(importedRuns, (s) => s.runs);
  useEffect(() => {
    const m = lawModel(runData);
    setModel(m);
    const yours = importedLawLayers(imported);
    chart.current?.update({
      layers: [{ id: 'runs', label: 'runs', colour: PALETTE.blue, points: m.points }, ...yours.layers],
      curves: [...(m.curve.length ? [{ id: 'fit', label: 'R = −a·eᴴ + b', colour: PALETTE.vermillion, points: m.curve }] : []), ...yours.curves],
    });
  }, [version, imported, chart]);
  const { fit, early } = model;
  const warnings: string[] = [];
  if (fit.r2 !== null && fit.r2 < LAW_R2_THRESHOLD) warnings.push(`R² = ${fit.r2.toFixed(2)} < ${LAW_R2_THRESHOLD}: these data do not support the law.`);
  if (fit.note) warnings.push(fit.note);
  const rows: TableRow[] = [
    { metric: 'fit.a', value: fit.a },
    { metric: 'fit.b', value: fit.b },
    { metric: 'fit.r2', value: fit.r2 },
    { metric: 'fit.ceiling', value: fit.ceiling },
    { metric: 'earlyFit.predictedFinal', value: early?.predictedFinal ?? null },
    { metric: 'earlyFit.actualFinal', value: early?.actualFinal ?? null },
    { metric: 'earlyFit.error', value: early?.error ?? null },
  ];
  return (
    <ChartPanel id="law" title="Entropy–reward law" rows={rows} warnings={warnings} focused={focused} onFocus={() => onFocus('law')}>
      <div ref={ref} />
      <p className="fit-summary" aria-live="polite">
        {fit.a !== null && fit.b !== null && fit.ceiling !== null
          ? `a = ${fit.a.toFixed(3)} ± ${fit.seA?.toFixed(3)}, b = ${fit.b.toFixed(3)} ± ${fit.seB?.toFixed(3)}, R² = ${fit.r2?.toFixed(3)}; predicted ceiling (H → 0): ${fit.ceiling.toFixed(3)}`
          : 'The fit appears once entropy has moved.'}
        {early && early.predictedFinal !== null && ` · early fit (first third) forecasts ${early.predictedFinal.toFixed(3)} at the current entropy; actual ${early.actualFinal.toFixed(3)}`}
      </p>
      <ImportedRunsSummary />
    </ChartPanel>
  );
}

export function PolicyChart({ store, focused, onFocus }: ChartProps) {
  const policy = useStore(store, (s) => s.policy);
  const [row, setRow] = useState(0);
  const trees = policy.tokenTrees;
  const labels = trees ? trees.map((_, q) => `prompt ${q + 1}`) : policy.rowLabels;
  const shown = Math.min(row, Math.max(0, labels.length - 1));
  const rows: TableRow[] = trees
    ? (trees[shown] ?? []).filter((n) => n.reward !== undefined).map((n) => ({ metric: `P(${n.tokens.map((t) => policy.actionLabels[t]).join('')}) reward ${n.reward}`, value: n.pathProb }))
    : policy.actionLabels.map((a, i) => ({ metric: `π(${a} | ${policy.rowLabels[shown] ?? ''})`, value: policy.probs[shown]?.[i] ?? null }));
  return (
    <ChartPanel id="policy" title={trees ? 'Current policy: token tree' : 'Current policy'} rows={rows} focused={focused} onFocus={() => onFocus('policy')}>
      {labels.length > 1 && (
        <label className="inline">
          {trees ? 'prompt' : 'state'}{' '}
          <select value={shown} onChange={(e) => setRow(Number(e.target.value))}>
            {labels.map((l, i) => (
              <option key={i} value={i}>
                {l}
              </option>
            ))}
          </select>
        </label>
      )}
      {trees ? <TokenTreeView nodes={trees[shown] ?? []} tokenLabels={policy.actionLabels} /> : <PolicyBars labels={policy.actionLabels} values={policy.probs[shown] ?? []} />}
    </ChartPanel>
  );
}

function PolicyBars({ labels, values }: { labels: string[]; values: number[] }) {
  const { ref, chart } = useChart((el) => createBarChart(el, { title: 'Current policy of run 1', xLabel: 'action', yLabel: 'π(a | s)' }));
  useEffect(() => chart.current?.update({ labels, values }), [labels, values, chart]);
  return <div ref={ref} />;
}

function TokenTreeView({ nodes, tokenLabels }: { nodes: TokenTreeNode[]; tokenLabels: string[] }) {
  const { ref, chart } = useChart((el) => createTokenTreeChart(el, { title: 'Token tree of run 1: likeliest answers and the accepted ones', xLabel: 'answer position', yLabel: '' }));
  useEffect(() => {
    const length = maxOf(nodes.map((n) => n.tokens.length), 1);
    const fullCredit = maxOf(nodes.map((n) => n.reward ?? 0), 0);
    chart.current?.update({ nodes, length, fullCredit, tokenLabel: (t) => tokenLabels[t] ?? String(t) });
  }, [nodes, tokenLabels, chart]);
  return <div ref={ref} />;
}

export function InterventionChart({ store, focused, onFocus }: ChartProps) {
  const version = useFrameVersion(store);
  const total = useStore(store, (s) => s.totalSteps);
  const { ref, chart } = useChart((el) => createLineChart(el, { title: 'Intervention metrics vs step', xLabel: 'step', yLabel: 'value' }));
  const keys = interventionMetricKeys(runData);
  useEffect(() => chart.current?.update(interventionMetricKeys(runData).map((k, i) => metricSeries(runData, k, SERIES_COLOURS[i % SERIES_COLOURS.length])), total), [version, total, chart]);
  const warnings = keys.length === 0 ? ['No intervention is on: switch one on in the left panel to see what it does at each step.'] : idleInterventionWarnings(runData);
  return (
    <ChartPanel id="interventions" title="What the interventions did" rows={latestRows(keys)} warnings={warnings} focused={focused} onFocus={() => onFocus('interventions')}>
      <div ref={ref} />
    </ChartPanel>
  );
}
