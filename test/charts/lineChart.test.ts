// @vitest-environment happy-dom
// The line chart's faint runs: SVG paths for a few, the canvas layer under the SVG for many
// (one stroke per run, fainter the more there are), a note when only the first runs are
// drawn, and the canvas carried into the SVG export as an image.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLineChart, MAX_DRAWN_RUNS, MAX_FAINT_RUNS, type LineSeries } from '../../src/charts/lineChart';
import { chartToSvg } from '../../src/charts/exportImage';

function series(runs: number, runCount = runs): LineSeries {
  const run = (r: number): [number, number][] => Array.from({ length: 20 }, (_, t) => [t + 1, Math.exp(-t / (5 + r))]);
  return {
    id: 'entropy',
    label: 'entropy H',
    colour: '#0072b2',
    bands: Array.from({ length: 20 }, (_, t) => ({ step: t + 1, mean: 0.5, q10: 0.2, q90: 0.8 })),
    runs: Array.from({ length: runs }, (_, r) => run(r)),
    runCount,
  };
}

/** A 2D context that records what the chart drew. */
function recordingContext() {
  const calls = { strokes: 0, alphas: new Set<number>(), colours: new Set<string>() };
  const ctx = {
    setTransform: () => undefined,
    clearRect: () => undefined,
    beginPath: () => undefined,
    moveTo: () => undefined,
    lineTo: () => undefined,
    stroke() {
      calls.strokes++;
      calls.alphas.add(ctx.globalAlpha);
      calls.colours.add(ctx.strokeStyle);
    },
    lineWidth: 1,
    globalAlpha: 1,
    strokeStyle: '',
  };
  return { ctx, calls };
}

/** getContext('2d') answers with `ctx` (happy-dom has no 2D canvas). */
function stubContext(ctx: object): void {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => ctx) as unknown as HTMLCanvasElement['getContext']);
}

function mount() {
  const el = document.createElement('div');
  Object.defineProperty(el, 'clientWidth', { value: 600 });
  document.body.append(el);
  return { el, chart: createLineChart(el, { title: 'Entropy', xLabel: 'step', yLabel: 'H' }) };
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('line chart runs', () => {
  it('draws a few runs as SVG paths and leaves the canvas hidden', () => {
    const { el, chart } = mount();
    chart.update([series(MAX_FAINT_RUNS)], 20);
    const canvas = el.querySelector<HTMLCanvasElement>('canvas.chart-runs-canvas')!;
    expect(canvas.getAttribute('aria-hidden')).toBe('true');
    expect(canvas.style.display).toBe('none');
    expect(el.querySelectorAll('path[stroke-opacity="0.25"]')).toHaveLength(MAX_FAINT_RUNS);
  });

  it('draws many runs on the canvas over the plot area, one faint stroke each, and says when only the first are drawn', () => {
    const { ctx, calls } = recordingContext();
    stubContext(ctx);
    const { el, chart } = mount();
    chart.update([series(MAX_DRAWN_RUNS, 1000)], 20);
    const canvas = el.querySelector<HTMLCanvasElement>('canvas.chart-runs-canvas')!;
    expect(canvas.style.display).toBe('block');
    expect(el.querySelectorAll('path[stroke-opacity="0.25"]')).toHaveLength(0);
    expect(calls.strokes).toBe(MAX_DRAWN_RUNS);
    expect([...calls.alphas]).toEqual([Math.max(0.04, 4 / MAX_DRAWN_RUNS)]);
    expect([...calls.colours]).toEqual(['#0072b2']);
    expect(parseFloat(canvas.style.width)).toBeGreaterThan(0);
    expect(el.querySelector('text.runs-note')?.textContent).toBe(`faint lines: the first ${MAX_DRAWN_RUNS} of 1000 runs`);
    chart.update([series(40)], 20);
    expect(el.querySelector('text.runs-note')?.textContent).toBe('');
  });

  it('carries the canvas into the SVG export as an image at the plot area', () => {
    stubContext(recordingContext().ctx);
    vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,AAAA');
    const { el, chart } = mount();
    chart.update([series(64)], 20);
    const canvas = el.querySelector<HTMLCanvasElement>('canvas.chart-runs-canvas')!;
    const doc = new DOMParser().parseFromString(chartToSvg(el, 'Entropy').svg, 'image/svg+xml');
    const image = doc.querySelector('image')!;
    expect(image.getAttribute('href')).toBe('data:image/png;base64,AAAA');
    expect([image.getAttribute('x'), image.getAttribute('width')]).toEqual([String(parseFloat(canvas.style.left)), String(parseFloat(canvas.style.width))]);
  });
});
