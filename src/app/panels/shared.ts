// Helpers the panels share: table rows of the latest values (one column per configuration)
// and the columns themselves.
import type { TableColumn, TableRow } from '../charts/ChartPanel';
import type { Side } from './sides';

/** The CLI's metric names with each side's latest ensemble mean (A, then B). */
export function latestRows(sides: readonly Side[], keys: readonly string[]): TableRow[] {
  const latest = sides.map((s) => s.data.latestMetrics());
  return [{ metric: 'step', values: latest.map((l) => l.step ?? 0) }, ...keys.map((k) => ({ metric: k, values: latest.map((l) => l[k] ?? null) }))];
}

export function columnsOf(sides: readonly Side[]): TableColumn[] {
  return sides.map((s) => ({ name: s.key, colour: s.colour }));
}

/** Held records over the sides (what refitting every point costs: the law and scatter charts throttle above a limit). */
export const heldPoints = (sides: readonly Side[]): number => sides.reduce((n, s) => n + s.data.keptRuns * s.data.heldSteps, 0);
