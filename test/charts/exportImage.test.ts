// @vitest-environment happy-dom
// Chart SVG export: the chart's SVG parts stacked into one standalone document with explicit
// size and viewBox, a title, a white background, each part's content and font kept, and text
// carried as text (a label that looks like markup stays inert).
import { describe, expect, it } from 'vitest';
import { chartToSvg } from '../../src/charts/exportImage';

const SVG_NS = 'http://www.w3.org/2000/svg';

function chartPart(width: number, height: number, label: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  svg.setAttribute('class', 'chart-svg');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('font-family', 'sans-serif');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', `M0,0L${width},${height}`);
  path.setAttribute('stroke', 'currentColor');
  const text = document.createElementNS(SVG_NS, 'text');
  text.textContent = label;
  svg.append(path, text);
  return svg;
}

describe('chart SVG export', () => {
  it('stacks the chart parts into one sized, titled document on white', () => {
    const container = document.createElement('div');
    container.dataset.chartId = 'entropy';
    const stray = document.createElementNS(SVG_NS, 'svg'); // an icon, not a chart part
    stray.setAttribute('width', '999');
    container.append(chartPart(320, 200, 'entropy H'), stray, chartPart(300, 80, '<b>ΔH</b> & "cov"'));
    document.body.append(container);

    const image = chartToSvg(container, 'Entropy Lab · entropy');
    expect([image.width, image.height]).toEqual([320, 280]);
    const doc = new DOMParser().parseFromString(image.svg, 'image/svg+xml');
    const root = doc.documentElement;
    expect(root.namespaceURI).toBe(SVG_NS);
    expect([root.getAttribute('width'), root.getAttribute('height'), root.getAttribute('viewBox')]).toEqual(['320', '280', '0 0 320 280']);
    expect(root.querySelector('title')?.textContent).toBe('Entropy Lab · entropy');
    const background = root.querySelector('rect')!;
    expect([background.getAttribute('fill'), background.getAttribute('width'), background.getAttribute('height')]).toEqual(['#ffffff', '100%', '100%']);
    const parts = [...root.querySelectorAll('g > g')];
    expect(parts.map((g) => g.getAttribute('transform'))).toEqual(['translate(0,0)', 'translate(0,200)']);
    expect(parts.map((g) => g.getAttribute('font-family'))).toEqual(['sans-serif', 'sans-serif']);
    expect(parts.map((g) => g.querySelector('path')?.getAttribute('d'))).toEqual(['M0,0L320,200', 'M0,0L300,80']);
    expect(parts[1].querySelector('text')?.textContent).toBe('<b>ΔH</b> & "cov"');
    expect(root.querySelector('b')).toBeNull();
    // currentColor strokes resolve against the colour set on the body group.
    expect(root.querySelector('svg > g')?.getAttribute('color')).toBe('#1b1b1b');
    container.remove();
  });
});
