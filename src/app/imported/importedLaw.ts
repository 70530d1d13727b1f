// What an imported run adds to the law chart (pure, tested without a DOM): its (H, R) points,
// its fitted law drawn from H = 0 (where the curve meets the ceiling b − a) to its highest
// entropy, and the early fit's forecast, dashed, over the steps the early fit did not see
// (the paper's forecast figure: fit on the first part, predict the last).
import type { CurveLayer, ScatterLayer } from '../../charts/scatterChart';
import { maxOf, minOf } from '../../sim/arrays';
import { lawCurve } from '../charts/chartModels';
import type { ImportedRun } from './importedRuns';

/** Run names in legends: W&B run names can be long. */
export function shortName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.length > 28 ? `${base.slice(0, 27)}…` : base;
}

export function importedLawLayers(runs: readonly ImportedRun[]): { layers: ScatterLayer[]; curves: CurveLayer[] } {
  const layers: ScatterLayer[] = [];
  const curves: CurveLayer[] = [];
  for (const run of runs) {
    const { entropy, reward } = run.series;
    const label = shortName(run.name);
    layers.push({ id: `imported-${run.id}`, label, colour: run.colour, points: entropy.map((h, i) => [h, reward[i]]) });
    const fit = lawCurve(run.fit, [0, maxOf(entropy, 0)]);
    if (fit.length) curves.push({ id: `imported-${run.id}-fit`, label: `${label} fit`, colour: run.colour, points: fit });
    const early = run.earlyFit;
    const heldOut = early ? entropy.slice(early.n) : [];
    if (early && heldOut.length) {
      const forecast = lawCurve(early, [minOf(heldOut), maxOf(heldOut)]);
      if (forecast.length) curves.push({ id: `imported-${run.id}-early`, label: `${label} early-fit forecast`, colour: run.colour, points: forecast, dashed: true });
    }
  }
  return { layers, curves };
}

const f3 = (v: number | null) => (v === null ? '—' : v.toFixed(3));

/** One run's fit in words: the law, its ceiling, and how well the early fit forecast the end. */
export function importedRunSentence(run: ImportedRun): string {
  const { fit, earlyFit: early, skipped } = run;
  const dropped = skipped.missing + skipped.notFinite;
  const source = `${run.name} (${run.format}, ${run.n} points${dropped ? `, ${dropped} rows skipped` : ''})`;
  if (fit.a === null) return `${source}: no fit: ${fit.note}.`;
  const law = `${source}: a = ${f3(fit.a)} ± ${f3(fit.seA)}, b = ${f3(fit.b)} ± ${f3(fit.seB)}, R² = ${f3(fit.r2)}${fit.supportsLaw ? '' : ' (below 0.8: the law does not describe this run)'}; ceiling b − a = ${f3(fit.ceiling)}.`;
  if (!early || early.predictedFinal === null) return `${law} Too few points for an early fit.`;
  return `${law} Fitted on the first ${Math.round(early.fraction * 100)}% (${early.n} points), the law forecast a final reward of ${f3(early.predictedFinal)}; the run ended at ${f3(early.actualFinal)} (error ${early.error! >= 0 ? '+' : ''}${f3(early.error)}).`;
}
