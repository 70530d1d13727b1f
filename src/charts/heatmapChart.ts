// Heatmap of a two-axis sweep: one cell per pair of axis values, coloured by the metric's mean
// (viridis, labelled with the number so colour is never the only cue). Cells are buttons: click,
// Enter or Space opens that cell's run.
import { interpolateViridis, scaleLinear, scaleSequential } from 'd3';
import { createFrame, type FrameOptions } from './chartFrame';
import { maxOf, minOf } from '../sim/arrays';
import { asCellButtons, formatAxisValue, sweepChartShell, type SweepChartData, type SweepPoint } from './sweepScale';

export function createHeatmapChart(el: HTMLElement, opts: FrameOptions & { onSelect(index: number): void }) {
  const frame = createFrame(el, { aspect: 0.6, ...opts });
  const layer = frame.plot.append('g');
  const labels = frame.plot.append('g');

  function draw(data: SweepChartData | null): void {
    layer.selectAll('*').remove();
    labels.selectAll('*').remove();
    if (!data || data.axisValues.length !== 2) return;
    const [rows, cols] = data.axisValues;
    frame.axes(scaleLinear().domain([0, cols.length]), scaleLinear().domain([0, rows.length]));
    frame.svg.selectAll('.axis *').remove();
    const w = frame.width / cols.length;
    const h = frame.height / rows.length;
    const means = data.points.flatMap((p) => (p.mean === null ? [] : [p.mean]));
    const colour = scaleSequential(interpolateViridis).domain([minOf(means, 0), maxOf(means, 1)]);
    const cells = layer
      .selectAll<SVGGElement, SweepPoint>('g')
      .data(data.points)
      .join('g')
      .attr('class', 'heatmap-cell')
      .attr('transform', (p) => `translate(${cols.indexOf(p.at[1]) * w},${(rows.length - 1 - rows.indexOf(p.at[0])) * h})`);
    asCellButtons(cells, data, opts.onSelect);
    cells
      .append('rect')
      .attr('width', Math.max(0, w - 1))
      .attr('height', Math.max(0, h - 1))
      .attr('fill', (p) => (p.mean === null ? '#ddd' : colour(p.mean)));
    cells
      .append('text')
      .attr('x', w / 2)
      .attr('y', h / 2 + 4)
      .attr('text-anchor', 'middle')
      .attr('fill', (p) => (p.mean !== null && colour.domain()[1] > colour.domain()[0] && (p.mean - colour.domain()[0]) / (colour.domain()[1] - colour.domain()[0]) > 0.6 ? '#000' : '#fff'))
      .text((p) => (p.mean === null ? '' : p.mean.toFixed(2)));
    labels
      .selectAll('text.col')
      .data(cols)
      .join('text')
      .attr('class', 'col')
      .attr('text-anchor', 'middle')
      .attr('fill', 'currentColor')
      .attr('x', (_v, i) => (i + 0.5) * w)
      .attr('y', frame.height + 14)
      .text(formatAxisValue);
    labels
      .selectAll('text.row')
      .data(rows)
      .join('text')
      .attr('class', 'row')
      .attr('text-anchor', 'end')
      .attr('fill', 'currentColor')
      .attr('x', -4)
      .attr('y', (_v, i) => (rows.length - 0.5 - i) * h + 4)
      .text(formatAxisValue);
  }

  return sweepChartShell(frame, draw);
}
