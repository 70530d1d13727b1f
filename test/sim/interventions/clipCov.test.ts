// Clip-Cov: keeps entropy above plain GRPO on the token task; r = 0 is GRPO bit for bit; the
// dropped tokens are round(r·N) of those with covariance in [ω_low, ω_high]; bad params fail.
import { describe, expect, it } from 'vitest';
import { spec } from '../../../src/sim/interventions/clipCov';
import { tokenCovariances } from '../../../src/sim/interventions/tokenSignals';
import { captureStep, expectHigherFinalEntropy, issuePaths, runEnsemble, tokenTask, withoutKeys } from './helpers';

describe('clipCov', () => {
  it('keeps entropy above plain GRPO through the collapse (token task, step 100, 16 seeds, > 2 SE)', () => {
    const grpo = runEnsemble(tokenTask());
    const clipCov = runEnsemble(tokenTask({}, [{ type: 'clipCov' }]));
    expectHigherFinalEntropy(clipCov, grpo);
    // The mechanism, not only the outcome: tokens were dropped, and only a few.
    const dropped = clipCov.records.flat().map((r) => r.clipCovFrac);
    expect(Math.max(...dropped)).toBeGreaterThan(0);
    expect(Math.max(...dropped)).toBeLessThanOrEqual(0.02 + 1 / 512);
  });

  it('with r = 0 equals plain GRPO bit for bit', () => {
    const grpo = runEnsemble(tokenTask());
    const off = runEnsemble(tokenTask({}, [{ type: 'clipCov', ratio: 0 }]));
    expect(withoutKeys(off, ['clipCovFrac', 'clipCovEligibleFrac'])).toEqual(grpo.records);
    expect(off.logits).toEqual(grpo.logits);
    expect(off.records.flat().every((r) => r.clipCovFrac === 0)).toBe(true);
  });

  it('drops round(r·N) tokens, all inside the covariance band, and reports it', () => {
    const raw = tokenTask({}, []);
    const { ctx, tokens } = captureStep(raw, 3);
    const c = tokenCovariances(tokens);
    const n = c.length;
    const params = { type: 'clipCov' as const, ratio: 0.01, covLow: 0.2, covHigh: 5 };
    const eligible = Array.from(c).filter((x) => x >= params.covLow && x <= params.covHigh).length;
    expect(eligible).toBeGreaterThan(Math.round(params.ratio * n)); // the band holds more than r·N
    const iv = spec.create(params, ctx.shape);
    const weights = { ...tokens, weight: tokens.weight.slice() };
    iv.tokenWeights!(ctx, weights);
    const droppedIdx = Array.from(weights.weight.keys()).filter((i) => weights.weight[i] === 0);
    expect(droppedIdx).toHaveLength(Math.round(params.ratio * n));
    for (const i of droppedIdx) expect(c[i]).toBeGreaterThanOrEqual(params.covLow);
    for (const i of droppedIdx) expect(c[i]).toBeLessThanOrEqual(params.covHigh);
    expect(iv.metrics!()).toEqual({ clipCovFrac: droppedIdx.length / n, clipCovEligibleFrac: eligible / n });
  });

  it('rejects bad parameters with the field path', () => {
    const issues = (iv: Record<string, unknown>) => issuePaths(tokenTask({}, [iv]));
    expect(issues({ type: 'clipCov', ratio: -0.1 })).toEqual(['interventions[0].ratio']);
    expect(issues({ type: 'clipCov', ratio: 2 })).toEqual(['interventions[0].ratio']);
    expect(issues({ type: 'clipCov', covLow: 5, covHigh: 1 })).toEqual(['interventions[0].covHigh']);
    expect(issues({ type: 'clipCov', omega: 1 })).toEqual(['interventions[0].omega']);
    expect(issues({ type: 'clipCov' })).toEqual([]);
  });
});
