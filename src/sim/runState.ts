// A run's policy between steps: log π, π, each row's entropy and KL to the reference, the
// environment's exact evaluation and the visitation-weighted entropy (science.md §1).
// nextState rebuilds only the rows whose logits changed (an update touches the rows its batch
// visited, and a row's log π, π, H and KL depend on that row alone), then evaluates the
// environment once from the kept π table; the result is the full recomputation bit for bit.
import { weightedMean } from './policy';
import { entropyFromLogProbs, klDivergence, logSoftmax } from './softmax';
import type { Environment, ExactEval } from './types';
import { exp } from './portableMath';

/** What changes from step to step; the policy-before caches save one evaluation per step. */
export interface RunState {
  step: number;
  logits: Float64Array;
  logp: Float64Array;
  /** π = exp(log π), rows·actions: computed once per row, read by every per-row pass. */
  probs: Float64Array;
  eval: ExactEval;
  rowEntropy: Float64Array;
  /** KL(π(·|s) ‖ π_ref(·|s)) of each row. */
  rowKl: Float64Array;
  entropy: number;
}

/** Row s's log π, π, entropy and KL to the reference, from its logits. */
function refreshRow(st: RunState, refLogp: Float64Array, s: number, k: number): void {
  const lo = s * k;
  const logp = st.logp.subarray(lo, lo + k);
  const probs = st.probs.subarray(lo, lo + k);
  logSoftmax(st.logits, logp, lo, k);
  for (let a = 0; a < k; a++) probs[a] = exp(logp[a]);
  st.rowEntropy[s] = entropyFromLogProbs(logp, k, probs);
  st.rowKl[s] = klDivergence(logp, refLogp.subarray(lo, lo + k), k, probs);
}

/** The environment's exact evaluation and the visitation-weighted entropy of a refreshed table. */
function evaluate(env: Environment, st: RunState): RunState {
  st.eval = env.evaluate(st.logp, st.probs);
  st.entropy = weightedMean(st.rowEntropy, st.eval.visitation);
  return st;
}

/** The state at `logits` (step 0), every row computed. */
export function initialState(env: Environment, logits: Float64Array, refLogp: Float64Array): RunState {
  const { rows, actions: k } = env.shape;
  const st: RunState = {
    step: 0,
    logits,
    logp: new Float64Array(logits.length),
    probs: new Float64Array(logits.length),
    eval: { reward: 0, visitation: new Float64Array(rows), metrics: {} },
    rowEntropy: new Float64Array(rows),
    rowKl: new Float64Array(rows),
    entropy: 0,
  };
  for (let s = 0; s < rows; s++) refreshRow(st, refLogp, s, k);
  return evaluate(env, st);
}

/** True when row s of `a` and `b` differ in any bit (a −0 differs from a +0). */
function rowDiffers(a: Float64Array, b: Float64Array, lo: number, k: number): boolean {
  for (let i = lo; i < lo + k; i++) if (a[i] !== b[i] || (a[i] === 0 && 1 / a[i] !== 1 / b[i])) return true;
  return false;
}

/**
 * The state at `logits` after `st` (same step; the caller advances it): rows whose logits
 * are unchanged keep st's values, the others are recomputed. `st` is not modified.
 */
export function nextState(env: Environment, refLogp: Float64Array, st: RunState, logits: Float64Array): RunState {
  const { rows, actions: k } = env.shape;
  const next: RunState = { ...st, logits, logp: st.logp.slice(), probs: st.probs.slice(), rowEntropy: st.rowEntropy.slice(), rowKl: st.rowKl.slice() };
  for (let s = 0; s < rows; s++) if (rowDiffers(logits, st.logits, s * k, k)) refreshRow(next, refLogp, s, k);
  return evaluate(env, next);
}
