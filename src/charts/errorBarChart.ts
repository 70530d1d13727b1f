// Dose–response of a one-axis sweep: the metric's mean per axis value with ± 1 SE bars, the
// values spaced equally (a sweep often spans decades). Points are buttons: click, Enter or Space
// opens that cell's run.
import { line, scaleLinear } from 'd3';
import { createFrame, type FrameOptions } from './chartFrame';
import { PALETTE } from './palette';
import { maxOf, minOf } from '../sim/arrays';
import { asCellButtons, formatAxisValue, sweepChartShell, type SweepChartData, type SweepPoint } from './sweepScale';

export function createErrorBarChart(el: HTMLElement, opts: FrameOptions & { onSelect(index: number): void }) {
  const frame = createFrame(el, { aspect: 0.5, ...opts });
  const path = frame.plot.append('path').attr('fill', 'none').attr('stroke', PALETTE.blue).attr('stroke-width', 1.5);
  const layer = frame.plot.append('g');
  const labels = frame.plot.append('g');

  function draw(data: SweepChartData | null): void {
    layer.selectAll('*').remove();
    labels.selectAll('*').remove();
    path.attr('d', null);
    if (!data || data.axisValues.length !== 1) return;
    const values = data.axisValues[0];
    const shown = data.points.filter((p) => p.mean !== null);
    const lows = shown.map((p) => p.mean! - (p.se ?? 0));
    const highs = shown.map((p) => p.mean! + (p.se ?? 0));
    const lo = minOf(lows, 0);
    const hi = maxOf(highs, 1);
    const pad = (hi - lo) * 0.1 || 0.05;
    const x = scaleLinear().domain([-0.5, values.length - 0.5]);
    const y = scaleLinear().domain([lo - pad, hi + pad]).nice();
    frame.axes(x, y);
    frame.svg.selectAll('.axis.x *').remove();
    const px = (p: { at: number[] }) => x(values.indexOf(p.at[0]));
    path.attr('d', line<(typeof shown)[number]>().x(px).y((p) => y(p.mean!))(shown));
    const points = layer.selectAll<SVGGElement, SweepPoint>('g').data(shown).join('g').attr('class', 'sweep-point');
    asCellButtons(points, data, opts.onSelect);
    points
      .append('line')
      .attr('stroke', PALETTE.blue)
      .attr('x1', px)
      .attr('x2', px)
      .attr('y1', (p) => y(p.mean! - (p.se ?? 0)))
      .attr('y2', (p) => y(p.mean! + (p.se ?? 0)));
    points.append('circle').attr('r', 4).attr('fill', PALETTE.blue).attr('cx', px).attr('cy', (p) => y(p.mean!));
    labels
      .selectAll('text')
      .data(values)
      .join('text')
      .attr('text-anchor', 'middle')
      .attr('fill', 'currentColor')
      .attr('x', (_v, i) => x(i))
      .attr('y', frame.height + 14)
      .text(formatAxisValue);
  }

  return sweepChartShell(frame, draw);
}
