// What the two sweep charts share: one cell's value of the shown metric (mean ± SE over runs),
// axis values printed compactly, and the equally spaced positions of an axis's values (a sweep
// over 2e-4 … 0.5 reads better spaced by index than on a linear scale).

export interface SweepPoint {
  /** Cell index in the sweep (row-major over the axes). */
  index: number;
  /** The cell's value on each axis, in axis order. */
  at: number[];
  mean: number | null;
  se: number | null;
}

export interface SweepChartData {
  axisLabels: string[];
  axisValues: number[][];
  metricLabel: string;
  points: SweepPoint[];
}

/** 2e-4, 0.02, 1, 1.5e+3: short enough for a tick or a cell. */
export function formatAxisValue(v: number): string {
  if (v === 0) return '0';
  const abs = Math.abs(v);
  return abs < 1e-3 || abs >= 1e4 ? Number(v.toPrecision(3)).toExponential().replace('e-', 'e−') : String(Number(v.toPrecision(3)));
}

export function formatMetric(p: SweepPoint): string {
  if (p.mean === null) return '–';
  return p.se === null ? p.mean.toFixed(3) : `${p.mean.toFixed(3)} ± ${p.se.toFixed(3)}`;
}

/** The accessible name of a cell: "r = 0.02, β = 1: final reward 0.772 ± 0.022". */
export function describePoint(data: SweepChartData, p: SweepPoint): string {
  const where = p.at.map((v, a) => `${data.axisLabels[a]} = ${formatAxisValue(v)}`).join(', ');
  return `${where}: ${data.metricLabel} ${formatMetric(p)}`;
}
