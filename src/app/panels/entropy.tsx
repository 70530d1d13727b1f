// Entropy vs step: each configuration's ensemble mean, 10–90% band and faint runs.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createLineChart } from '../../charts/lineChart';
import { metricSeries } from '../charts/chartModels';
import { ChartPanel } from '../charts/ChartPanel';
import { useChart } from '../charts/useChart';
import { definePanel, ENTROPY_MECHANISM, type ChartProps } from './panelSpec';
import { columnsOf, latestRows } from './shared';
import { sideLegend, useSides } from './sides';

function EntropyChart({ store, focused, onFocus }: ChartProps) {
  const { sides, version } = useSides(store);
  const total = useStore(store, (s) => s.totalSteps);
  const { ref, chart } = useChart((el) => createLineChart(el, { title: 'Policy entropy vs step', xLabel: 'step', yLabel: 'entropy H (nats)' }));
  useEffect(() => {
    const series = sides.map((s) => metricSeries(s.data, 'entropy', { colour: s.colour, prefix: s.prefix }, { label: 'entropy H' }));
    chart.current?.update(series, total, sideLegend(sides, [{ label: 'entropy H' }]));
    // `version` stands for the sides' data and names.
  }, [version, total, chart]);
  return (
    <ChartPanel id="entropy" title={entropyPanel.title} rows={latestRows(sides, ['entropy'])} columns={columnsOf(sides)} focused={focused} onFocus={onFocus}>
      <div ref={ref} className="chart-host" />
    </ChartPanel>
  );
}

export const entropyPanel = definePanel({
  id: 'entropy',
  title: 'Entropy',
  exportName: 'entropy',
  component: EntropyChart,
  explanation: {
    title: 'Policy entropy',
    formula: 'H(\\pi) = -\\sum_a \\pi(a\\mid s)\\log \\pi(a\\mid s)\\quad\\text{(averaged over visited states)}',
    text: 'How spread out the policy still is. Every run of the ensemble is one faint line; the band holds the middle 80% of runs and the thick line is their mean.',
    lookFor: 'Without an intervention entropy falls fast and early, and rarely comes back: once a token is almost certain, it stops being sampled otherwise.',
    citation: ENTROPY_MECHANISM,
  },
});
