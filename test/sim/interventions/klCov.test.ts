// KL-Cov: inert on one on-policy epoch (bit for bit GRPO, klCovActive = 0, and the config
// check says so), active with 4 epochs, where it keeps entropy above GRPO; the penalty's
// gradient has the sign that pulls log π_θ(a) back toward log π_old(a).
import { describe, expect, it } from 'vitest';
import { inertIssues } from '../../../src/sim/interventions/compose';
import { spec } from '../../../src/sim/interventions/klCov';
import { tokenCovariances } from '../../../src/sim/interventions/tokenSignals';
import { captureStep, expectHigherFinalEntropy, issuePaths, runEnsemble, tokenTask, withoutKeys } from './helpers';

const KEYS = ['klCovFrac', 'klCovActive', 'klCovPenalty'];

describe('klCov', () => {
  it('does nothing on one on-policy epoch, shows it, and the config check flags it', () => {
    const grpo = runEnsemble(tokenTask({ epochs: 1 }));
    const kl = runEnsemble(tokenTask({ epochs: 1 }, [{ type: 'klCov' }]));
    expect(withoutKeys(kl, KEYS)).toEqual(grpo.records);
    expect(kl.logits).toEqual(grpo.logits);
    const recs = kl.records.flat();
    expect(recs.every((r) => r.klCovFrac > 0 && r.klCovActive === 0 && r.klCovPenalty === 0)).toBe(true);
    expect(spec.offPolicyOnly).toBe(true);
    expect(inertIssues([spec], 1).map((i) => i.path)).toEqual(['interventions[0]']);
    expect(inertIssues([spec], 4)).toEqual([]);
  });

  it('with 4 epochs it acts and keeps entropy above GRPO through the collapse (step 100, 16 seeds, > 2 SE)', () => {
    const grpo = runEnsemble(tokenTask({ epochs: 4 }));
    const kl = runEnsemble(tokenTask({ epochs: 4 }, [{ type: 'klCov' }]));
    expectHigherFinalEntropy(kl, grpo);
    // Active on the steps that have a gradient (a step whose groups are all flat has none), but
    // for the rare one whose selected tokens sit in rows that do not move: a group whose
    // tokens share a row and action has advantages summing to 0 there (klCov.ts dead zone).
    const learning = kl.records.flat().filter((r) => r.zeroStdFrac < 1);
    expect(learning.length).toBeGreaterThan(0.9 * 16 * 100);
    const acting = learning.filter((r) => r.klCovActive > 0 && r.klCovPenalty > 0);
    expect(acting.length).toBeGreaterThanOrEqual(0.99 * learning.length);
  });

  it('penalises exactly the top-k tokens by covariance, against the direction each moved', () => {
    const { ctx, tokens } = captureStep(tokenTask({ epochs: 4 }), 2);
    const iv = spec.create(spec.schema.parse({ type: 'klCov', ratio: 0.05, coef: 0.7 }), ctx.shape);
    iv.tokenWeights!(ctx, tokens);
    const n = tokens.advantage.length;
    // A made-up move of the policy: every other token up, the rest down.
    const logpNew = tokens.logpOld.map((lp, i) => lp + (i % 2 === 0 ? 0.1 : -0.1));
    const coef = new Float64Array(n);
    iv.tokenLoss!(ctx, tokens, 1, logpNew, coef);
    const c = tokenCovariances(tokens);
    const k = Math.round(0.05 * n);
    const kth = Array.from(c).sort((a, b) => b - a)[k - 1];
    const touched = Array.from(coef.keys()).filter((i) => coef[i] !== 0);
    expect(touched).toHaveLength(k);
    for (const i of touched) {
      expect(c[i]).toBeGreaterThanOrEqual(kth);
      expect(coef[i]).toBeCloseTo(i % 2 === 0 ? -0.7 : 0.7, 12);
    }
    expect(iv.metrics!().klCovFrac).toBe(k / n);
    expect(iv.metrics!().klCovPenalty).toBeCloseTo(0.7 * 0.1, 12);
  });

  it('rejects bad parameters with the field path', () => {
    const paths = (iv: Record<string, unknown>) => issuePaths(tokenTask({ epochs: 4 }, [iv]));
    expect(paths({ type: 'klCov', ratio: -1 })).toEqual(['interventions[0].ratio']);
    expect(paths({ type: 'klCov', coef: -0.5 })).toEqual(['interventions[0].coef']);
    expect(paths({ type: 'klCov', ratio: 0.1, coef: 1 })).toEqual([]);
  });
});
