// @vitest-environment happy-dom
// Chart SVG export: the chart's SVG parts stacked into one standalone document with explicit
// size and viewBox, its title drawn above them, the configuration caption and the permalink
// below (wrapped, the link clickable), a white background, each part's content and font kept,
// and text carried as text (a label that looks like markup stays inert).
import { describe, expect, it } from 'vitest';
import { chartToSvg, wrapText } from '../../src/charts/exportImage';

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

    const link = `http://localhost/#v=1&seed=1&steps=300&runs=8&env=tokens&zipf=1.5&hardness=0.5&sharedSuffix=true&algo=grpo&lr=1&iv1=clipCov&iv1.ratio=0.2`;
    const caption = 'tokens · grpo sampled lr 1 · 8 runs × 300 steps · seed 1';
    const image = chartToSvg(container, 'Entropy Lab · entropy', { caption: [caption], link });
    // Title band 26, the parts 200 + 80, then the caption and the link wrapped to 320 px, 14 px a line with 6 px above and below.
    const lines = wrapText(caption, 54).length + wrapText(link, 54).length;
    expect(lines).toBeGreaterThanOrEqual(4);
    expect([image.width, image.height]).toEqual([320, 26 + 280 + 12 + 14 * lines]);
    const doc = new DOMParser().parseFromString(image.svg, 'image/svg+xml');
    const root = doc.documentElement;
    expect(root.namespaceURI).toBe(SVG_NS);
    expect([root.getAttribute('width'), root.getAttribute('height'), root.getAttribute('viewBox')]).toEqual(['320', String(image.height), `0 0 320 ${image.height}`]);
    expect(root.querySelector('title')?.textContent).toBe('Entropy Lab · entropy');
    const texts = [...root.querySelectorAll('svg > g > text')].map((t) => t.textContent);
    expect(texts[0]).toBe('Entropy Lab · entropy');
    expect(texts.slice(1).join(' ')).toBe(caption);
    const linkText = [...root.querySelectorAll('a > text.permalink')].map((t) => t.textContent).join('');
    expect(linkText).toBe(link);
    expect(root.querySelector('a')?.getAttribute('href')).toBe(link);
    expect(root.querySelector('desc')?.textContent).toContain(link);
    const background = root.querySelector('rect')!;
    expect([background.getAttribute('fill'), background.getAttribute('width'), background.getAttribute('height')]).toEqual(['#ffffff', '100%', '100%']);
    const parts = [...root.querySelectorAll('g > g')];
    expect(parts.map((g) => g.getAttribute('transform'))).toEqual(['translate(0,26)', 'translate(0,226)']);
    expect(parts.map((g) => g.getAttribute('font-family'))).toEqual(['sans-serif', 'sans-serif']);
    expect(parts.map((g) => g.querySelector('path')?.getAttribute('d'))).toEqual(['M0,0L320,200', 'M0,0L300,80']);
    expect(parts[1].querySelector('text')?.textContent).toBe('<b>ΔH</b> & "cov"');
    expect(root.querySelector('b')).toBeNull();
    // currentColor strokes resolve against the colour set on the body group.
    expect(root.querySelector('svg > g')?.getAttribute('color')).toBe('#1b1b1b');
    container.remove();
  });
});

describe('wrapText', () => {
  it('cuts at spaces or & within the width and keeps every character', () => {
    const text = 'http://x/#v=1&seed=1&steps=300&runs=8&env=tokens&algo=grpo&lr=1';
    const lines = wrapText(text, 24);
    expect(lines.join('')).toBe(text);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(24);
    expect(wrapText('a b c', 80)).toEqual(['a b c']);
  });
});
