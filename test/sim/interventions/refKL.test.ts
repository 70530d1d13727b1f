// Reference divergences: each direction's ascent matches finite differences of −β·D in the
// logits; on the token task each keeps entropy above plain GRPO and the mass-covering forward
// KL keeps more than the mode-seeking reverse KL at the same β (DPH-RL's point); an unknown
// divergence fails with its field path.
import { describe, expect, it } from 'vitest';
import { DIVERGENCES, divergenceAscent, divergenceValue, type Divergence } from '../../../src/sim/divergence';
import { logSoftmax } from '../../../src/sim/softmax';
import { exactBandit, expectHigherFinalEntropy, issuePaths, runEnsemble, tokenTask } from './helpers';

/** D(π, π_ref) from log-probabilities, straight from the definitions. */
function divergence(d: Divergence, lp: Float64Array, lr: Float64Array): number {
  const kl = (a: number[], b: number[]) => a.reduce((s, x, i) => s + Math.exp(x) * (x - b[i]), 0);
  const p = Array.from(lp);
  const r = Array.from(lr);
  if (d === 'reverse') return kl(p, r);
  if (d === 'forward') return kl(r, p);
  const m = p.map((x, i) => Math.log((Math.exp(x) + Math.exp(r[i])) / 2));
  return 0.5 * kl(p, m) + 0.5 * kl(r, m);
}

describe('refKL', () => {
  it('each direction is the logit gradient of −β·D (central differences)', () => {
    const z = [0.3, -1.2, 2.0, 0.1, -0.4];
    const zRef = [1.0, 0.2, -0.5, 0.4, -2.0];
    const k = z.length;
    const lp = logSoftmax(z, new Float64Array(k));
    const lr = logSoftmax(zRef, new Float64Array(k));
    const beta = 0.7;
    for (const d of DIVERGENCES) {
      const u = new Float64Array(k);
      divergenceAscent(d, lp, lr, beta, u);
      for (let a = 0; a < k; a++) {
        const h = 1e-5;
        const at = (dz: number) => -beta * divergence(d, logSoftmax(z.map((x, i) => x + (i === a ? dz : 0)), new Float64Array(k)), lr);
        const numeric = (at(h) - at(-h)) / (2 * h);
        expect(Math.exp(lp[a]) * u[a]).toBeCloseTo(numeric, 8);
      }
      expect(divergenceValue(d, lp, lr)).toBeCloseTo(divergence(d, lp, lr), 12); // the metric refDivergence
    }
  });

  it('each divergence keeps entropy above plain GRPO; forward KL above reverse KL (token task, 16 seeds, > 2 SE)', () => {
    const grpo = runEnsemble(tokenTask());
    const runs = Object.fromEntries(DIVERGENCES.map((d) => [d, runEnsemble(tokenTask({}, [{ type: 'refKL', divergence: d, coef: 0.2 }]))]));
    for (const d of DIVERGENCES) expectHigherFinalEntropy(runs[d], grpo);
    expectHigherFinalEntropy(runs.forward, runs.reverse);
  });

  it('reverse KL as an intervention equals the algorithm\u2019s refKL field (exact mode, same numbers)', () => {
    const viaField = runEnsemble(exactBandit({ type: 'npg', lr: 0.5, refKL: 0.3 }, [], 100));
    const viaIntervention = runEnsemble(exactBandit({ type: 'npg', lr: 0.5 }, [{ type: 'refKL', divergence: 'reverse', coef: 0.3 }], 100));
    expect(viaIntervention.logits).toEqual(viaField.logits);
  });

  it('rejects bad parameters with the field path', () => {
    const issues = (iv: Record<string, unknown>) => issuePaths(tokenTask({}, [iv]));
    expect(issues({ type: 'refKL', divergence: 'hellinger' })).toEqual(['interventions[0].divergence']);
    expect(issues({ type: 'refKL', coef: -0.1 })).toEqual(['interventions[0].coef']);
    expect(issues({ type: 'refKL' })).toEqual([]);
  });
});
