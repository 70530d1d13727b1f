// The incremental run state (src/sim/runState.ts) against the full recomputation, bit for bit:
// after every step, a state rebuilt from scratch at the run's logits must equal the one
// trainStep carried forward (rows it kept, rows it refreshed, the environment's evaluation),
// and both must equal the whole-table functions (log-softmax, exp, row entropies, KL, the
// environment evaluating without the kept π); and
// stepRecord's covariance, step ratio and KL (which skip the rows the update left alone and read
// the kept π and KL) must equal the same metrics taken over every visited row from exp(log π).
import { describe, expect, it } from 'vitest';
import { createEnvironment, createRun } from '../../src/sim/experiment';
import { initialState, type RunState } from '../../src/sim/runState';
import { covarianceTerm, klDivergence, stepRatio } from '../../src/sim/softmax';
import { logSoftmaxTable, probsTable, rowEntropies, weightedMean } from '../../src/sim/policy';
import { stepRecord, trainStep } from '../../src/sim/trainStep';
import type { Environment, StepRecord } from '../../src/sim/types';
import { parse } from './interventions/helpers';

type Raw = Record<string, unknown>;

const CASES: [string, Raw][] = [
  // Four of eight prompts per step: the other prompts' rows stay as they were.
  ['token GRPO, a prompt window, Clip-Cov and an entropy bonus', { env: { type: 'tokens', prompts: 8, vocab: 5, length: 3 }, algorithm: { type: 'grpo', lr: 1, batchPrompts: 4 }, interventions: [{ type: 'clipCov', ratio: 0.2 }, { type: 'entropyBonus', coef: 0.02 }] }],
  ['token PPO with shared suffix rows, 3 epochs, a reference KL and rollout temperature', { env: { type: 'tokens', prompts: 6, vocab: 4, length: 4, sharedSuffix: true }, algorithm: { type: 'ppo', lr: 0.8, epochs: 3, refKL: 0.05 }, interventions: [{ type: 'rolloutTemperature' }] }],
  ['exact PG on the token task', { env: { type: 'tokens', prompts: 4, vocab: 4, length: 3 }, algorithm: { type: 'pg', mode: 'exact', lr: 2 } }],
  ['sampled REINFORCE on the chain MDP', { env: { type: 'chain', length: 5 }, algorithm: { type: 'reinforce', lr: 1 } }],
  ['exact NPG on the gridworld with Lp-Reg', { env: { type: 'gridworld' }, algorithm: { type: 'npg', mode: 'exact', lr: 0.5 }, interventions: [{ type: 'lpReg' }] }],
  ['contextual bandit, two contexts per step', { env: { type: 'contextual', contexts: 6, arms: 3 }, algorithm: { type: 'grpo', lr: 1, batchPrompts: 2 } }],
];

/** Every array and number of a state, for toEqual (which tells −0 from +0). */
function plain(st: RunState) {
  return { logits: st.logits, logp: st.logp, probs: st.probs, rowEntropy: st.rowEntropy, rowKl: st.rowKl, entropy: st.entropy, eval: st.eval };
}

/** The state at `logits` from the whole-table functions of policy.ts and softmax.ts. */
function fromTables(env: Environment, logits: Float64Array, refLogp: Float64Array): RunState {
  const { actions: k } = env.shape;
  const logp = logSoftmaxTable(logits, env.shape);
  const rowEntropy = rowEntropies(logp, env.shape);
  const ev = env.evaluate(logp);
  const rowKl = rowEntropy.map((_, s) => klDivergence(logp.subarray(s * k, (s + 1) * k), refLogp.subarray(s * k, (s + 1) * k), k));
  return { step: 0, logits, logp, probs: probsTable(logp), eval: ev, rowEntropy, rowKl, entropy: weightedMean(rowEntropy, ev.visitation) };
}

/** Covariance, step ratio and KL of the logit change dz over every visited row, π from exp(log π). */
function fullRowMetrics(before: RunState, dz: Float64Array, refLogp: Float64Array, k: number): Pick<StepRecord, 'covariance' | 'stepRatio' | 'klRef'> {
  const rows = before.rowEntropy.length;
  const d = before.eval.visitation;
  const cov = new Float64Array(rows);
  const kl = new Float64Array(rows);
  let ratio = 0;
  for (let s = 0; s < rows; s++) {
    if (d[s] === 0) continue;
    const lp = before.logp.subarray(s * k, (s + 1) * k);
    cov[s] = covarianceTerm(lp, dz, k, s * k);
    kl[s] = klDivergence(lp, refLogp.subarray(s * k, (s + 1) * k), k);
    ratio = Math.max(ratio, stepRatio(dz, k, s * k));
  }
  return { covariance: weightedMean(cov, d), stepRatio: ratio, klRef: weightedMean(kl, d) };
}

describe('incremental run state', () => {
  for (const [name, raw] of CASES) {
    it(`equals the full recomputation bit for bit: ${name}`, () => {
      const config = parse({ version: 1, steps: 30, runs: 1, ...raw });
      const env = createEnvironment(config);
      const { setup, state } = createRun(config, env, 0);
      let unchangedRows = 0;
      for (let t = 0; t < config.steps; t++) {
        const before: RunState = { ...state, logits: state.logits.slice() };
        const outcome = trainStep(setup, state);
        if (!outcome.ok) throw new Error(outcome.reason);
        const full = initialState(env, state.logits.slice(), setup.refLogp);
        expect(plain(state)).toEqual(plain(full));
        // …and the full state is the table functions' own answer, the env evaluating without π.
        expect(plain(full)).toEqual(plain(fromTables(env, full.logits, setup.refLogp)));
        const dz = state.logits.map((z, i) => z - before.logits[i]);
        const record = stepRecord(setup, before, state, dz, undefined);
        if (!record.ok) throw new Error(record.reason);
        const { covariance, stepRatio, klRef } = record.record;
        expect({ covariance, stepRatio, klRef }).toEqual(fullRowMetrics(before, dz, setup.refLogp, env.shape.actions));
        for (let s = 0; s < env.shape.rows; s++) if (state.rowEntropy[s] === before.rowEntropy[s] && state.logits[s * env.shape.actions] === before.logits[s * env.shape.actions]) unchangedRows++;
      }
      // The sampled cases keep some rows from step to step (what makes the path incremental).
      if (config.algorithm.mode === 'sampled') expect(unchangedRows).toBeGreaterThan(0);
    });
  }
});
