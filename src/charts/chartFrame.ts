// The shared frame of every chart: a responsive SVG with margins, axes and axis labels.
// Sizes follow the container's width (ResizeObserver) so charts stay readable from a phone
// to a projector without layout jumps (fixed aspect ratio).
import { axisBottom, axisLeft, select, type ScaleLinear, type Selection } from 'd3';

export interface FrameOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Height as a fraction of width. */
  aspect?: number;
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
  onResize(fn: () => void): void;
  destroy(): void;
}

const MARGIN = { top: 12, right: 14, bottom: 38, left: 52 };

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
  const plot = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
  const xAxis = svg.append('g').attr('class', 'axis x');
  const yAxis = svg.append('g').attr('class', 'axis y');
  const xLabel = svg.append('text').attr('text-anchor', 'middle').attr('fill', 'currentColor').text(opts.xLabel);
  const yLabel = svg.append('text').attr('text-anchor', 'middle').attr('fill', 'currentColor').text(opts.yLabel);
  let resizeFn: (() => void) | null = null;

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
      xAxis.attr('transform', `translate(${MARGIN.left},${MARGIN.top + frame.height})`).call(axisBottom(x).ticks(ticks));
      yAxis.attr('transform', `translate(${MARGIN.left},${MARGIN.top})`).call(axisLeft(y).ticks(5));
    },
    onResize(fn) {
      resizeFn = fn;
    },
    destroy() {
      observer?.disconnect();
      svg.remove();
    },
  };

  function layout(): void {
    const outerWidth = Math.max(240, Math.round(el.clientWidth || 480));
    const outerHeight = Math.round(outerWidth * aspect);
    svg.attr('width', outerWidth).attr('height', outerHeight).attr('viewBox', `0 0 ${outerWidth} ${outerHeight}`);
    frame.width = outerWidth - MARGIN.left - MARGIN.right;
    frame.height = outerHeight - MARGIN.top - MARGIN.bottom;
    xLabel.attr('x', MARGIN.left + frame.width / 2).attr('y', outerHeight - 4);
    yLabel.attr('transform', `translate(12,${MARGIN.top + frame.height / 2}) rotate(-90)`);
  }
  layout();
  const observer =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver(() => {
          const before = frame.width;
          layout();
          if (frame.width !== before) resizeFn?.();
        });
  observer?.observe(el);
  return frame;
}
