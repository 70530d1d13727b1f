// @vitest-environment happy-dom
// The sweep charts: a heatmap cell and a dose–response point per sweep cell, each a button named
// with its axis values and statistic that opens its cell by click or keyboard; error bars span
// mean ± SE; the heatmap's colours follow the means, and each cell is labelled with its number.
import { describe, expect, it, vi } from 'vitest';
import { createErrorBarChart } from '../../src/charts/errorBarChart';
import { createHeatmapChart } from '../../src/charts/heatmapChart';
import { formatAxisValue, type SweepChartData } from '../../src/charts/sweepScale';

const frame = { title: 'final reward', xLabel: 'x', yLabel: 'y' };

function host(): HTMLElement {
  const el = document.createElement('div');
  Object.defineProperty(el, 'clientWidth', { value: 600 });
  document.body.append(el);
  return el;
}

const twoAxes: SweepChartData = {
  axisLabels: ['k', 'β'],
  axisValues: [
    [2e-3, 0.2],
    [0, 1, 2],
  ],
  metricLabel: 'final reward',
  points: [2e-3, 0.2].flatMap((k, i) => [0, 1, 2].map((b, j) => ({ index: i * 3 + j, at: [k, b], mean: 0.6 + 0.1 * i + 0.01 * j, se: 0.02 }))),
};

describe('sweep charts', () => {
  it('heatmap: one focusable, named cell per sweep cell, opened by click, Enter or Space', () => {
    const onSelect = vi.fn();
    const el = host();
    const chart = createHeatmapChart(el, { ...frame, onSelect });
    chart.update(twoAxes);
    const cells = el.querySelectorAll<SVGGElement>('g.heatmap-cell');
    expect(cells).toHaveLength(6);
    expect(cells[4].getAttribute('aria-label')).toBe('k = 0.2, β = 1: final reward 0.710 ± 0.020');
    expect(cells[4].getAttribute('tabindex')).toBe('0');
    expect(cells[4].textContent).toContain('0.71');
    cells[4].dispatchEvent(new MouseEvent('click', { bubbles: true }));
    cells[2].dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    cells[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    expect(onSelect.mock.calls).toEqual([[4], [2]]);
    const fills = Array.from(cells, (c) => c.querySelector('rect')!.getAttribute('fill'));
    expect(new Set(fills).size).toBe(6); // six different means, six colours
    chart.destroy();
  });

  it('error bars: a point per value at its mean, a bar over mean ± SE, labels for the axis values', () => {
    const onSelect = vi.fn();
    const el = host();
    const chart = createErrorBarChart(el, { ...frame, onSelect });
    const values = [2e-4, 0.02, 0.5];
    chart.update({ axisLabels: ['r'], axisValues: [values], metricLabel: 'final reward', points: values.map((r, i) => ({ index: i, at: [r], mean: 0.6 + 0.05 * i, se: 0.01 * (i + 1) })) });
    const points = el.querySelectorAll<SVGGElement>('g.sweep-point');
    expect(points).toHaveLength(3);
    const bar = (i: number) => points[i].querySelector('line')!;
    const dot = (i: number) => Number(points[i].querySelector('circle')!.getAttribute('cy'));
    // Pixel lengths of the bars grow with SE (1:2:3), centred on the means.
    const length = (i: number) => Number(bar(i).getAttribute('y1')) - Number(bar(i).getAttribute('y2'));
    expect(length(1) / length(0)).toBeCloseTo(2, 6);
    expect(length(2) / length(0)).toBeCloseTo(3, 6);
    expect((Number(bar(2).getAttribute('y1')) + Number(bar(2).getAttribute('y2'))) / 2).toBeCloseTo(dot(2), 6);
    expect(dot(2)).toBeLessThan(dot(0)); // higher mean, higher on the page
    expect(el.textContent).toContain(formatAxisValue(2e-4));
    points[1].dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    expect(onSelect).toHaveBeenCalledWith(1);
    chart.destroy();
  });

  it('formats axis values compactly', () => {
    expect([2e-4, 0.02, 1, 0.123456, 25000].map(formatAxisValue)).toEqual(['2e−4', '0.02', '1', '0.123', '2.5e+4']);
  });
});
