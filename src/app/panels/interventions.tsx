// What each intervention did at every step: its metrics in its configuration's colour, one line
// style per metric. A comparison whose A has no intervention shows B's, and says so.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createLineChart } from '../../charts/lineChart';
import { idleInterventionWarnings, interventionMetricKeys, metricSeries, SERIES_DASHES } from '../charts/chartModels';
import { ChartPanel } from '../charts/ChartPanel';
import { useChart } from '../charts/useChart';
import { definePanel, type ChartProps } from './panelSpec';
import { columnsOf, latestRows } from './shared';
import { sideLegend, useSides } from './sides';

const dashOf = (keys: string[], key: string) => SERIES_DASHES[keys.indexOf(key) % SERIES_DASHES.length];

function InterventionChart({ store, focused, onFocus }: ChartProps) {
  const { sides, version } = useSides(store);
  const total = useStore(store, (s) => s.totalSteps);
  const { ref, chart } = useChart((el) => createLineChart(el, { title: 'Intervention metrics vs step', xLabel: 'step', yLabel: 'value' }));
  const perSide = sides.map((s) => interventionMetricKeys(s.data));
  const keys = [...new Set(perSide.flat())];
  useEffect(() => {
    const series = sides.flatMap((s, i) => perSide[i].map((k) => metricSeries(s.data, k, { colour: s.colour, prefix: s.prefix }, { dash: dashOf(keys, k) })));
    chart.current?.update(series, total, sideLegend(sides, keys.map((k) => ({ label: k, dash: dashOf(keys, k) }))));
  }, [version, total, chart]);
  const idle = sides.flatMap((s) => idleInterventionWarnings(s.data).map((w) => `${s.prefix}${w}`));
  const warnings = keys.length === 0 ? [sides.length > 1 ? 'Neither A nor B has an intervention on: switch one on in the left panel to see what it does at each step.' : 'No intervention is on: switch one on in the left panel to see what it does at each step.'] : idle;
  const without = sides.filter((_, i) => keys.length > 0 && perSide[i].length === 0).map((s) => `${s.key} has no intervention on; the lines are the other side’s.`);
  return (
    <ChartPanel id="interventions" title={interventionsPanel.title} rows={latestRows(sides, keys)} columns={columnsOf(sides)} warnings={[...without, ...warnings]} focused={focused} onFocus={onFocus}>
      <div ref={ref} className="chart-host" />
    </ChartPanel>
  );
}

export const interventionsPanel = definePanel({
  id: 'interventions',
  title: 'What the interventions did',
  exportName: 'interventions',
  component: InterventionChart,
  explanation: {
    title: 'What the interventions did',
    formula: '\\text{per-step metrics of each active intervention}',
    text: 'Each intervention reports how much it acted at every step: the fraction of tokens it clipped or penalised, its coefficient or temperature.',
    lookFor: 'An intervention that stays at 0 did nothing here (for example KL-Cov with a single epoch). Compare with its effect on the entropy chart.',
  },
});
