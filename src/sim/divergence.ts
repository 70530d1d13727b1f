// Divergences to a reference policy and their ascent directions in natural form u (the
// vanilla logit gradient is π ⊙ u), for reference-KL penalties (science.md §2, §4).

/** u for −β·KL(π‖π_ref) (reverse KL, mode seeking): u = −β(log π − log π_ref − KL). */
export function reverseKlAscent(logp: Float64Array, refLogp: Float64Array, beta: number, out: Float64Array): void {
  const k = logp.length;
  let kl = 0;
  for (let a = 0; a < k; a++) {
    const p = Math.exp(logp[a]);
    if (p > 0) kl += p * (logp[a] - refLogp[a]);
  }
  for (let a = 0; a < k; a++) out[a] = -beta * (logp[a] - refLogp[a] - kl);
}
