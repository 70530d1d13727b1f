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

/** Runs in a side's ensemble (its config's run count: RunData is read through its methods only). */
export const runCountOf = (side: Side): number => side.store.getState().config.runs;
