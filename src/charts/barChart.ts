// Policy bars: π(a | s) of one state, one bar per action, grouped side by side when two
// configurations are compared (each in its own colour). Hovering or focusing reads out one
// action's probability under each configuration.
import { scaleBand, scaleLinear } from 'd3';
import { maxOf } from '../sim/arrays';
import { createFrame, type FrameOptions } from './chartFrame';
import { formatReadoutNumber } from './seriesTransforms';

export interface BarGroup {
  label: string;
  colour: string;
  values: number[];
}

export interface Bars {
  labels: string[];
  groups: BarGroup[];
}

export function createBarChart(el: HTMLElement, opts: FrameOptions) {
  const frame = createFrame(el, { aspect: 0.5, ...opts });
  const layer = frame.plot.append('g');
  const labelLayer = frame.plot.append('g');
  let bars: Bars = { labels: [], groups: [] };
  let band = scaleBand<number>();
  let focus: number | null = null;
  const count = () => maxOf(bars.groups.map((g) => g.values.length), 0);

  function showReadout(): void {
    layer.selectAll<SVGRectElement, { i: number }>('rect').attr('stroke', (d) => (d.i === focus ? 'currentColor' : null));
    if (focus === null || count() === 0) {
      frame.readout([]);
      return;
    }
    const i = focus;
    frame.readout([`${opts.xLabel} ${bars.labels[i] ?? i}`, ...bars.groups.map((g) => `${bars.groups.length > 1 ? `${g.label.split(':')[0]} ` : ''}${opts.yLabel} ${formatReadoutNumber(g.values[i] ?? NaN)}`)], (band(i) ?? 0) + band.bandwidth() / 2);
  }

  frame.onPointer({
    at(px) {
      const step = band.step() || 1;
      focus = Math.max(0, Math.min(count() - 1, Math.floor((px - (band.range()[0] ?? 0)) / step)));
      showReadout();
    },
    step(delta) {
      const n = count();
      focus = focus === null ? 0 : delta === Infinity ? n - 1 : delta === -Infinity ? 0 : Math.max(0, Math.min(n - 1, focus + delta));
      showReadout();
    },
    leave() {
      focus = null;
      showReadout();
    },
  });

  function draw(): void {
    frame.legend(bars.groups.length > 1 ? bars.groups.map((g) => ({ label: g.label, colour: g.colour, mark: 'swatch' as const })) : []);
    const n = count();
    const x = scaleLinear().domain([0, Math.max(1, n)]);
    const y = scaleLinear().domain([0, 1]);
    frame.axes(x, y);
    frame.svg.select('.axis.x').selectAll('*').remove();
    band = scaleBand<number>().domain(Array.from({ length: n }, (_, i) => i)).range([0, frame.width]).padding(0.15);
    const inner = scaleBand<number>().domain(bars.groups.map((_, g) => g)).range([0, band.bandwidth()]).padding(0.05);
    const data = bars.groups.flatMap((g, gi) => g.values.map((v, i) => ({ v, i, gi, colour: g.colour })));
    layer
      .selectAll('rect')
      .data(data)
      .join('rect')
      .attr('x', (d) => (band(d.i) ?? 0) + (inner(d.gi) ?? 0))
      .attr('width', inner.bandwidth())
      .attr('y', (d) => y(d.v))
      .attr('height', (d) => Math.max(0, frame.height - y(d.v)))
      .attr('fill', (d) => d.colour);
    const labels = Array.from({ length: n }, (_, i) => ({ i, label: bars.labels[i] ?? String(i) }));
    labelLayer
      .selectAll('text')
      .data(labels)
      .join('text')
      .attr('text-anchor', 'middle')
      .attr('fill', 'currentColor')
      .attr('x', (d) => (band(d.i) ?? 0) + band.bandwidth() / 2)
      .attr('y', frame.height + 14)
      .text((d) => (d.label.length > 8 ? `${d.label.slice(0, 7)}…` : d.label));
    showReadout();
  }

  frame.onResize(draw);
  draw();
  return {
    update(next: Bars) {
      bars = next;
      draw();
    },
    reset() {
      bars = { labels: [], groups: [] };
      draw();
    },
    destroy: () => frame.destroy(),
  };
}
