// The sweep's chart: a heatmap for two axes, the dose–response with ± 1 SE bars for one, of the
// chosen cell statistic. Remounts when the axes or the statistic change (new titles and labels).
import { useEffect, useRef } from 'react';
import { createErrorBarChart } from '../../charts/errorBarChart';
import { createHeatmapChart } from '../../charts/heatmapChart';
import type { SweepChartData } from '../../charts/sweepScale';
import type { CellResult } from '../../sim/sweepSession';
import { useChart } from '../charts/useChart';
import { parseValues, type AxisDraft } from './sweepForm';

export const SWEEP_METRICS = { finalReward: 'final reward', finalEntropy: 'final entropy', meanEntropy: 'mean entropy over the run' } as const;
export type SweepMetric = keyof typeof SWEEP_METRICS;

interface Props {
  axes: AxisDraft[];
  results: CellResult[];
  metric: SweepMetric;
  onSelect(index: number): void;
}

/** The chart's data: each cell's statistic at its axis values. */
export function sweepChartData(axes: AxisDraft[], results: CellResult[], metric: SweepMetric): SweepChartData {
  return {
    axisLabels: axes.map((a) => a.path),
    axisValues: axes.map((a) => parseValues(a.values) as number[]),
    metricLabel: SWEEP_METRICS[metric],
    points: results.map((c) => ({ index: c.index, at: axes.map((a) => c.values[a.path]), mean: c[metric].mean, se: c[metric].se })),
  };
}

export function SweepChart(props: Props) {
  const key = `${props.metric}:${props.axes.map((a) => a.path).join(',')}`;
  return <Chart key={key} {...props} kind={props.axes.length === 2 ? 'heatmap' : 'lines'} />;
}

function Chart({ axes, results, metric, onSelect, kind }: Props & { kind: 'heatmap' | 'lines' }) {
  const title = `${SWEEP_METRICS[metric]} by ${axes.map((a) => a.path).join(' and ')}`;
  const select = useRef(onSelect);
  select.current = onSelect;
  const options = { title, xLabel: axes[kind === 'heatmap' ? 1 : 0].path, yLabel: kind === 'heatmap' ? axes[0].path : SWEEP_METRICS[metric], onSelect: (i: number) => select.current(i) };
  const { ref, chart } = useChart((el) => (kind === 'heatmap' ? createHeatmapChart(el, options) : createErrorBarChart(el, options)));
  useEffect(() => {
    chart.current?.update(sweepChartData(axes, results, metric));
  }, [axes, results, metric]);
  return <div className="chart sweep-chart" ref={ref} />;
}
