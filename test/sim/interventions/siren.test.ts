// SIREN: its direction is the gradient of the anchored nucleus penalty (central differences);
// it regularises only the top fraction of states; on the token task it keeps entropy above plain
// GRPO, and where a strong plain bonus explodes entropy past its start, a strong SIREN does not
// (science.md §6 finding 7).
import { describe, expect, it } from 'vitest';
import { nucleus, spec } from '../../../src/sim/interventions/siren';
import { logSoftmax } from '../../../src/sim/softmax';
import type { StepContext } from '../../../src/sim/types';
import { expectHigherFinalEntropy, issuePaths, meanCurve, runEnsemble, tokenTask } from './helpers';

describe('siren', () => {
  it('is the logit gradient of −(β/2)(H_p − H_anchor)² over the nucleus (central differences)', () => {
    const z = [2.0, 1.4, 0.9, -0.3, -1.5, -2.5];
    const k = z.length;
    const params = { type: 'siren' as const, topP: 0.9, topFraction: 1, coef: 0.8, anchor: 0.4 };
    const lp = logSoftmax(z, new Float64Array(k));
    const iv = spec.create(params, { rows: 1, actions: k });
    iv.beginStep!({ rowEntropy: Float64Array.of(1), visitation: Float64Array.of(1), logp: lp } as unknown as StepContext);
    const u = new Float64Array(k);
    iv.naturalDirection!({} as StepContext, 0, Float64Array.from(z), lp, u);
    const objective = (zz: number[]) => {
      const h = nucleus(logSoftmax(zz, new Float64Array(k)), params.topP, new Float64Array(k)).entropy;
      return (-params.coef / 2) * (h - params.anchor) ** 2;
    };
    const inNucleus = new Float64Array(k);
    nucleus(lp, params.topP, inNucleus);
    expect(inNucleus.filter((x) => x > -Infinity).length).toBe(3); // a proper subset: the mask matters
    for (let a = 0; a < k; a++) {
      const h = 1e-6;
      const numeric = (objective(z.map((x, i) => x + (i === a ? h : 0))) - objective(z.map((x, i) => x - (i === a ? h : 0)))) / (2 * h);
      expect(Math.exp(lp[a]) * u[a]).toBeCloseTo(numeric, 7);
    }
  });

  it('acts only at the top fraction of visited states by entropy', () => {
    const k = 3;
    const rows = [[0.5, 0, 0], [3, 0, 0], [1, 0, 0], [6, 0, 0]].map((z) => logSoftmax(z, new Float64Array(k)));
    const logp = Float64Array.from(rows.flatMap((r) => Array.from(r)));
    const rowEntropy = Float64Array.from(rows.map((r) => -r.reduce((s, x) => s + Math.exp(x) * x, 0)));
    const iv = spec.create({ type: 'siren', topP: 1, topFraction: 0.5, coef: 1, anchor: 0.1 }, { rows: 4, actions: k });
    iv.beginStep!({ rowEntropy, visitation: Float64Array.of(1, 1, 1, 1), logp } as unknown as StepContext);
    const touched = rows.map((r, s) => {
      const u = new Float64Array(k);
      iv.naturalDirection!({} as StepContext, s, new Float64Array(k), r, u);
      return u.some((x) => x !== 0);
    });
    expect(touched).toEqual([true, false, true, false]); // rows 0 and 2 have the highest entropy
    expect(iv.metrics!().sirenMaskFrac).toBe(0.5);
  });

  it('keeps entropy above plain GRPO (token task, 16 seeds, > 2 SE)', () => {
    expectHigherFinalEntropy(runEnsemble(tokenTask({}, [{ type: 'siren' }])), runEnsemble(tokenTask()));
  });

  it('works in exact mode too: exact PG on the token task keeps more entropy with it', () => {
    const exact = (ivs: Record<string, unknown>[]) => runEnsemble({ ...tokenTask({ type: 'pg', mode: 'exact' }, ivs), runs: 1 });
    const plain = exact([]).records[0].at(-1)!;
    const withSiren = exact([{ type: 'siren' }]).records[0].at(-1)!;
    expect(withSiren.entropy).toBeGreaterThan(plain.entropy + 0.05);
    expect(withSiren.sirenMaskFrac).toBeGreaterThan(0);
  });

  it('anchored: a strong SIREN stays below the starting entropy where a strong plain bonus explodes past it', () => {
    const bonus = meanCurve(runEnsemble(tokenTask({}, [{ type: 'entropyBonus', coef: 0.15 }])), 'entropy');
    const siren = meanCurve(runEnsemble(tokenTask({}, [{ type: 'siren', coef: 5 }])), 'entropy');
    expect(bonus.at(-1)!).toBeGreaterThan(bonus[0] + 0.3);
    expect(Math.max(...siren)).toBeLessThanOrEqual(siren[0]);
  });

  it('rejects bad parameters with the field path', () => {
    const issues = (iv: Record<string, unknown>) => issuePaths(tokenTask({}, [iv]));
    expect(issues({ type: 'siren', topP: 0 })).toEqual(['interventions[0].topP']);
    expect(issues({ type: 'siren', topFraction: 1.5 })).toEqual(['interventions[0].topFraction']);
    expect(issues({ type: 'siren', anchor: -1 })).toEqual(['interventions[0].anchor']);
    expect(issues({ type: 'siren' })).toEqual([]);
  });
});
