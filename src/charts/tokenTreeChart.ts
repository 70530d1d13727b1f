// The token tree of one prompt: columns are answer positions, each node a token with its
// probability given the prefix; edges thicken with the prefix's probability; full-length leaves
// say what the verifier pays (green: full credit, purple: partial, grey: not an answer; never B's orange).
// The legend above the plot is the key to the labels.
import { scaleLinear } from 'd3';
import { createFrame, type FrameOptions } from './chartFrame';
import { PALETTE } from './palette';

export interface TreeNode {
  tokens: number[];
  prob: number;
  pathProb: number;
  reward?: number;
}

export interface TreeData {
  nodes: TreeNode[];
  length: number;
  tokenLabel(token: number): string;
  /** The prompt's best reward (full credit). */
  fullCredit: number;
  /** Edge colour (the configuration's colour when two are compared). */
  colour?: string;
}

/** Space to the right of the leaves for their verdict and probability. */
const LEAF_TEXT = 120;

/** A probability in at most three characters: "1", ".57". */
const shortProb = (p: number): string => (p >= 0.995 ? '1' : p.toFixed(2).replace(/^0/, ''));

function leafColour(reward: number, full: number): string {
  if (reward >= full && reward > 0) return PALETTE.green;
  return reward > 0 ? PALETTE.purple : PALETTE.grey;
}

export function createTokenTreeChart(el: HTMLElement, opts: FrameOptions) {
  const frame = createFrame(el, { aspect: 0.6, ...opts });
  const edgeLayer = frame.plot.append('g');
  const nodeLayer = frame.plot.append('g');
  let data: TreeData = { nodes: [], length: 1, tokenLabel: String, fullCredit: 1 };

  function draw(): void {
    const colour = data.colour ?? PALETTE.blue;
    frame.legend([
      { label: 'token P(token | prefix); edge width ∝ P(prefix)', colour, mark: 'line' },
      { label: '✓ full credit', colour: PALETTE.green, mark: 'dot' },
      { label: 'partial credit', colour: PALETTE.purple, mark: 'dot' },
      { label: '✗ not accepted', colour: PALETTE.grey, mark: 'dot' },
      { label: 'p = P(whole answer)', colour, mark: 'none' },
    ]);
    const x = scaleLinear().domain([0, data.length]);
    // Room above the top leaf and below the bottom one for their labels.
    const y = scaleLinear().domain([-0.06, 1.1]);
    frame.axes(x, y);
    x.range([0, Math.max(60, frame.width - LEAF_TEXT)]);
    frame.svg.selectAll('.axis *').remove();
    // Narrow screens (a phone): shorter labels so that neighbouring columns do not run together.
    const compact = x(1) - x(0) < 80;
    const key = (tokens: readonly number[]) => tokens.join(',');
    const leaves = data.nodes.filter((n) => n.tokens.length === data.length);
    const yOf = new Map<string, number>();
    leaves.forEach((n, i) => yOf.set(key(n.tokens), leaves.length > 1 ? i / (leaves.length - 1) : 0.5));
    // Inner nodes sit at the mean height of the leaves below them (deepest first).
    for (let depth = data.length - 1; depth >= 0; depth--) {
      for (const n of data.nodes.filter((m) => m.tokens.length === depth)) {
        const below = leaves.filter((l) => key(l.tokens.slice(0, depth)) === key(n.tokens)).map((l) => yOf.get(key(l.tokens))!);
        yOf.set(key(n.tokens), below.reduce((a, v) => a + v, 0) / Math.max(1, below.length));
      }
    }
    const rootY = leaves.length ? leaves.reduce((a, l) => a + yOf.get(key(l.tokens))!, 0) / leaves.length : 0.5;
    const at = (tokens: readonly number[]) => (tokens.length === 0 ? rootY : yOf.get(key(tokens)) ?? 0.5);

    edgeLayer
      .selectAll('line')
      .data(data.nodes)
      .join('line')
      .attr('x1', (n) => x(n.tokens.length - 1))
      .attr('y1', (n) => y(at(n.tokens.slice(0, -1))))
      .attr('x2', (n) => x(n.tokens.length))
      .attr('y2', (n) => y(at(n.tokens)))
      .attr('stroke', colour)
      .attr('stroke-opacity', (n) => 0.25 + 0.75 * n.pathProb)
      .attr('stroke-width', (n) => 1 + 6 * n.pathProb);

    nodeLayer
      .selectAll('text')
      .data(data.nodes)
      .join('text')
      .attr('x', (n) => x(n.tokens.length) + 4)
      .attr('y', (n) => y(at(n.tokens)) - 4)
      .attr('font-size', 11)
      .attr('fill', (n) => (n.reward === undefined ? 'currentColor' : leafColour(n.reward, data.fullCredit)))
      .text((n) => {
        const token = `${data.tokenLabel(n.tokens[n.tokens.length - 1])} ${compact ? shortProb(n.prob) : n.prob.toFixed(2)}`;
        if (n.reward === undefined) return token;
        const verdict = n.reward >= data.fullCredit && n.reward > 0 ? '✓' : n.reward > 0 ? `partial ${n.reward}` : '✗';
        return compact ? `${token} ${verdict} p ${n.pathProb.toFixed(3).replace(/^0/, '')}` : `${token} → ${verdict} (p ${n.pathProb.toFixed(3)})`;
      });
  }

  frame.onResize(draw);
  draw();
  return {
    update(next: TreeData) {
      data = next;
      draw();
    },
    reset() {
      data = { ...data, nodes: [] };
      draw();
    },
    destroy: () => frame.destroy(),
  };
}
