// x–y chart: point clouds plus reference curves (y = x for predicted vs measured ΔH; the
// fitted R = −a·e^H + b over the entropy range for the law chart). Hovering or focusing reads
// out, at one x, each cloud's nearest point and each curve's value. A chart takes any number of
// layers and curves, so a further data source (an imported log) is one more entry.
import { extent, line, scaleLinear } from 'd3';
import { createFrame, type FrameOptions, type LegendItem } from './chartFrame';
import { downsample, formatReadoutNumber } from './seriesTransforms';

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
  /** SVG dash pattern (null: solid). */
  dash?: string | null;
}

const MAX_POINTS = 1500;
/** Keyboard read-outs move the x cursor in this many steps across the axis. */
const KEY_STEPS = 50;

/** The point of `points` nearest to x (by x), or undefined when there are none. */
export function nearestByX(points: readonly [number, number][], x: number): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (const p of points) if (Number.isFinite(p[1]) && (!best || Math.abs(p[0] - x) < Math.abs(best[0] - x))) best = p;
  return best;
}

/** A curve's y at x by linear interpolation between its points (sorted by x), or undefined outside it. */
export function curveAt(points: readonly [number, number][], x: number): number | undefined {
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    if ((x >= x0 && x <= x1) || (x <= x0 && x >= x1)) return x1 === x0 ? y0 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return undefined;
}

export function createScatterChart(el: HTMLElement, opts: FrameOptions) {
  const frame = createFrame(el, { aspect: 0.62, ...opts });
  const dotLayer = frame.plot.append('g');
  const curveLayer = frame.plot.append('g');
  const cursor = frame.plot.append('line').attr('class', 'cursor').attr('stroke', 'currentColor').attr('stroke-opacity', 0.5).attr('display', 'none');
  let layers: ScatterLayer[] = [];
  let curves: CurveLayer[] = [];
  let x = scaleLinear();
  let readX: number | null = null;

  function showReadout(): void {
    const [lo, hi] = x.domain();
    if (readX === null || (layers.every((l) => l.points.length === 0) && curves.length === 0)) {
      cursor.attr('display', 'none');
      frame.readout([]);
      return;
    }
    readX = Math.max(lo, Math.min(hi, readX));
    cursor.attr('display', null).attr('x1', x(readX)).attr('x2', x(readX)).attr('y1', 0).attr('y2', frame.height);
    const f = formatReadoutNumber;
    const parts = [`${opts.xLabel.split(' ')[0]} ${f(readX)}`];
    for (const l of layers) {
      const p = nearestByX(l.points, readX);
      if (p) parts.push(`${l.label}: nearest (${f(p[0])}, ${f(p[1])})`);
    }
    for (const c of curves) {
      const y = curveAt(c.points, readX);
      if (y !== undefined) parts.push(`${c.label}: ${f(y)}`);
    }
    frame.readout(parts, x(readX));
  }

  frame.onPointer({
    at(px) {
      readX = x.invert(px);
      showReadout();
    },
    step(delta) {
      const [lo, hi] = x.domain();
      readX = readX === null ? hi : delta === Infinity ? hi : delta === -Infinity ? lo : readX + (delta * (hi - lo)) / KEY_STEPS;
      showReadout();
    },
    leave() {
      readX = null;
      showReadout();
    },
  });

  function draw(): void {
    const keys: LegendItem[] = [...layers.map((l) => ({ label: l.label, colour: l.colour, mark: 'dot' as const })), ...curves.map((c) => ({ label: c.label, colour: c.colour, dash: c.dash }))];
    frame.legend(keys);
    const shown = layers.map((l) => ({ ...l, points: downsample(l.points, MAX_POINTS) }));
    const all = [...shown.flatMap((l) => l.points), ...curves.flatMap((c) => c.points)].filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
    const [x0 = 0, x1 = 1] = extent(all, (p) => p[0]);
    const [y0 = 0, y1 = 1] = extent(all, (p) => p[1]);
    x = scaleLinear().domain(x0 === x1 ? [x0 - 1e-3, x1 + 1e-3] : [x0, x1]).nice();
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
      .attr('stroke-dasharray', (c) => c.dash ?? null)
      .attr('d', (c) => path(c.points));
    showReadout();
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
