// x–y chart: point clouds plus reference curves (y = x for predicted vs measured ΔH; the
// fitted R = −a·e^H + b over the entropy range for the law chart).
import { extent, line, scaleLinear } from 'd3';
import { createFrame, type FrameOptions } from './chartFrame';
import { downsample } from './seriesTransforms';

export interface ScatterLayer {
  id: string;
  label: string;
  colour: string;
  points: [number, number][];
}

export interface CurveLayer {
  id: string;
  label: string;
  colour: string;
  points: [number, number][];
  dashed?: boolean;
}

const MAX_POINTS = 1500;

export function createScatterChart(el: HTMLElement, opts: FrameOptions) {
  const frame = createFrame(el, { aspect: 0.62, ...opts });
  const dotLayer = frame.plot.append('g');
  const curveLayer = frame.plot.append('g');
  const legend = frame.svg.append('g').attr('transform', 'translate(60,6)');
  let layers: ScatterLayer[] = [];
  let curves: CurveLayer[] = [];

  function draw(): void {
    const shown = layers.map((l) => ({ ...l, points: downsample(l.points, MAX_POINTS) }));
    const all = [...shown.flatMap((l) => l.points), ...curves.flatMap((c) => c.points)].filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
    const [x0 = 0, x1 = 1] = extent(all, (p) => p[0]);
    const [y0 = 0, y1 = 1] = extent(all, (p) => p[1]);
    const x = scaleLinear().domain(x0 === x1 ? [x0 - 1e-3, x1 + 1e-3] : [x0, x1]).nice();
    const y = scaleLinear().domain(y0 === y1 ? [y0 - 1e-3, y1 + 1e-3] : [y0, y1]).nice();
    frame.axes(x, y);
    const dots = shown.flatMap((l) => l.points.map((p) => ({ colour: l.colour, p })));
    dotLayer
      .selectAll('circle')
      .data(dots)
      .join('circle')
      .attr('r', 2)
      .attr('fill', (d) => d.colour)
      .attr('fill-opacity', 0.45)
      .attr('cx', (d) => x(d.p[0]))
      .attr('cy', (d) => y(d.p[1]));
    const path = line<[number, number]>().x((p) => x(p[0])).y((p) => y(p[1]));
    curveLayer
      .selectAll('path')
      .data(curves, (d) => (d as CurveLayer).id)
      .join('path')
      .attr('fill', 'none')
      .attr('stroke', (c) => c.colour)
      .attr('stroke-width', 2)
      .attr('stroke-dasharray', (c) => (c.dashed ? '6 4' : null))
      .attr('d', (c) => path(c.points));
    const keys = [...shown.map((l) => ({ id: l.id, label: l.label, colour: l.colour, dot: true })), ...curves.map((c) => ({ id: c.id, label: c.label, colour: c.colour, dot: false }))];
    let offset = 0;
    legend
      .selectAll<SVGTextElement, (typeof keys)[number]>('text')
      .data(keys, (k) => k.id)
      .join('text')
      .attr('fill', (k) => k.colour)
      .attr('y', 10)
      .text((k) => `${k.dot ? '●' : '—'} ${k.label}`)
      .attr('x', (k) => {
        const at = offset;
        offset += 24 + k.label.length * 6.2;
        return at;
      });
  }

  frame.onResize(draw);
  draw();
  return {
    update(next: { layers: ScatterLayer[]; curves?: CurveLayer[] }) {
      layers = next.layers;
      curves = next.curves ?? [];
      draw();
    },
    reset() {
      layers = [];
      curves = [];
      draw();
    },
    destroy: () => frame.destroy(),
  };
}
