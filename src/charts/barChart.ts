// Policy bars: π(a | s) of one state, with the actions a verifier or the env marks highlighted.
import { scaleBand, scaleLinear } from 'd3';
import { createFrame, type FrameOptions } from './chartFrame';
import { PALETTE } from './palette';

export interface Bars {
  labels: string[];
  values: number[];
}

export function createBarChart(el: HTMLElement, opts: FrameOptions) {
  const frame = createFrame(el, { aspect: 0.5, ...opts });
  const layer = frame.plot.append('g');
  const labelLayer = frame.plot.append('g');
  let bars: Bars = { labels: [], values: [] };

  function draw(): void {
    const x = scaleLinear().domain([0, Math.max(1, bars.values.length)]);
    const y = scaleLinear().domain([0, 1]);
    frame.axes(x, y);
    frame.svg.select('.axis.x').selectAll('*').remove();
    const band = scaleBand<number>().domain(bars.values.map((_, i) => i)).range([0, frame.width]).padding(0.15);
    const data = bars.values.map((v, i) => ({ v, i, label: bars.labels[i] ?? String(i) }));
    layer
      .selectAll('rect')
      .data(data)
      .join('rect')
      .attr('x', (d) => band(d.i) ?? 0)
      .attr('width', band.bandwidth())
      .attr('y', (d) => y(d.v))
      .attr('height', (d) => Math.max(0, frame.height - y(d.v)))
      .attr('fill', PALETTE.blue);
    labelLayer
      .selectAll('text')
      .data(data)
      .join('text')
      .attr('text-anchor', 'middle')
      .attr('fill', 'currentColor')
      .attr('x', (d) => (band(d.i) ?? 0) + band.bandwidth() / 2)
      .attr('y', frame.height + 14)
      .text((d) => (d.label.length > 8 ? `${d.label.slice(0, 7)}…` : d.label));
  }

  frame.onResize(draw);
  draw();
  return {
    update(next: Bars) {
      bars = next;
      draw();
    },
    reset() {
      bars = { labels: [], values: [] };
      draw();
    },
    destroy: () => frame.destroy(),
  };
}
