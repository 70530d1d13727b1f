// Entropy-discriminator clipping: keeps entropy above GRPO on the token task; drops exactly the
// gradient-carrying tokens in the predicted-entropy-cut tail; quantile 0 is GRPO bit for bit.
import { describe, expect, it } from 'vitest';
import { quantile } from '../../../src/sim/ensemble';
import { snappedQuantile, spec, THRESHOLD_TIE } from '../../../src/sim/interventions/entropyDiscriminatorClip';
import { predictedEntropyChanges } from '../../../src/sim/interventions/tokenSignals';
import { captureStep, expectHigherFinalEntropy, issuePaths, runEnsemble, tokenTask, withoutKeys } from './helpers';

describe('entropyDiscriminatorClip', () => {
  it('keeps entropy above plain GRPO through the collapse (token task, step 100, 16 seeds, > 2 SE)', () => {
    const grpo = runEnsemble(tokenTask());
    const clip = runEnsemble(tokenTask({}, [{ type: 'entropyDiscriminatorClip' }]));
    expectHigherFinalEntropy(clip, grpo);
    const recs = clip.records.flat();
    expect(recs.some((r) => r.discriminatorDropFrac > 0)).toBe(true);
    expect(recs.every((r) => r.discriminatorThreshold <= 0 || r.discriminatorDropFrac === 0)).toBe(true);
  });

  it('with quantile 0 equals plain GRPO bit for bit', () => {
    const grpo = runEnsemble(tokenTask());
    const off = runEnsemble(tokenTask({}, [{ type: 'entropyDiscriminatorClip', quantile: 0 }]));
    expect(withoutKeys(off, ['discriminatorDropFrac', 'discriminatorThreshold'])).toEqual(grpo.records);
  });

  it('drops the entropy-cutting tokens at or below the quantile of the gradient-carrying ones', () => {
    const { ctx, tokens } = captureStep(tokenTask(), 3);
    const dh = predictedEntropyChanges(ctx, tokens);
    const active = Array.from(dh).filter((_, i) => tokens.advantage[i] !== 0);
    const q = 0.2;
    const threshold = snappedQuantile(Float64Array.from(active).sort(), q);
    expect(threshold).toBeLessThan(0);
    const iv = spec.create(spec.schema.parse({ type: 'entropyDiscriminatorClip', quantile: q }), ctx.shape);
    const view = { ...tokens, weight: tokens.weight.slice() };
    iv.tokenWeights!(ctx, view);
    for (let i = 0; i < dh.length; i++) {
      const shouldDrop = tokens.advantage[i] !== 0 && dh[i] < 0 && dh[i] <= threshold + THRESHOLD_TIE * Math.abs(threshold);
      expect(view.weight[i]).toBe(shouldDrop ? 0 : 1);
    }
    const dropped = view.weight.filter((w) => w === 0).length;
    expect(dropped).toBeGreaterThanOrEqual(Math.floor(q * active.length));
    expect(iv.metrics!()).toEqual({ discriminatorDropFrac: dropped / dh.length, discriminatorThreshold: threshold });
  });

  it('takes the interpolated quantile, with a rank within RANK_SNAP of a whole one taken whole', () => {
    const values = Float64Array.from({ length: 101 }, (_, i) => i * i);
    // 0.29·100 is 28.999999999999996 in float64: the plain quantile interpolates just below 29².
    expect(quantile(values, 0.29)).toBeLessThan(841);
    expect(snappedQuantile(values, 0.29)).toBe(841);
    expect(snappedQuantile(values, 0.25)).toBe(quantile(values, 0.25));
    expect(snappedQuantile(values, 0.31)).toBe(quantile(values, 0.31));
    expect(snappedQuantile(new Float64Array(0), 0.5)).toBe(0);
  });

  it('rejects a quantile outside [0, 1] with the field path', () => {
    expect(issuePaths(tokenTask({}, [{ type: 'entropyDiscriminatorClip', quantile: 1.5 }]))).toEqual(['interventions[0].quantile']);
  });
});
