// The shared frame of every chart: a responsive SVG with margins, axes, axis labels, a legend
// band above the plot (outside the data, and inside the SVG so exports carry it), and a
// read-out box over the plot beside the cursor for the values at the hovered or keyboard-
// focused position (a live region, so keyboard and screen-reader users get it too). Sizes
// follow the container's width (ResizeObserver) at a fixed aspect ratio (or the container's
// --chart-aspect), capped by its CSS max-height, so charts stay readable from a phone to a
// projector without layout jumps.
import { axisBottom, axisLeft, select, type ScaleLinear, type Selection } from 'd3';

export interface FrameOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Height as a fraction of width. */
  aspect?: number;
}

/** A legend entry: a line (dash pattern), a dot, a filled swatch in `colour`, or text alone. */
export interface LegendItem {
  label: string;
  colour: string;
  mark?: 'line' | 'dot' | 'swatch' | 'none';
  dash?: string | null;
}

export interface ChartFrame {
  svg: Selection<SVGSVGElement, unknown, null, undefined>;
  plot: Selection<SVGGElement, unknown, null, undefined>;
  width: number;
  height: number;
  /** Where the plot area starts inside the SVG (CSS px). */
  margin: { top: number; left: number };
  /** Draw axes for the given scales (ranges are set here). */
  axes(x: ScaleLinear<number, number>, y: ScaleLinear<number, number>): void;
  /** Set the legend; the plot shrinks by whole legend rows, the SVG keeps its size. */
  legend(items: readonly LegendItem[]): void;
  /** Show read-out lines beside plot x position `atX` (no lines hide it). */
  readout(lines: readonly string[], atX?: number): void;
  /**
   * Hover and keyboard read-outs: `at(x, y)` gets the pointer's plot coordinates; arrow keys on
   * the focused chart call `step(±1)` or `step(±10)` with Shift, Home/End `step(-Infinity|Infinity)`.
   */
  onPointer(handlers: { at(px: number, py: number): void; step(delta: number): void; leave(): void }): void;
  onResize(fn: () => void): void;
  destroy(): void;
}

const MARGIN = { top: 10, right: 14, bottom: 38, left: 52 };
const LEGEND_ROW = 16;
/** Rough text width (11 px system-ui) to lay legend items out without measuring. */
const textWidth = (s: string) => s.length * 6.4 + 6;

