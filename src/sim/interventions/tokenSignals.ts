// Per-token signals that several token-level interventions rank or threshold: the centred
// covariance c_i of Clip-Cov/KL-Cov, the predicted entropy change δH_i of a token's own update
// (entropy discriminator, STEER), and a seeded random subset. Pure functions; not registered.
import type { StepContext, TokenBatch } from '../types';
import { exp } from '../portableMath';

function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return x.length > 0 ? s / x.length : 0;
}

/**
 * c_i = (log π(a_i) − mean log π)(Â_i − mean Â) over the batch's tokens, the per-token term of
 * the covariance that drives entropy down (Entropy Mechanism paper). log π is π_old's unless
 * `logp` (per token) gives the current policy's, as verl's Clip-Cov and KL-Cov take it.
 */
export function tokenCovariances(tokens: TokenBatch, logp: Float64Array = tokens.logpOld): Float64Array {
  const n = tokens.advantage.length;
  const lpMean = mean(logp);
  const aMean = mean(tokens.advantage);
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) c[i] = (logp[i] - lpMean) * (tokens.advantage[i] - aMean);
  return c;
}

/**
 * c rounded to the nearest multiple of 2^-12 (as floor(x + ½), which WGSL computes the same
 * way): the value KL-Cov ranks tokens by. Covariances closer than the grid tie and keep token
 * order, so a float32 kernel computing c a few ulp off (or ±tiny for c = 0) ranks them alike.
 */
export function covarianceRankKey(c: number): number {
  return Math.floor(c * 4096 + 0.5);
}

/**
 * δH_i = −(η/d_i)·Â_i·(S_{a_i} − E_π[S]) with S_a = π_a(log π_a + H): the first-order entropy
 * change of state s_i from token i's own update Δz = (η/d_i)·Â_i·(e_{a_i} − π), at π_old (d_i the
 * loss aggregation's divisor, G under the lab's; log π_old is the tokens' and ctx.logp's, so
 * the logits are π_old's too). S is the
 * entropy discriminant ("On the Entropy Dynamics in Reinforcement Fine-Tuning of LLMs", Thm. 3.2,
 * raising only z_a by ε changes H by −ε·S_a; science.md §1); the baseline E_π[S] = Σ_b π_b S_b
 * comes from the −π part of the softmax gradient (their GRPO form, Thm. 3.3) and is what makes
 * this equal −Cov(log π, Δz) exactly to first order. Negative: the token would cut entropy.
 */
export function predictedEntropyChanges(ctx: StepContext, tokens: TokenBatch): Float64Array {
  const { batch } = tokens;
  const k = ctx.shape.actions;
  const n = tokens.advantage.length;
  const rows = new Map<number, { top: number; centre: number; meanS: number }>();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = batch.row[i];
    const base = row * k;
    let r = rows.get(row);
    if (r === undefined) {
      // log π_a + H = z_a − E_π[z], taken from logit differences (z − max z): exactly 0 on a
      // uniform row and relatively precise on a collapsed one, where log π + H would be rounding
      // noise, noise that decides STEER's and the discriminator's picks (and differs in float32).
      let top = -Infinity;
      for (let b = 0; b < k; b++) top = Math.max(top, ctx.logits[base + b]);
      let centre = 0;
      for (let b = 0; b < k; b++) centre += exp(ctx.logp[base + b]) * (ctx.logits[base + b] - top);
      let meanS = 0;
      for (let b = 0; b < k; b++) meanS += exp(2 * ctx.logp[base + b]) * (ctx.logits[base + b] - top - centre);
      r = { top, centre, meanS };
      rows.set(row, r);
    }
    const a = base + batch.action[i];
    out[i] = -(ctx.lr / tokens.divisor[i]) * tokens.advantage[i] * (exp(tokens.logpOld[i]) * (ctx.logits[a] - r.top - r.centre) - r.meanS);
  }
  return out;
}

/**
 * `count` distinct entries of `candidates`, uniformly at random by a partial Fisher–Yates
 * shuffle on the run's intervention stream (all of them when there are fewer).
 */
export function randomSubset(candidates: number[], count: number, random: () => number): number[] {
  const pool = candidates.slice();
  const k = Math.min(count, pool.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.min(pool.length - 1 - i, Math.floor(random() * (pool.length - i)));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k);
}
