// Clip-higher: inert on one on-policy epoch; with 4 epochs and rewards that carry no signal it
// keeps entropy above the symmetric clip (the upper clip is what lowers entropy there);
// reversed bounds fail validation. On the token task it does not raise entropy (see the module).
import { describe, expect, it } from 'vitest';
import { spec } from '../../../src/sim/interventions/clipHigher';
import { expectHigherFinalEntropy, issuePaths, meanOf, randomRewardBandit, runEnsemble, tokenTask, withoutKeys } from './helpers';

describe('clipHigher', () => {
  it('changes nothing on one on-policy epoch', () => {
    const grpo = runEnsemble(tokenTask({ epochs: 1 }));
    const higher = runEnsemble(tokenTask({ epochs: 1 }, [{ type: 'clipHigher' }]));
    expect(withoutKeys(higher, ['clipBoundLow', 'clipBoundHigh'])).toEqual(grpo.records);
    expect(spec.offPolicyOnly).toBe(true);
  });

  it('keeps final entropy above the symmetric clip when rewards carry no signal (bandit, step 200, 16 seeds, > 2 SE)', () => {
    const symmetric = runEnsemble(randomRewardBandit());
    const higher = runEnsemble(randomRewardBandit([{ type: 'clipHigher' }]));
    expectHigherFinalEntropy(higher, symmetric);
    // The bounds in use are reported, and the upper clip did act on this task.
    const recs = higher.records.flat();
    expect(recs.every((r) => r.clipBoundLow === 0.2 && r.clipBoundHigh === 0.28)).toBe(true);
    expect(meanOf(recs.map((r) => r.clipFracHigh))).toBeGreaterThan(0);
  });

  it('rejects reversed or negative bounds with the field path', () => {
    const paths = (iv: Record<string, unknown>) => issuePaths(randomRewardBandit([iv]));
    expect(paths({ type: 'clipHigher', epsLow: 0.3, epsHigh: 0.2 })).toEqual(['interventions[0].epsHigh']);
    expect(paths({ type: 'clipHigher', epsLow: -0.1 })).toEqual(['interventions[0].epsLow']);
    expect(paths({ type: 'clipHigher', epsLow: 0.2, epsHigh: 0.2 })).toEqual([]);
  });
});
