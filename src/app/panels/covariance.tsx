// The covariance term against the measured entropy change: per step (measured solid, predicted
// dashed, in each configuration's colour) and as a scatter of every run and step around y = x.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createLineChart } from '../../charts/lineChart';
import { PALETTE } from '../../charts/palette';
import { createScatterChart } from '../../charts/scatterChart';
import { covarianceScatter, covarianceSeries, maxStepRatio, rangeWithZero, SERIES_DASHES } from '../charts/chartModels';
import { ChartPanel } from '../charts/ChartPanel';
import { useChart, useThrottledVersion } from '../charts/useChart';
import { definePanel, ENTROPY_MECHANISM, type ChartProps } from './panelSpec';
import { columnsOf, heldPoints, latestRows } from './shared';
import { sideLegend, useSides } from './sides';

function CovarianceChart({ store, focused, onFocus }: ChartProps) {
  const { sides, version: live } = useSides(store);
  const version = useThrottledVersion(live, heldPoints(sides));
  const total = useStore(store, (s) => s.totalSteps);
  const line = useChart((el) => createLineChart(el, { title: 'Predicted and measured entropy change per step', xLabel: 'step', yLabel: 'ΔH per step', zeroLine: true }));
  const scatter = useChart((el) => createScatterChart(el, { title: 'Measured vs predicted ΔH', xLabel: 'predicted ΔH = −Cov(log π, Δz)', yLabel: 'measured ΔH' }));
  const [ratios, setRatios] = useState<number[]>([]);
  useEffect(() => {
    const series = sides.flatMap((s) => covarianceSeries(s.data, { colour: s.colour, prefix: s.prefix }));
    const kinds = [{ label: 'measured ΔH' }, { label: 'predicted ΔH = −Cov', dash: SERIES_DASHES[1] }, ...(series.some((s) => s.id.endsWith('tabularPredictedDeltaH')) ? [{ label: 'tabular prediction', dash: SERIES_DASHES[2] }] : [])];
    line.chart.current?.update(series, total, sideLegend(sides, kinds));
    const layers = sides.map((s) => ({ id: s.key, label: sides.length > 1 ? s.key : 'one step of one run', colour: s.colour, points: covarianceScatter(s.data) }));
    const [lo, hi] = rangeWithZero(layers.flatMap((l) => l.points));
    scatter.chart.current?.update({ layers, curves: [{ id: 'identity', label: 'y = x', colour: PALETTE.grey, points: [[lo, lo], [hi, hi]], dash: SERIES_DASHES[1] }] });
    setRatios(sides.map((s) => maxStepRatio(s.data)));
  }, [version, total, line.chart, scatter.chart]);
  const warnings = sides.flatMap((s, i) => ((ratios[i] ?? 0) >= 1 ? [`${s.prefix}Step ratio r reached ${ratios[i].toFixed(2)} ≥ 1: updates left the first-order regime, so −Cov no longer predicts ΔH well.`] : []));
  return (
    <ChartPanel id="covariance" title={covariancePanel.title} rows={latestRows(sides, ['covariance', 'predictedDeltaH', 'deltaH', 'stepRatio'])} columns={columnsOf(sides)} warnings={warnings} focused={focused} onFocus={onFocus}>
      <div className="chart-pair">
        <div ref={line.ref} className="chart-host" />
        <div ref={scatter.ref} className="chart-host" />
      </div>
    </ChartPanel>
  );
}

export const covariancePanel = definePanel({
  id: 'covariance',
  title: 'Covariance term vs measured ΔH',
  exportName: 'covariance',
  component: CovarianceChart,
  explanation: {
    title: 'The covariance term',
    formula: '\\Delta H \\approx -\\operatorname{Cov}_{a\\sim\\pi}\\big(\\log\\pi(a),\\, \\Delta z_a\\big)',
    text: 'To first order, the entropy change of a softmax policy is minus the covariance between the log-probability of an action and the change of its logit. For policy gradient Δz = η·π·A, so confident actions with high advantage drive entropy down.',
    lookFor:
      'The two lines should lie on top of each other and the points on the dashed y = x line, closely in exact mode and noisily but unbiased in sampled mode. The covariance stays mostly positive, so entropy keeps falling. A step ratio r ≥ 1 means the step was too large for the first-order picture. In multi-step tasks (chain, gridworld, tokens) the identity holds at fixed state visitation: when the update also changes which states are visited, that shift adds to the measured ΔH.',
    citation: ENTROPY_MECHANISM,
  },
});