export function createFrame(el: HTMLElement, opts: FrameOptions): ChartFrame {
  const aspect = opts.aspect ?? 0.5;
  const svg = select(el)
    .append('svg')
    .attr('role', 'img')
    .attr('aria-label', opts.title)
    .attr('class', 'chart-svg')
    .attr('font-family', 'system-ui, sans-serif')
    .attr('font-size', 11);
  svg.append('title').text(opts.title);
  const legendLayer = svg.append('g').attr('class', 'legend');
  const plot = svg.append('g');
  const xAxis = svg.append('g').attr('class', 'axis x');
  const yAxis = svg.append('g').attr('class', 'axis y');
  const xLabel = svg.append('text').attr('text-anchor', 'middle').attr('fill', 'currentColor').text(opts.xLabel);
  const yLabel = svg.append('text').attr('text-anchor', 'middle').attr('fill', 'currentColor').text(opts.yLabel);
  const readoutEl = el.ownerDocument.createElement('div');
  readoutEl.className = 'chart-readout';
  readoutEl.setAttribute('aria-live', 'polite');
  readoutEl.hidden = true;
  el.style.position = 'relative';
  el.append(readoutEl);
  let resizeFn: (() => void) | null = null;
  let legendItems: readonly LegendItem[] = [];
  let outerWidth = 0;
  let outerHeight = 0;

  const frame: ChartFrame = {
    svg,
    plot,
    width: 0,
    height: 0,
    margin: { top: MARGIN.top, left: MARGIN.left },
    axes(x, y) {
      x.range([0, frame.width]);
      y.range([frame.height, 0]);
      const ticks = Math.max(2, Math.floor(frame.width / 80));
      xAxis.attr('transform', `translate(${MARGIN.left},${frame.margin.top + frame.height})`).call(axisBottom(x).ticks(ticks));
      yAxis.attr('transform', `translate(${MARGIN.left},${frame.margin.top})`).call(axisLeft(y).ticks(Math.max(2, Math.min(5, Math.floor(frame.height / 30)))));
    },
    legend(items) {
      const before = JSON.stringify(legendItems);
      legendItems = items;
      if (JSON.stringify(items) !== before) layout();
    },
    readout(lines, atX = 0) {
      readoutEl.hidden = lines.length === 0;
      readoutEl.replaceChildren(...lines.map((line) => Object.assign(el.ownerDocument.createElement('span'), { textContent: line })));
      if (!lines.length) return;
      // Beside the cursor, on whichever side has more room; in CSS px of the rendered SVG.
      const scale = (svg.node() as SVGSVGElement).getBoundingClientRect().width / outerWidth || 1;
      const x = (MARGIN.left + atX) * scale;
      const right = atX > frame.width / 2;
      Object.assign(readoutEl.style, { top: `${frame.margin.top * scale}px`, left: right ? '' : `${x + 10}px`, right: right ? `${el.clientWidth - x + 10}px` : '' });
    },
    onPointer(handlers) {
      svg.attr('tabindex', 0).attr('aria-keyshortcuts', 'ArrowLeft ArrowRight Home End');
      svg.on('pointermove', (e: PointerEvent) => {
        const r = (svg.node() as SVGSVGElement).getBoundingClientRect();
        const scale = r.width > 0 ? outerWidth / r.width : 1;
        handlers.at((e.clientX - r.left) * scale - MARGIN.left, (e.clientY - r.top) * scale - frame.margin.top);
      });
      svg.on('pointerleave', () => handlers.leave());
      svg.on('blur', () => handlers.leave());
      svg.on('focus', () => handlers.step(0));
      svg.on('keydown', (e: KeyboardEvent) => {
        const delta = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, Home: -Infinity, End: Infinity }[e.key];
        if (delta === undefined) return;
        e.preventDefault();
        handlers.step(Number.isFinite(delta) && e.shiftKey ? delta * 10 : delta);
      });
    },
    onResize(fn) {
      resizeFn = fn;
    },
    destroy() {
      observer?.disconnect();
      view?.removeEventListener('resize', relayout);
      svg.remove();
      readoutEl.remove();
    },
  };

  /** Legend items placed in rows that fit the width; returns the number of rows. */
  function drawLegend(): number {
    let x = 0;
    let row = 0;
    const placed = legendItems.map((item) => {
      const w = (item.mark === 'none' ? 8 : 26) + textWidth(item.label);
      if (x > 0 && MARGIN.left + x + w > outerWidth - MARGIN.right) {
        x = 0;
        row++;
      }
      const at = { item, x, row };
      x += w;
      return at;
    });
    legendLayer.attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    const groups = legendLayer.selectAll<SVGGElement, (typeof placed)[number]>('g').data(placed).join((enter) => {
      const g = enter.append('g');
      g.append('line').attr('x1', 0).attr('x2', 18).attr('y1', 6).attr('y2', 6);
      g.append('circle').attr('cx', 9).attr('cy', 6).attr('r', 3.5);
      g.append('rect').attr('x', 2).attr('y', 1).attr('width', 14).attr('height', 10).attr('rx', 2);
      g.append('text').attr('x', 22).attr('y', 10).attr('fill', 'currentColor');
      return g;
    });
    groups.attr('transform', (d) => `translate(${d.x},${d.row * LEGEND_ROW})`);
    groups.select('line').attr('stroke', (d) => d.item.colour).attr('stroke-width', 2.5).attr('stroke-dasharray', (d) => d.item.dash ?? null).attr('display', (d) => ((d.item.mark ?? 'line') === 'line' ? null : 'none'));
    groups.select('circle').attr('fill', (d) => d.item.colour).attr('display', (d) => (d.item.mark === 'dot' ? null : 'none'));
    groups.select('rect').attr('fill', (d) => d.item.colour).attr('display', (d) => (d.item.mark === 'swatch' ? null : 'none'));
    groups.select('text').attr('x', (d) => (d.item.mark === 'none' ? 0 : 22)).text((d) => d.item.label);
    return placed.length ? row + 1 : 0;
  }

  function layout(): void {
    outerWidth = Math.max(240, Math.round(el.clientWidth || 480));
    // A CSS max-height on the container caps the chart (the lab's grid fits a laptop screen).
    const style = el.ownerDocument.defaultView?.getComputedStyle(el);
    const cap = parseFloat(style?.maxHeight ?? '');
    const cssAspect = parseFloat(style?.getPropertyValue('--chart-aspect') ?? '');
    outerHeight = Math.round(Math.min(outerWidth * (cssAspect > 0 ? cssAspect : aspect), Number.isFinite(cap) && cap > 120 ? cap : Infinity));
    svg.attr('width', outerWidth).attr('height', outerHeight).attr('viewBox', `0 0 ${outerWidth} ${outerHeight}`);
    const rows = drawLegend();
    frame.margin.top = MARGIN.top + rows * LEGEND_ROW + (rows ? 4 : 0);
    plot.attr('transform', `translate(${MARGIN.left},${frame.margin.top})`);
    frame.width = outerWidth - MARGIN.left - MARGIN.right;
    frame.height = Math.max(40, outerHeight - frame.margin.top - MARGIN.bottom);
    xLabel.attr('x', MARGIN.left + frame.width / 2).attr('y', outerHeight - 4);
    yLabel.attr('transform', `translate(12,${frame.margin.top + frame.height / 2}) rotate(-90)`);
  }
  layout();
  let size = `${frame.width}x${frame.height}`;
  const relayout = () => {
    layout();
    const next = `${frame.width}x${frame.height}`;
    if (next !== size) {
      size = next;
      resizeFn?.();
    }
  };
  const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(relayout);
  observer?.observe(el);
  // The height cap can follow the viewport's height, which the observer does not see.
  const view = el.ownerDocument.defaultView;
  view?.addEventListener('resize', relayout);
  return frame;
}
