// Expected reward vs step (solid) and pass@k (dashed) for each configuration.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createLineChart } from '../../charts/lineChart';
import { metricInfo } from '../../sim/metrics';
import { rewardSeries, SERIES_DASHES } from '../charts/chartModels';
import { ChartPanel } from '../charts/ChartPanel';
import { useChart } from '../charts/useChart';
import { definePanel, type ChartProps } from './panelSpec';
import { columnsOf, latestRows } from './shared';
import { sideLegend, useSides } from './sides';

const TABLE_KEYS = ['reward', 'passAt1', 'passAtK', 'batchReward'];

function RewardChart({ store, focused, onFocus }: ChartProps) {
  const { sides, version } = useSides(store);
  const total = useStore(store, (s) => s.totalSteps);
  const { ref, chart } = useChart((el) => createLineChart(el, { title: 'Expected reward vs step', xLabel: 'step', yLabel: 'reward J' }));
  useEffect(() => {
    const series = sides.flatMap((s) => rewardSeries(s.data, { colour: s.colour, prefix: s.prefix }));
    const kinds = [{ label: metricInfo('reward')!.label }, ...(series.some((s) => s.id.endsWith('passAtK')) ? [{ label: metricInfo('passAtK')!.label, dash: SERIES_DASHES[1] }] : [])];
    chart.current?.update(series, total, sideLegend(sides, kinds));
  }, [version, total, chart]);
  const present = new Set(sides.flatMap((s) => s.data.metricKeys()));
  const keys = TABLE_KEYS.filter((k) => present.has(k));
  return (
    <ChartPanel id="reward" title={rewardPanel.title} rows={latestRows(sides, keys)} columns={columnsOf(sides)} focused={focused} onFocus={onFocus}>
      <div ref={ref} className="chart-host" />
    </ChartPanel>
  );
}

export const rewardPanel = definePanel({
  id: 'reward',
  title: 'Reward and pass@k',
  exportName: 'reward',
  component: RewardChart,
  explanation: {
    title: 'Reward and pass@k',
    formula: 'J(\\pi) = \\mathbb{E}_{a\\sim\\pi}[r(a)],\\qquad \\text{pass@}k = 1 - \\binom{n-c}{k}\\Big/\\binom{n}{k}',
    text: 'The exact expected reward of the current policy (and, for the token task, the chance that at least one of k samples is correct).',
    lookFor: 'Reward saturates when entropy is gone: the policy can only sharpen what it already samples. pass@k can fall while pass@1 rises.',
  },
});
