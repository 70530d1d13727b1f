// What the two sweep charts share: one cell's value of the shown metric (mean ± SE over runs),
// axis values printed compactly, points that are buttons, and the chart's update/reset shell.
import type { Selection } from 'd3';
import type { ChartFrame } from './chartFrame';

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

/** Cell marks as buttons: named, focusable, opened by click, Enter or Space. */
export function asCellButtons(marks: Selection<SVGGElement, SweepPoint, SVGGElement, unknown>, data: SweepChartData, onSelect: (index: number) => void): void {
  marks
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('aria-label', (p) => describePoint(data, p))
    .on('click', (_e, p) => onSelect(p.index))
    .on('keydown', (e: KeyboardEvent, p) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      onSelect(p.index);
    });
  marks.append('title').text((p) => describePoint(data, p));
}

/** A sweep chart's shell: `draw` paints the data it is given (null: nothing) on every change and resize. */
export function sweepChartShell(frame: ChartFrame, draw: (data: SweepChartData | null) => void) {
  let data: SweepChartData | null = null;
  const redraw = () => draw(data);
  frame.onResize(redraw);
  redraw();
  return {
    update(next: SweepChartData) {
      data = next;
      redraw();
    },
    reset() {
      data = null;
      redraw();
    },
    destroy: () => frame.destroy(),
  };
}
