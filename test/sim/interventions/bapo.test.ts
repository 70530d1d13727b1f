// BAPO: inert on one on-policy epoch; each epoch's bounds are the first ones (lower bound
// first, then upper) at which positive tokens carry a share ≥ ρ0; with rewards that carry no
// signal it holds entropy above the symmetric clip and above its own frozen start bounds;
// it cannot be combined with clip-higher; bad bounds fail validation.
import { describe, expect, it } from 'vitest';
import { BAPO_SHARE_SLACK, positiveShare, spec } from '../../../src/sim/interventions/bapo';
import type { TokenBatch } from '../../../src/sim/types';
import { captureStep, expectHigherFinalEntropy, issuePaths, randomRewardBandit, runEnsemble, tokenTask, withoutKeys } from './helpers';

const KEYS = ['clipBoundLow', 'clipBoundHigh', 'bapoPositiveShare'];

function tokensOf(advantage: number[]): TokenBatch {
  return { advantage: Float64Array.from(advantage), weight: new Float64Array(advantage.length).fill(1) } as TokenBatch;
}

describe('bapo', () => {
  it('measures the positive share over tokens whose clip is inactive', () => {
    const tokens = tokensOf([1, -1, 2, -2]);
    const ratio = Float64Array.from([1.5, 0.7, 1, 1]);
    // [0.8, 1.2]: token 0 (ratio 1.5 > 1.2) and token 1 (0.7 < 0.8) carry no gradient: 2 / (2 + 2).
    expect(positiveShare(tokens, ratio, 0.8, 1.2)).toBeCloseTo(0.5, 12);
    // [0.8, 1.5]: token 0 counts again: (1.5 + 2) / (1.5 + 2 + 2).
    expect(positiveShare(tokens, ratio, 0.8, 1.5)).toBeCloseTo(3.5 / 5.5, 12);
    // [0.6, 1.2]: token 1 counts: 2 / (2 + 0.7 + 2).
    expect(positiveShare(tokens, ratio, 0.6, 1.2)).toBeCloseTo(2 / 4.7, 12);
  });

  it('widens the lower bound first, then the upper, and stops at the first bounds that reach ρ0', () => {
    const { ctx, tokens, epochs } = captureStep(randomRewardBandit(), 5);
    const p = spec.schema.parse({ type: 'bapo', targetShare: 0.7 });
    let checked = 0;
    for (const [e, { ratio }] of epochs.entries()) {
      const iv = spec.create(p, ctx.shape);
      const b = iv.epochClipBounds!(ctx, tokens, e, ratio, { low: 0.2, high: 0.2 });
      const lo = 1 - b.low;
      const hi = 1 + b.high;
      const share = positiveShare(tokens, ratio, lo, hi);
      expect(iv.metrics!().bapoPositiveShare).toBeCloseTo(share, 12);
      expect(share >= p.targetShare - BAPO_SHARE_SLACK || (lo >= p.lowerMax - 1e-12 && hi >= p.upperMax - 1e-12)).toBe(true);
      if (hi > p.upperStart + 1e-12) {
        expect(lo).toBeCloseTo(p.lowerMax, 12); // the upper bound moves only once the lower is spent
        expect(positiveShare(tokens, ratio, lo, hi - p.step)).toBeLessThan(p.targetShare - BAPO_SHARE_SLACK);
        checked++;
      } else if (lo > p.lowerStart + 1e-12) {
        expect(positiveShare(tokens, ratio, lo - p.step, hi)).toBeLessThan(p.targetShare - BAPO_SHARE_SLACK);
        checked++;
      }
    }
    expect(epochs).toHaveLength(4);
    expect(checked).toBeGreaterThan(0); // some epoch did adapt
  });

  it('changes nothing on one on-policy epoch', () => {
    const grpo = runEnsemble(tokenTask({ epochs: 1 }));
    const bapo = runEnsemble(tokenTask({ epochs: 1 }, [{ type: 'bapo' }]));
    expect(withoutKeys(bapo, KEYS)).toEqual(grpo.records);
  });

  it('holds entropy above the symmetric clip and its own frozen bounds when rewards carry no signal (bandit, step 200, 16 seeds, > 2 SE)', () => {
    const symmetric = runEnsemble(randomRewardBandit());
    const frozen = runEnsemble(randomRewardBandit([{ type: 'bapo', lowerMax: 0.6, upperMax: 1.2 }]));
    const bapo = runEnsemble(randomRewardBandit([{ type: 'bapo' }]));
    for (const other of [symmetric, frozen]) {
      expectHigherFinalEntropy(bapo, other);
    }
    const bounds = bapo.records.flat();
    expect(bounds.some((r) => r.clipBoundLow < 0.4 || r.clipBoundHigh > 0.2)).toBe(true); // it adapted
  });

  it('cannot be combined with clip-higher, and rejects bad bounds with the field path', () => {
    const paths = (ivs: Record<string, unknown>[]) => issuePaths(randomRewardBandit(ivs));
    expect(paths([{ type: 'clipHigher' }, { type: 'bapo' }])).toEqual(['interventions[1]']);
    expect(paths([{ type: 'bapo' }, { type: 'clipHigher' }])).toEqual(['interventions[1]']);
    expect(paths([{ type: 'bapo', lowerStart: 0.8, lowerMax: 0.7 }])).toEqual(['interventions[0].lowerMax']);
    expect(paths([{ type: 'bapo', upperStart: 0.9 }])).toEqual(['interventions[0].upperStart']);
    expect(paths([{ type: 'bapo', targetShare: 1.5 }])).toEqual(['interventions[0].targetShare']);
    expect(paths([{ type: 'bapo', step: 0 }])).toEqual(['interventions[0].step']);
  });
});
