// Entrocraft: entropy follows the schedule within a band (linear anneal and constant, token task,
// 16 seeds), far above plain GRPO; rejection probability 0 is plain GRPO bit for bit; the
// schedules hit their endpoints; bad parameters fail with the field path.
import { describe, expect, it } from 'vitest';
import { entropyTarget, type EntrocraftParams } from '../../../src/sim/interventions/entrocraft';
import { expectHigherFinalEntropy, issuePaths, meanCurve, runEnsemble, tokenTask, withoutKeys } from './helpers';

describe('entrocraft', () => {
  it('follows its schedule within ±0.1 nats once it reaches it (token task, 16 seeds) and stays above GRPO', () => {
    // The linear anneal starts just below the initial entropy (1.5) and is tracked from step 10;
    // a constant 0.8 is reached by the collapse itself around step 30 (rejection only slows it).
    const cases = [{ from: 10, schedule: { schedule: 'linear', start: 1.2, end: 0.9 } }, { from: 30, schedule: { schedule: 'constant', start: 0.8 } }];
    for (const { from, schedule } of cases) {
      const e = runEnsemble(tokenTask({}, [{ type: 'entrocraft', ...schedule }]));
      const h = meanCurve(e, 'entropy');
      const target = meanCurve(e, 'entrocraftTarget');
      for (let t = from; t < h.length; t++) expect(Math.abs(h[t] - target[t])).toBeLessThan(0.1);
      expect(Math.max(...meanCurve(e, 'entrocraftRejectFrac'))).toBeGreaterThan(0);
    }
    expectHigherFinalEntropy(runEnsemble(tokenTask({}, [{ type: 'entrocraft' }])), runEnsemble(tokenTask()));
  });

  it('with rejection probability 0 equals plain GRPO bit for bit', () => {
    const grpo = runEnsemble(tokenTask());
    const off = runEnsemble(tokenTask({}, [{ type: 'entrocraft', rejectProb: 0 }]));
    expect(withoutKeys(off, ['entrocraftTarget', 'entrocraftRejectFrac'])).toEqual(grpo.records);
    expect(off.logits).toEqual(grpo.logits);
  });

  it('schedules run from start to end (linear at the midpoint halfway, cosine through it too)', () => {
    const p = (schedule: EntrocraftParams['schedule']): EntrocraftParams => ({ type: 'entrocraft', schedule, start: 1.2, end: 0.6, rejectProb: 1 });
    for (const s of ['linear', 'cosine'] as const) {
      expect(entropyTarget(p(s), 0, 101)).toBeCloseTo(1.2, 12);
      expect(entropyTarget(p(s), 50, 101)).toBeCloseTo(0.9, 12);
      expect(entropyTarget(p(s), 100, 101)).toBeCloseTo(0.6, 12);
    }
    // Cosine lingers near its ends: a quarter of the way in it has moved less than linear.
    expect(entropyTarget(p('cosine'), 25, 101)).toBeGreaterThan(entropyTarget(p('linear'), 25, 101));
    expect(entropyTarget(p('constant'), 100, 101)).toBe(1.2);
  });

  it('rejects bad parameters with the field path', () => {
    const issues = (iv: Record<string, unknown>) => issuePaths(tokenTask({}, [iv]));
    expect(issues({ type: 'entrocraft', schedule: 'exponential' })).toEqual(['interventions[0].schedule']);
    expect(issues({ type: 'entrocraft', rejectProb: 1.5 })).toEqual(['interventions[0].rejectProb']);
    expect(issues({ type: 'entrocraft', start: -1 })).toEqual(['interventions[0].start']);
    expect(issues({ type: 'entrocraft' })).toEqual([]);
  });
});
