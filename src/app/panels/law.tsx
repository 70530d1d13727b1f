// Reward against entropy with the fitted law R = −a·e^H + b, one point cloud and one fitted
// curve per configuration. The chart takes any number of sources: a further one (an imported
// log) is one more entry in `lawSources`.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createScatterChart, type CurveLayer, type ScatterLayer } from '../../charts/scatterChart';
import { LAW_R2_THRESHOLD } from '../../sim/fit';
import { lawModel, type LawModel } from '../charts/chartModels';
import { ChartPanel, type TableRow } from '../charts/ChartPanel';
import { useChart, useThrottledVersion } from '../charts/useChart';
import { definePanel, ENTROPY_MECHANISM, type ChartProps } from './panelSpec';
import { columnsOf, heldPoints } from './shared';
import { useSides, type Side } from './sides';
import { ImportedRunsSummary } from '../imported/ImportedRunsSummary';
import { importedLawLayers } from '../imported/importedLaw';
import { importedRuns } from '../imported/importedRuns';

/** One source of (H, R) points on the law chart, with its fit. */
export interface LawSource {
  id: string;
  label: string;
  colour: string;
  model: LawModel;
}

/** The chart's layers: each source's points, and its fitted curve in the same colour. */
export function lawLayers(sources: readonly LawSource[]): { layers: ScatterLayer[]; curves: CurveLayer[] } {
  return {
    layers: sources.map((s) => ({ id: s.id, label: s.label, colour: s.colour, points: s.model.points })),
    curves: sources.filter((s) => s.model.curve.length).map((s) => ({ id: `${s.id}-fit`, label: `${s.id === 'A' && sources.length === 1 ? '' : `${s.id} `}fit R = −a·eᴴ + b`, colour: s.colour, points: s.model.curve })),
  };
}

function lawSources(sides: readonly Side[]): LawSource[] {
  return sides.map((s) => ({ id: s.key, label: sides.length > 1 ? s.name : 'runs', colour: s.colour, model: lawModel(s.data) }));
}

function fitSentence(prefix: string, { fit, early }: LawModel): string {
  if (fit.a === null || fit.b === null || fit.ceiling === null) return `${prefix}The fit appears once entropy has moved.`;
  const main = `${prefix}a = ${fit.a.toFixed(3)} ± ${fit.seA?.toFixed(3)}, b = ${fit.b.toFixed(3)} ± ${fit.seB?.toFixed(3)}, R² = ${fit.r2?.toFixed(3)}; predicted ceiling (H → 0): ${fit.ceiling.toFixed(3)}`;
  return early && early.predictedFinal !== null ? `${main} · early fit (first third) forecasts ${early.predictedFinal.toFixed(3)} at the current entropy; actual ${early.actualFinal.toFixed(3)}` : main;
}

function LawChart({ store, focused, onFocus }: ChartProps) {
  const { sides, version: live } = useSides(store);
  const version = useThrottledVersion(live, heldPoints(sides));
  const { ref, chart } = useChart((el) => createScatterChart(el, { title: 'Reward vs entropy with the fitted law', xLabel: 'entropy H (nats)', yLabel: 'reward R' }));
  const [sources, setSources] = useState<LawSource[]>(() => lawSources(sides));
  // The user's imported training logs (issue 16) beside the simulated runs, each in its own colour.
  const imported = useStore(importedRuns, (s) => s.runs);
  useEffect(() => {
    const next = lawSources(sides);
    setSources(next);
    const simulated = lawLayers(next);
    const yours = importedLawLayers(imported);
    chart.current?.update({ layers: [...simulated.layers, ...yours.layers], curves: [...simulated.curves, ...yours.curves] });
  }, [version, imported, chart]);
  const warnings: string[] = [];
  const prefix = (i: number) => (sources.length > 1 ? `${sources[i].id}: ` : '');
  sources.forEach(({ model: { fit, points } }, i) => {
    if (points.length === 0) return;
    if (fit.r2 !== null && fit.r2 < LAW_R2_THRESHOLD) warnings.push(`${prefix(i)}R² = ${fit.r2.toFixed(2)} < ${LAW_R2_THRESHOLD}: these data do not support the law.`);
    if (fit.note) warnings.push(`${prefix(i)}${fit.note}`);
  });
  const value = (f: (m: LawModel) => number | null | undefined) => sources.map((s) => f(s.model) ?? null);
  const rows: TableRow[] = [
    { metric: 'fit.a', values: value((m) => m.fit.a) },
    { metric: 'fit.b', values: value((m) => m.fit.b) },
    { metric: 'fit.r2', values: value((m) => m.fit.r2) },
    { metric: 'fit.ceiling', values: value((m) => m.fit.ceiling) },
    { metric: 'earlyFit.predictedFinal', values: value((m) => m.early?.predictedFinal) },
    { metric: 'earlyFit.actualFinal', values: value((m) => m.early?.actualFinal) },
    { metric: 'earlyFit.error', values: value((m) => m.early?.error) },
  ];
  return (
    <ChartPanel id="law" title={lawPanel.title} rows={rows} columns={columnsOf(sides)} warnings={warnings} focused={focused} onFocus={onFocus}>
      <div ref={ref} className="chart-host" />
      <div className="fit-summary" aria-live="polite">
        {sources.map((s, i) => (
          <p key={s.id}>{fitSentence(prefix(i), s.model)}</p>
        ))}
      </div>
      <ImportedRunsSummary />
    </ChartPanel>
  );
}

export const lawPanel = definePanel({
  id: 'law',
  title: 'Entropy–reward law',
  exportName: 'law',
  component: LawChart,
  explanation: {
    title: 'Entropy–performance law',
    formula: 'R = -a\\,e^{H} + b,\\qquad R_{\\max} = b - a\\ \\ (H \\to 0)',
    text: 'Reward as a function of entropy, fitted by least squares over every step of every run. The fit on the first third of the run forecasts where reward will end up once entropy is spent.',
    lookFor:
      'A good fit (R² ≥ 0.8) and a ceiling b − a close to where reward actually stops: the policy traded its entropy for reward at a fixed exchange rate. Interventions that keep entropy can push reward past this ceiling.',
    citation: ENTROPY_MECHANISM,
  },
});
