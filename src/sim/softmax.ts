// Softmax-policy math on one row of logits (science.md §1): stable log-softmax, entropy,
// its gradient, the covariance term and the step ratio. Float64, allocation-light: callers
// pass output arrays. Terms with π_a = 0 contribute 0 (lim p·log p = 0), so no NaN leaks.
// Functions that read π take the row's probabilities where the caller keeps them (runState.ts
// does): π = exp(log π) either way, so the result is the same bits without the exp calls.
import { exp, log } from './portableMath';

/** log π = z − max z − log Σ exp(z − max z), written into `out`. */
export function logSoftmax(z: ArrayLike<number>, out: Float64Array, offset = 0, k = z.length): Float64Array {
  let max = -Infinity;
  for (let a = 0; a < k; a++) max = Math.max(max, z[offset + a]);
  let sum = 0;
  for (let a = 0; a < k; a++) sum += exp(z[offset + a] - max);
  const lse = max + log(sum);
  for (let a = 0; a < k; a++) out[a] = z[offset + a] - lse;
  return out;
}

/** π = exp(log π). */
export function probsFromLogProbs(logp: ArrayLike<number>, out: Float64Array, k = logp.length): Float64Array {
  for (let a = 0; a < k; a++) out[a] = exp(logp[a]);
  return out;
}

/** H(π) = −Σ π_a log π_a in nats; `probs`, when given, is the row's exp(log π). */
export function entropyFromLogProbs(logp: ArrayLike<number>, k = logp.length, probs?: ArrayLike<number>): number {
  let h = 0;
  for (let a = 0; a < k; a++) {
    const p = probs ? probs[a] : exp(logp[a]);
    if (p > 0) h -= p * logp[a];
  }
  return h;
}

/** ∂H/∂z_k = −π_k (log π_k + H) (science.md §1). */
export function entropyGradient(logp: ArrayLike<number>, out: Float64Array, k = logp.length): Float64Array {
  const h = entropyFromLogProbs(logp, k);
  for (let a = 0; a < k; a++) {
    const p = exp(logp[a]);
    out[a] = p > 0 ? -p * (logp[a] + h) : 0;
  }
  return out;
}

/** Scratch for covarianceTerm's probabilities: it runs on every visited row of every step. */
let probScratch = new Float64Array(0);

/**
 * The covariance term Cov_{a∼π}(log π_a, Δz_a) = Σ_a π_a (log π_a + H)(Δz_a − E_π[Δz]).
 * First-order entropy change: ΔH ≈ −covariance (Entropy Mechanism paper, §3).
 */
export function covarianceTerm(logp: ArrayLike<number>, dz: ArrayLike<number>, k = logp.length, dzOffset = 0, rowProbs?: ArrayLike<number>): number {
  if (probScratch.length < k) probScratch = new Float64Array(k);
  const probs = rowProbs ?? probScratch;
  let h = 0;
  let meanDz = 0;
  for (let a = 0; a < k; a++) {
    const p = rowProbs ? rowProbs[a] : exp(logp[a]);
    if (!rowProbs) probScratch[a] = p;
    if (p > 0) {
      h -= p * logp[a];
      meanDz += p * dz[dzOffset + a];
    }
  }
  let cov = 0;
  for (let a = 0; a < k; a++) {
    const p = probs[a];
    if (p > 0) cov += p * (logp[a] + h) * (dz[dzOffset + a] - meanDz);
  }
  return cov;
}

/** Step ratio r = (max Δz − min Δz)/π ("Ghosts of Softmax"): r ≥ 1 leaves the first-order regime. */
export function stepRatio(dz: ArrayLike<number>, k = dz.length, offset = 0): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let a = 0; a < k; a++) {
    lo = Math.min(lo, dz[offset + a]);
    hi = Math.max(hi, dz[offset + a]);
  }
  return k > 0 ? (hi - lo) / Math.PI : 0;
}

/** KL(π‖ρ) from log-probabilities; `probs`, when given, is exp(log π). */
export function klDivergence(logp: ArrayLike<number>, logq: ArrayLike<number>, k = logp.length, probs?: ArrayLike<number>): number {
  let kl = 0;
  for (let a = 0; a < k; a++) {
    const p = probs ? probs[a] : exp(logp[a]);
    if (p > 0) kl += p * (logp[a] - logq[a]);
  }
  return Math.max(0, kl);
}

/** Index of a categorical draw by inverse CDF with uniform u ∈ [0,1) from π = probs[offset … offset+k). */
export function sampleFromProbs(probs: ArrayLike<number>, u: number, k: number, offset = 0): number {
  let acc = 0;
  let last = 0;
  for (let a = 0; a < k; a++) {
    const p = probs[offset + a];
    if (p <= 0) continue;
    acc += p;
    last = a;
    if (u < acc) return a;
  }
  return last;
}
