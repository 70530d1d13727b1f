// The current policy of run 1: π bars of one state (grouped A beside B when compared), or for
// the token task the token tree of one prompt (A's tree, then B's).
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createBarChart } from '../../charts/barChart';
import { maxOf } from '../../sim/arrays';
import { createTokenTreeChart } from '../../charts/tokenTreeChart';
import { useComparison } from '../compare/compare';
import { ChartPanel, type TableRow } from '../charts/ChartPanel';
import { useChart } from '../charts/useChart';
import type { TokenTreeNode } from '../worker/tokenTree';
import type { PolicySnapshot } from '../worker/protocol';
import { definePanel, type ChartProps } from './panelSpec';
import { columnsOf } from './shared';
import { useSides, type Side } from './sides';

function PolicyChart({ store, focused, onFocus }: ChartProps) {
  const { sides } = useSides(store, false);
  const comparison = useComparison();
  const policyA = useStore(store, (s) => s.policy);
  const policyB = useStore(comparison?.store ?? store, (s) => s.policy);
  const policies = sides.length > 1 ? [policyA, policyB] : [policyA];
  const [row, setRow] = useState(0);
  const trees = policyA.tokenTrees;
  const labels = trees ? trees.map((_, q) => `prompt ${q + 1}`) : policyA.rowLabels;
  const shown = Math.min(row, Math.max(0, labels.length - 1));
  // Rows name the same actions (or answers) on both sides only when B has the same shape.
  const rows: TableRow[] = trees
    ? (trees[shown] ?? [])
        .filter((n) => n.reward !== undefined)
        .map((n) => ({
          metric: `P(${n.tokens.map((t) => policyA.actionLabels[t]).join('')}) reward ${n.reward}`,
          values: policies.map((p) => p.tokenTrees?.[shown]?.find((m) => m.tokens.join() === n.tokens.join())?.pathProb ?? null),
        }))
    : policyA.actionLabels.map((a, i) => ({ metric: `π(${a} | ${policyA.rowLabels[shown] ?? ''})`, values: policies.map((p) => p.probs[shown]?.[i] ?? null) }));
  return (
    <ChartPanel id="policy" title={trees ? 'Current policy: token tree' : policyPanel.title} rows={rows} columns={columnsOf(sides)} focused={focused} onFocus={onFocus}>
      {labels.length > 1 && (
        <label className="inline">
          {trees ? 'prompt' : 'state'}{' '}
          <select value={shown} onChange={(e) => setRow(Number(e.target.value))}>
            {labels.map((l, i) => (
              <option key={i} value={i}>
                {l}
              </option>
            ))}
          </select>
        </label>
      )}
      {trees ? (
        sides.map((s, i) => <TokenTreeView key={s.key} side={s} compared={sides.length > 1} nodes={policies[i].tokenTrees?.[shown] ?? []} tokenLabels={policies[i].actionLabels} />)
      ) : (
        <PolicyBars sides={sides} policies={policies} row={shown} />
      )}
    </ChartPanel>
  );
}

function PolicyBars({ sides, policies, row }: { sides: Side[]; policies: PolicySnapshot[]; row: number }) {
  const { ref, chart } = useChart((el) => createBarChart(el, { title: 'Current policy of run 1', xLabel: 'action', yLabel: 'π(a | s)' }));
  useEffect(() => {
    chart.current?.update({ labels: policies[0].actionLabels, groups: sides.map((s, i) => ({ label: s.name, colour: s.colour, values: policies[i]?.probs[row] ?? [] })) });
  }, [sides.map((s) => s.name).join(), policies[0], policies[1], row, chart]);
  return <div ref={ref} className="chart-host" />;
}

function TokenTreeView({ side, compared, nodes, tokenLabels }: { side: Side; compared: boolean; nodes: TokenTreeNode[]; tokenLabels: string[] }) {
  const { ref, chart } = useChart((el) => createTokenTreeChart(el, { title: `Token tree of run 1${compared ? ` (${side.key})` : ''}: likeliest answers and the accepted ones`, xLabel: 'answer position', yLabel: '' }));
  useEffect(() => {
    const length = maxOf(nodes.map((n) => n.tokens.length), 1);
    const fullCredit = maxOf(nodes.map((n) => n.reward ?? 0), 0);
    chart.current?.update({ nodes, length, fullCredit, colour: side.colour, tokenLabel: (t) => tokenLabels[t] ?? String(t) });
  }, [nodes, tokenLabels, side.colour, chart]);
  return (
    <>
      {compared && (
        <p className="tree-side">
          <span className="swatch" style={{ background: side.colour }} aria-hidden="true" /> {side.name}
        </p>
      )}
      <div ref={ref} className="chart-host" />
    </>
  );
}

export const policyPanel = definePanel({
  id: 'policy',
  title: 'Current policy',
  exportName: 'policy',
  component: PolicyChart,
  explanation: {
    title: 'The current policy',
    formula: '\\pi(a\\mid s) = \\frac{e^{z_{s,a}}}{\\sum_b e^{z_{s,b}}}',
    text: 'The probabilities of the first run’s policy in one state (a bandit has one; the token task has one per prompt and position). Token-tree labels read “token P(token | prefix)”; a full answer ends in the verifier’s verdict and p, the probability of the whole answer.',
    lookFor: 'Collapse: one bar takes everything. For the token task, check whether the surviving answer is the best one or only the likeliest at the start.',
  },
});
