// @vitest-environment happy-dom
// The token-tree chart draws one edge and one label per node inside a single svg, and its leaves
// say what the verifier pays: ✓ for full credit, "partial r" for a decoy, ✗ for a non-answer;
// a legend keys the labels, and the top label is not cut off.
import { describe, expect, it } from 'vitest';
import { createTokenTreeChart } from '../../src/charts/tokenTreeChart';

describe('token tree chart', () => {
  it('labels nodes with their token probability and leaves with the verifier’s verdict', () => {
    const el = document.createElement('div');
    document.body.append(el);
    const chart = createTokenTreeChart(el, { title: 'tree', xLabel: 'answer position', yLabel: '' });
    const nodes = [
      { tokens: [0], prob: 0.7, pathProb: 0.7 },
      { tokens: [1], prob: 0.3, pathProb: 0.3 },
      { tokens: [0, 0], prob: 0.5, pathProb: 0.35, reward: 1 },
      { tokens: [0, 1], prob: 0.5, pathProb: 0.35, reward: 0.5 },
      { tokens: [1, 1], prob: 1, pathProb: 0.3, reward: 0 },
    ];
    chart.update({ nodes, length: 2, fullCredit: 1, tokenLabel: (t) => 'AB'[t] });
    expect(el.querySelectorAll('svg')).toHaveLength(1);
    expect(el.querySelectorAll('svg line').length).toBeGreaterThanOrEqual(nodes.length);
    const texts = [...el.querySelectorAll('svg text')].map((t) => t.textContent ?? '');
    expect(texts).toEqual(expect.arrayContaining(['A 0.70', 'B 0.30', 'A 0.50 → ✓ (p 0.350)', 'B 0.50 → partial 0.5 (p 0.350)', 'B 1.00 → ✗ (p 0.300)']));
    // The legend is the key to those labels.
    expect(texts).toEqual(expect.arrayContaining(['token P(token | prefix); edge width ∝ P(prefix)', '✓ full credit', 'p = P(whole answer)']));
    // No node label is cut off at the top: each baseline sits a line's height inside the plot.
    const labels = [...el.querySelectorAll('svg > g:not(.legend) text')].filter((t) => /\d\.\d\d/.test(t.textContent ?? ''));
    expect(labels).toHaveLength(nodes.length);
    for (const t of labels) expect(Number(t.getAttribute('y'))).toBeGreaterThanOrEqual(10);
    chart.destroy();
  });
});
