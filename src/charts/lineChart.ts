// Metric-vs-step chart: per series an ensemble mean line, its 10–90% band, and faint
// individual runs (design.md: "ensemble bands"): SVG paths for a few, a canvas under the SVG
// for many (hundreds of paths would make every redraw a DOM rebuild). Hovering or focusing the
// chart reads out every series' mean and band at one step.
import { area, extent, line, scaleLinear } from 'd3';
import { maxOf } from '../sim/arrays';
import { createFrame, type FrameOptions, type LegendItem } from './chartFrame';
import { bandAt, downsample, formatReadout, type BandPoint } from './seriesTransforms';

export interface LineSeries {
  id: string;
  /** The series' name in read-outs ("A · entropy H"). */
  label: string;
  colour: string;
  bands: BandPoint[];
  /** Individual runs as [step, value] (drawn faintly; at most MAX_DRAWN_RUNS of them). */
  runs?: [number, number][][];
  /** Runs in the ensemble, when `runs` holds only the first MAX_DRAWN_RUNS of them. */
  runCount?: number;
  /** SVG dash pattern of the mean line (null: solid). */
  dash?: string | null;
}

export interface LineChartOptions extends FrameOptions {
  /** Fixed y domain (e.g. [0, 1] for probabilities); otherwise fitted to the data. */
  yDomain?: [number, number];
  /** Draw y = 0 (for signed quantities such as ΔH). */
  zeroLine?: boolean;
  /** Steps on the x axis even before data arrive. */
  totalSteps?: number;
}

const MAX_POINTS = 400;
/** Up to this many runs per series are SVG paths; more go on the canvas layer. */
export const MAX_FAINT_RUNS = 16;
/** Runs per series drawn at all (the first ones): beyond, the band says it and drawing costs. */
export const MAX_DRAWN_RUNS = 100;

/** A canvas under the chart's SVG, over its plot area, for many faint runs (aria-hidden: the SVG and table carry the content). */
function createRunCanvas(el: HTMLElement): HTMLCanvasElement {
  const canvas = el.ownerDocument.createElement('canvas');
  canvas.className = 'chart-runs-canvas';
  canvas.setAttribute('aria-hidden', 'true');
  Object.assign(canvas.style, { position: 'absolute', pointerEvents: 'none', display: 'none' });
  el.style.position = 'relative';
  el.prepend(canvas);
  return canvas;
}

/** Draw each run as a thin line, more transparent the more there are, so density shows. */
function drawRunsOnCanvas(canvas: HTMLCanvasElement, frame: { width: number; height: number; margin: { top: number; left: number } }, groups: { colour: string; runs: [number, number][][] }[], x: (v: number) => number, y: (v: number) => number): void {
  const shown = groups.length > 0;
  canvas.style.display = shown ? 'block' : 'none';
  if (!shown) return;
  const ratio = Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
  Object.assign(canvas.style, { left: `${frame.margin.left}px`, top: `${frame.margin.top}px`, width: `${frame.width}px`, height: `${frame.height}px` });
  // Assigning a size reallocates the bitmap: only when it changed (clearRect below empties it).
  const [w, h] = [Math.round(frame.width * ratio), Math.round(frame.height * ratio)];
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  // null where there is no 2D canvas (jsdom); the band and mean still draw.
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, frame.width, frame.height);
  ctx.lineWidth = 0.8;
  for (const g of groups) {
    ctx.strokeStyle = g.colour;
    ctx.globalAlpha = Math.max(0.04, Math.min(0.25, 4 / g.runs.length));
    for (const run of g.runs) {
      ctx.beginPath();
      run.forEach(([s, v], i) => (i === 0 ? ctx.moveTo(x(s), y(v)) : ctx.lineTo(x(s), y(v))));
      ctx.stroke();
    }
  }
}

