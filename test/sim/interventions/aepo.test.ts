// AEPO: holds entropy within a band around an arbitrary target (token task, 16 seeds; exact
// NPG on a bandit), above plain GRPO; its temperature is T_high exactly when entropy is below
// target; bad temperatures fail with the field path.
import { describe, expect, it } from 'vitest';
import { exactBandit, expectHigherFinalEntropy, issuePaths, meanCurve, runEnsemble, tokenTask } from './helpers';

describe('aepo', () => {
  it('holds entropy within ±0.1 nats of its target from step 20 on (token task, 16 seeds) and above GRPO', () => {
    for (const target of [0.6, 1]) {
      const e = runEnsemble(tokenTask({}, [{ type: 'aepo', target }]));
      for (const h of meanCurve(e, 'entropy').slice(20)) expect(Math.abs(h - target)).toBeLessThan(0.1);
      // The switch: T_high below target, T_low at or above it, read off each step's record.
      for (const r of e.records.flat()) expect(r.aepoTemperature).toBe(r.entropy < target ? 1.5 : 0.75);
    }
    expectHigherFinalEntropy(runEnsemble(tokenTask({}, [{ type: 'aepo' }])), runEnsemble(tokenTask()));
  });

  it('in exact NPG on a bandit holds entropy in a band around the target where plain NPG collapses', () => {
    const plain = runEnsemble(exactBandit({ type: 'npg', lr: 0.5 }, [], 600));
    expect(plain.records[0].at(-1)!.entropy).toBeLessThan(0.1);
    const e = runEnsemble(exactBandit({ type: 'npg', lr: 0.5 }, [{ type: 'aepo', target: 0.9 }], 600));
    for (const r of e.records[0].slice(100)) expect(Math.abs(r.entropy - 0.9)).toBeLessThan(0.1);
  });

  it('rejects bad parameters with the field path', () => {
    const issues = (iv: Record<string, unknown>) => issuePaths(tokenTask({}, [iv]));
    expect(issues({ type: 'aepo', tempHigh: 0.9 })).toEqual(['interventions[0].tempHigh']);
    expect(issues({ type: 'aepo', tempLow: 1.2 })).toEqual(['interventions[0].tempLow']);
    expect(issues({ type: 'aepo', coef: -1 })).toEqual(['interventions[0].coef']);
    expect(issues({ type: 'aepo', target: -0.5 })).toEqual(['interventions[0].target']);
    expect(issues({ type: 'aepo' })).toEqual([]);
  });
});
