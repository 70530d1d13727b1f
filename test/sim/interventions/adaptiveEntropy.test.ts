// Adaptive entropy coefficient: holds entropy in a band around its target on the token task
// (and so above plain GRPO), reaches the target exactly in exact NPG on a bandit, where β
// settles at the bonus whose fixed point π ∝ exp(μ/β) has that entropy; β survives a checkpoint.
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../../src/sim/cpuBackend';
import { logSoftmax } from '../../../src/sim/softmax';
import { exactBandit, expectHigherFinalEntropy, issuePaths, meanCurve, parse, runEnsemble, tokenTask } from './helpers';

describe('adaptiveEntropy', () => {
  it('holds entropy within ±0.1 nats of its target from step 40 on (token task, 16 seeds) and above GRPO', () => {
    for (const target of [0.6, 1]) {
      const e = runEnsemble(tokenTask({}, [{ type: 'adaptiveEntropy', target }]));
      for (const h of meanCurve(e, 'entropy').slice(40)) expect(Math.abs(h - target)).toBeLessThan(0.1);
      // The mechanism: β rose from 0 to fight the collapse.
      expect(Math.min(...meanCurve(e, 'entropyCoef').slice(40))).toBeGreaterThan(0);
    }
    expectHigherFinalEntropy(runEnsemble(tokenTask({}, [{ type: 'adaptiveEntropy' }])), runEnsemble(tokenTask()));
  });

  it('in exact NPG on a bandit reaches the target entropy at the bonus fixed point π ∝ exp(μ/β)', () => {
    const e = runEnsemble(exactBandit({ type: 'npg', lr: 0.5 }, [{ type: 'adaptiveEntropy', target: 0.9, rate: 0.2 }], 1500));
    const last = e.records[0].at(-1)!;
    expect(last.entropy).toBeCloseTo(0.9, 4);
    const logp = logSoftmax(e.logits[0], new Float64Array(4));
    const theory = logSoftmax([0.2, 0.5, 0.8, 0.3].map((m) => m / last.entropyCoef), new Float64Array(4));
    for (let a = 0; a < 4; a++) expect(logp[a]).toBeCloseTo(theory[a], 3);
  });

  it('resumes from a checkpoint with the same β and numbers as an uninterrupted run', () => {
    const config = parse({ ...tokenTask({}, [{ type: 'adaptiveEntropy', target: 1.3 }]), runs: 2, steps: 40 });
    const whole = new CpuBackend(config);
    whole.advanceSync(20);
    const cp = JSON.parse(JSON.stringify(whole.checkpoint()));
    expect(cp.runs[0].interventionState[0].coef).toBeGreaterThan(0);
    const rest = whole.advanceSync(20);
    const resumed = new CpuBackend(config);
    resumed.restore(cp);
    expect(resumed.advanceSync(20)).toEqual(rest);
  });

  it('rejects bad parameters with the field path', () => {
    const issues = (iv: Record<string, unknown>) => issuePaths(tokenTask({}, [iv]));
    expect(issues({ type: 'adaptiveEntropy', target: -1 })).toEqual(['interventions[0].target']);
    expect(issues({ type: 'adaptiveEntropy', rate: -0.1 })).toEqual(['interventions[0].rate']);
    expect(issues({ type: 'adaptiveEntropy', beta: 1 })).toEqual(['interventions[0].beta']);
    expect(issues({ type: 'adaptiveEntropy' })).toEqual([]);
  });
});