export function createLineChart(el: HTMLElement, opts: LineChartOptions) {
  const frame = createFrame(el, opts);
  const bandLayer = frame.plot.append('g');
  const runLayer = frame.plot.append('g');
  const zeroLayer = frame.plot.append('g');
  const meanLayer = frame.plot.append('g');
  const cursor = frame.plot.append('line').attr('class', 'cursor').attr('stroke', 'currentColor').attr('stroke-opacity', 0.5).attr('display', 'none');
  const note = frame.svg.append('text').attr('class', 'runs-note').attr('text-anchor', 'end').attr('fill', 'currentColor').attr('font-size', 10);
  const runCanvas = createRunCanvas(el);
  let last: LineSeries[] = [];
  let legendItems: LegendItem[] = [];
  let totalSteps = opts.totalSteps ?? 1;
  /** The step read out (null: none), and the x scale of the last draw. */
  let readStep: number | null = null;
  let xScale = scaleLinear();

  function lastStep(): number {
    return maxOf(last.map((s) => s.bands[s.bands.length - 1]?.step ?? 0), 0);
  }

  function showReadout(): void {
    if (readStep === null || last.every((s) => s.bands.length === 0)) {
      cursor.attr('display', 'none');
      frame.readout([]);
      return;
    }
    const step = Math.max(1, Math.min(lastStep(), Math.round(readStep)));
    readStep = step;
    cursor.attr('display', null).attr('x1', xScale(step)).attr('x2', xScale(step)).attr('y1', 0).attr('y2', frame.height);
    frame.readout(formatReadout(step, last.map((s) => ({ label: s.label, band: bandAt(s.bands, step) }))), xScale(step));
  }

  frame.onPointer({
    at(px) {
      readStep = xScale.invert(px);
      showReadout();
    },
    step(delta) {
      const end = lastStep();
      readStep = readStep === null || delta === Infinity ? end : delta === -Infinity ? 1 : readStep + delta;
      showReadout();
    },
    leave() {
      readStep = null;
      showReadout();
    },
  });

  function draw(): void {
    frame.legend(legendItems);
    const series = last.map((s) => ({ ...s, bands: downsample(s.bands, MAX_POINTS) }));
    const values = series.flatMap((s) => s.bands.flatMap((b) => [b.q10, b.q90, b.mean]));
    const [lo, hi] = opts.yDomain ?? (extent(values) as [number | undefined, number | undefined]);
    const y0 = lo ?? 0;
    const y1 = hi ?? 1;
    const pad = y1 === y0 ? Math.max(1e-3, Math.abs(y0) * 0.1) : 0;
    const x = scaleLinear().domain([0, Math.max(1, totalSteps)]);
    const y = scaleLinear().domain([y0 - pad, y1 + pad]).nice();
    frame.axes(x, y);
    xScale = x;

    const bandPath = area<BandPoint>().x((b) => x(b.step)).y0((b) => y(b.q10)).y1((b) => y(b.q90));
    const meanPath = line<BandPoint>().x((b) => x(b.step)).y((b) => y(b.mean));
    const runPath = line<[number, number]>().x((p) => x(p[0])).y((p) => y(p[1]));

    bandLayer.selectAll('path').data(series, (d) => (d as LineSeries).id).join('path').attr('fill', (s) => s.colour).attr('fill-opacity', 0.18).attr('d', (s) => bandPath(s.bands));
    const faint = series.flatMap((s) => (s.runs && s.runs.length <= MAX_FAINT_RUNS ? s.runs.map((r) => ({ colour: s.colour, points: downsample(r, MAX_POINTS) })) : []));
    runLayer.selectAll('path').data(faint).join('path').attr('fill', 'none').attr('stroke', (r) => r.colour).attr('stroke-opacity', 0.25).attr('stroke-width', 0.8).attr('d', (r) => runPath(r.points));
    // A point every few pixels is as much as a faint line shows.
    const canvasPoints = Math.min(MAX_POINTS, Math.ceil(frame.width / 4));
    const many = series.filter((s) => s.runs && s.runs.length > MAX_FAINT_RUNS).map((s) => ({ colour: s.colour, runs: s.runs!.slice(0, MAX_DRAWN_RUNS).map((r) => downsample(r, canvasPoints)) }));
    drawRunsOnCanvas(runCanvas, frame, many, x, y);
    const partial = series.find((s) => s.runs && s.runCount !== undefined && s.runCount > s.runs.length);
    note
      .attr('x', frame.margin.left + frame.width - 4)
      .attr('y', frame.margin.top + frame.height - 6)
      .text(partial ? `faint lines: the first ${partial.runs!.length} of ${partial.runCount} runs` : '');
    zeroLayer
      .selectAll('line')
      .data(opts.zeroLine ? [0] : [])
      .join('line')
      .attr('x1', 0)
      .attr('x2', frame.width)
      .attr('y1', y(0))
      .attr('y2', y(0))
      .attr('stroke', 'currentColor')
      .attr('stroke-opacity', 0.4);
    meanLayer
      .selectAll('path')
      .data(series, (d) => (d as LineSeries).id)
      .join('path')
      .attr('fill', 'none')
      .attr('stroke', (s) => s.colour)
      .attr('stroke-width', 2)
      .attr('stroke-dasharray', (s) => s.dash ?? null)
      .attr('d', (s) => meanPath(s.bands));
    showReadout();
  }

  frame.onResize(draw);
  draw();
  return {
    /** Draw `series` over `steps` steps; the legend (outside the plot) defaults to one line per series. */
    update(series: LineSeries[], steps?: number, legend?: LegendItem[]) {
      last = series;
      legendItems = legend ?? series.map((s) => ({ label: s.label, colour: s.colour, dash: s.dash }));
      if (steps !== undefined) totalSteps = steps;
      draw();
    },
    reset() {
      last = [];
      draw();
    },
    destroy: () => {
      runCanvas.remove();
      frame.destroy();
    },
  };
}
