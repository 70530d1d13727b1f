// Lp-Reg: its update moves π toward its proxy (KL(q‖π) falls, alone in exact mode and relative
// to the same GRPO step in sampled mode). At lab scale, in this whole-state form, it does NOT
// sustain entropy as the paper reports: it prunes the tail and lowers entropy below plain GRPO
// (science.md §6.8: tested as it is, not as hoped).
import { describe, expect, it } from 'vitest';
import { lowProbabilityProxy } from '../../../src/sim/interventions/lpReg';
import { klDivergence, logSoftmax } from '../../../src/sim/softmax';
import { issuePaths, meanDifference, finalValues, parse, runEnsemble, tokenTask } from './helpers';
import { CpuBackend } from '../../../src/sim/cpuBackend';

const K = 6;
const start = [2, 1.5, 0.5, -1.5, -2.5, -3];

/** Per row: KL(q‖π) where q is the proxy of `before`, for the rows π_before and π_after. */
function proxyKl(before: Float64Array, after: Float64Array, threshold: number): { before: number; after: number } {
  const q = new Float64Array(before.length);
  lowProbabilityProxy(before, threshold, q);
  return { before: klDivergence(q, before), after: klDivergence(q, after) };
}

describe('lpReg', () => {
  it('alone (equal arms, exact PG), every step lowers KL(q‖π) to that step\u2019s proxy', () => {
    const config = parse({
      version: 1,
      steps: 30,
      runs: 1,
      env: { type: 'bandit', arms: K, means: Array(K).fill(0.5) },
      policy: { type: 'tabular', init: { type: 'logits', logits: start } },
      algorithm: { type: 'pg', mode: 'exact', lr: 1 },
      interventions: [{ type: 'lpReg', threshold: 0.05, coef: 0.5 }],
    });
    const backend = new CpuBackend(config);
    for (let t = 0; t < 30; t++) {
      const before = logSoftmax(backend.logits(0), new Float64Array(K));
      backend.advanceSync(1);
      const { before: kb, after: ka } = proxyKl(before, logSoftmax(backend.logits(0), new Float64Array(K)), 0.05);
      expect(kb).toBeGreaterThan(0);
      expect(ka).toBeLessThan(kb);
    }
  });

  it('on a sampled GRPO step, each visited state ends closer to its proxy than without it', () => {
    const one = (ivs: Record<string, unknown>[]) => runEnsemble({ ...tokenTask({}, ivs), runs: 1, steps: 1 });
    const config = parse({ ...tokenTask(), runs: 1, steps: 1 });
    const z0 = new CpuBackend(config).logits(0).slice();
    const plain = one([]).logits[0];
    const withLp = one([{ type: 'lpReg', threshold: 0.1, coef: 0.5 }]).logits[0];
    const k = 8;
    let rowsMoved = 0;
    for (let s = 0; s * k < z0.length; s++) {
      const row = (z: Float64Array) => logSoftmax(z.subarray(s * k, (s + 1) * k), new Float64Array(k));
      if (row(plain).every((x, a) => x === row(z0)[a]) && row(withLp).every((x, a) => x === row(z0)[a])) continue; // not visited
      const base = proxyKl(row(z0), row(plain), 0.1).after;
      const reg = proxyKl(row(z0), row(withLp), 0.1).after;
      expect(reg).toBeLessThan(base);
      rowsMoved++;
    }
    expect(rowsMoved).toBeGreaterThan(0);
  });

  it('at lab scale it prunes the tail and lowers entropy below plain GRPO (token task, 16 seeds, > 2 SE)', () => {
    const grpo = runEnsemble(tokenTask());
    const lp = runEnsemble(tokenTask({}, [{ type: 'lpReg' }])); // defaults: κ = 0.1, β = 0.5
    const { diff, se } = meanDifference(finalValues(grpo, 'entropy'), finalValues(lp, 'entropy'));
    expect(diff).toBeGreaterThan(2 * se);
    // The mechanism: the mass below κ·max π that the proxy removes shrinks as training goes on.
    const removed = (t: number) => lp.records.reduce((s, r) => s + r[t].lpRegRemovedMass, 0);
    expect(removed(99)).toBeLessThan(removed(0));
  });

  it('rejects bad parameters with the field path', () => {
    const issues = (iv: Record<string, unknown>) => issuePaths(tokenTask({}, [iv]));
    expect(issues({ type: 'lpReg', threshold: 1.5 })).toEqual(['interventions[0].threshold']);
    expect(issues({ type: 'lpReg', coef: -1 })).toEqual(['interventions[0].coef']);
    expect(issues({ type: 'lpReg' })).toEqual([]);
  });
});
