// The entropy–performance law R ≈ −a·e^H + b (Entropy Mechanism paper, §5 of science.md):
// ordinary least squares of R on x = e^H (slope −a, intercept b), with R², standard errors,
// the ceiling R(H=0) = b − a, and the early fit that forecasts the final reward.
import { exp } from './portableMath';

export interface LawFit {
  a: number | null;
  b: number | null;
  r2: number | null;
  ceiling: number | null;
  seA: number | null;
  seB: number | null;
  n: number;
  /** R² ≥ 0.8: the data support the law (science.md §5). */
  supportsLaw: boolean;
  /** Why the fit is missing or weak, when it is. */
  note?: string;
}

export interface EarlyFit {
  fraction: number;
  a: number | null;
  b: number | null;
  r2: number | null;
  /** −a·e^{H_final} + b: the early fit's forecast of the final reward from the final entropy. */
  predictedFinal: number | null;
  actualFinal: number;
  /** predictedFinal − actualFinal. */
  error: number | null;
  n: number;
}

export const LAW_R2_THRESHOLD = 0.8;
export const EARLY_FIT_FRACTION = 1 / 3;

/** OLS fit of R on e^H over the given points. */
export function fitLaw(entropy: ArrayLike<number>, reward: ArrayLike<number>): LawFit {
  const n = entropy.length;
  const empty = (note: string): LawFit => ({ a: null, b: null, r2: null, ceiling: null, seA: null, seB: null, n, supportsLaw: false, note });
  if (n < 3) return empty('fewer than 3 points');
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += exp(entropy[i]) / n;
    my += reward[i] / n;
  }
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = exp(entropy[i]) - mx;
    const dy = reward[i] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 1e-300)) return empty('entropy did not change, so e^H has no spread to fit');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const sse = Math.max(0, syy - slope * sxy);
  const r2 = syy > 0 ? Math.max(0, Math.min(1, 1 - sse / syy)) : 1;
  const s2 = sse / (n - 2);
  const a = -slope;
  return {
    a,
    b: intercept,
    r2,
    ceiling: intercept - a,
    seA: Math.sqrt(s2 / sxx),
    seB: Math.sqrt(s2 * (1 / n + (mx * mx) / sxx)),
    n,
    supportsLaw: r2 >= LAW_R2_THRESHOLD,
    note: r2 >= LAW_R2_THRESHOLD ? undefined : `R² = ${r2.toFixed(3)} is below ${LAW_R2_THRESHOLD}: the data do not support the law`,
  };
}

/** Predicted reward at entropy H from a fit. */
export function predictReward(fit: { a: number | null; b: number | null }, entropy: number): number | null {
  return fit.a === null || fit.b === null ? null : -fit.a * exp(entropy) + fit.b;
}

/**
 * Fit on the first `fraction` of each run's steps and forecast the final reward from the
 * final entropy. `runs[r]` holds run r's (entropy, reward) series in step order.
 */
export function earlyFit(runs: { entropy: number[]; reward: number[] }[], fraction = EARLY_FIT_FRACTION): EarlyFit {
  const h: number[] = [];
  const r: number[] = [];
  let finalH = 0;
  let finalR = 0;
  for (const run of runs) {
    const cut = Math.max(3, Math.ceil(run.entropy.length * fraction));
    h.push(...run.entropy.slice(0, cut));
    r.push(...run.reward.slice(0, cut));
    finalH += run.entropy[run.entropy.length - 1] / runs.length;
    finalR += run.reward[run.reward.length - 1] / runs.length;
  }
  const fit = fitLaw(h, r);
  const predicted = predictReward(fit, finalH);
  return {
    fraction,
    a: fit.a,
    b: fit.b,
    r2: fit.r2,
    predictedFinal: predicted,
    actualFinal: finalR,
    error: predicted === null ? null : predicted - finalR,
    n: fit.n,
  };
}
