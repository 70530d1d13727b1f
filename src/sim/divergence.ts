// Divergences to a reference policy and their ascent directions in natural form u (the
// vanilla logit gradient is π ⊙ u), for reference-KL penalties and regularisers that pull π
// toward a target distribution (science.md §2, §4; DPH-RL, arXiv 2509.07430). One
// implementation of each direction: reverse KL, forward KL (also Lp-Reg's and AEPO's pull
// toward their proxies) and Jensen–Shannon.
import { klDivergence } from './softmax';
import { exp, log1p } from './portableMath';

/** u for −β·KL(π‖π_ref) (reverse KL, mode seeking): u = −β(log π − log π_ref − KL). */
export function reverseKlAscent(logp: Float64Array, refLogp: Float64Array, beta: number, out: Float64Array): void {
  const k = logp.length;
  let kl = 0;
  for (let a = 0; a < k; a++) {
    const p = exp(logp[a]);
    if (p > 0) kl += p * (logp[a] - refLogp[a]);
  }
  for (let a = 0; a < k; a++) out[a] = -beta * (logp[a] - refLogp[a] - kl);
}

/**
 * u for −β·KL(q‖π) (forward KL, mass covering) toward a target q: ∇_z = β(q − π), so
 * u = β(q/π − 1). `targetLogp` may hold −∞ (q = 0 there).
 */
export function forwardKlAscent(logp: Float64Array, targetLogp: Float64Array, beta: number, out: Float64Array): void {
  for (let a = 0; a < logp.length; a++) out[a] = beta * (exp(targetLogp[a] - logp[a]) - 1);
}

/**
 * u for −β·JS(π, π_ref), JS = ½KL(π‖m) + ½KL(π_ref‖m), m = (π + π_ref)/2. Its derivative in
 * the probabilities is ½ log(π/m), so u = −β(g − Σ π g) with g = ½ log(π/m).
 */
export function jsAscent(logp: Float64Array, refLogp: Float64Array, beta: number, out: Float64Array): void {
  const k = logp.length;
  let mean = 0;
  const logM = logMixture(logp, refLogp);
  for (let a = 0; a < k; a++) {
    out[a] = 0.5 * (logp[a] - logM[a]);
    mean += exp(logp[a]) * out[a];
  }
  for (let a = 0; a < k; a++) out[a] = -beta * (out[a] - mean);
}

/** log m = log((π + π_ref)/2), as a log-sum-exp so small probabilities stay exact. */
function logMixture(logp: Float64Array, refLogp: Float64Array): Float64Array {
  return logp.map((x, a) => {
    const hi = Math.max(x, refLogp[a]);
    return hi + log1p(exp(Math.min(x, refLogp[a]) - hi)) - Math.LN2;
  });
}

/** The three reference divergences a config can name. */
export const DIVERGENCES = ['reverse', 'forward', 'js'] as const;
export type Divergence = (typeof DIVERGENCES)[number];

/** u for −β·D(π, π_ref) with the named divergence (forward: KL(π_ref‖π)). */
export function divergenceAscent(divergence: Divergence, logp: Float64Array, refLogp: Float64Array, beta: number, out: Float64Array): void {
  if (divergence === 'reverse') reverseKlAscent(logp, refLogp, beta, out);
  else if (divergence === 'forward') forwardKlAscent(logp, refLogp, beta, out);
  else jsAscent(logp, refLogp, beta, out);
}

/** D(π, π_ref) itself: KL(π‖π_ref), KL(π_ref‖π) or JS(π, π_ref). */
export function divergenceValue(divergence: Divergence, logp: Float64Array, refLogp: Float64Array): number {
  if (divergence === 'reverse') return klDivergence(logp, refLogp);
  if (divergence === 'forward') return klDivergence(refLogp, logp);
  const logM = logMixture(logp, refLogp);
  return 0.5 * klDivergence(logp, logM) + 0.5 * klDivergence(refLogp, logM);
}
