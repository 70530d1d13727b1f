// STEER: keeps entropy above GRPO on the token task; weights fall linearly with the predicted
// entropy cut, from w_max (no cut) to w_min (the batch's largest); w_min = w_max = 1 is GRPO.
import { describe, expect, it } from 'vitest';
import { spec } from '../../../src/sim/interventions/steer';
import { predictedEntropyChanges } from '../../../src/sim/interventions/tokenSignals';
import { captureStep, expectHigherFinalEntropy, issuePaths, runEnsemble, tokenTask, withoutKeys } from './helpers';

describe('steer', () => {
  it('keeps entropy above plain GRPO through the collapse (token task, step 100, 16 seeds, > 2 SE)', () => {
    const grpo = runEnsemble(tokenTask());
    const steer = runEnsemble(tokenTask({}, [{ type: 'steer' }]));
    expectHigherFinalEntropy(steer, grpo);
    const recs = steer.records.flat();
    expect(recs.every((r) => r.steerMinWeight >= 0.2 - 1e-12 && r.steerMeanWeight <= 1)).toBe(true);
    expect(recs.some((r) => r.steerMinWeight < 0.5)).toBe(true);
  });

  it('with w_min = w_max = 1 equals plain GRPO bit for bit', () => {
    const grpo = runEnsemble(tokenTask());
    const flat = runEnsemble(tokenTask({}, [{ type: 'steer', weightMin: 1, weightMax: 1 }]));
    expect(withoutKeys(flat, ['steerMeanWeight', 'steerMinWeight'])).toEqual(grpo.records);
  });

  it('weights decrease with the predicted entropy cut, from w_max to w_min', () => {
    const { ctx, tokens } = captureStep(tokenTask(), 3);
    const dh = predictedEntropyChanges(ctx, tokens);
    const iv = spec.create(spec.schema.parse({ type: 'steer', weightMin: 0.3, weightMax: 0.9 }), ctx.shape);
    const view = { ...tokens, weight: tokens.weight.slice() };
    iv.tokenWeights!(ctx, view);
    const order = Array.from(dh.keys()).sort((a, b) => dh[a] - dh[b]);
    for (let j = 1; j < order.length; j++) expect(view.weight[order[j]]).toBeGreaterThanOrEqual(view.weight[order[j - 1]] - 1e-12);
    expect(view.weight[order[0]]).toBeCloseTo(0.3, 12); // the largest cut
    for (let i = 0; i < dh.length; i++) if (dh[i] >= 0) expect(view.weight[i]).toBe(0.9);
  });

  it('rejects w_min > w_max and negative weights with the field path', () => {
    const paths = (iv: Record<string, unknown>) => issuePaths(tokenTask({}, [iv]));
    expect(paths({ type: 'steer', weightMin: 0.9, weightMax: 0.5 })).toEqual(['interventions[0].weightMin']);
    expect(paths({ type: 'steer', weightMin: -0.1 })).toEqual(['interventions[0].weightMin']);
  });
});
