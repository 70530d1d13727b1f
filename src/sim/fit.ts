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

/**
 * Running sums of the OLS fit of R on x = e^H, updated one point at a time (Welford's
 * co-moments: one pass, O(1) memory and stable), so a run of any length is fitted without
 * keeping its points (issue 13).
 */
export class LawAccumulator {
  n = 0;
  private mx = 0;
  private my = 0;
  private sxx = 0;
  private sxy = 0;
  private syy = 0;

  add(entropy: number, reward: number): void {
    const x = exp(entropy);
    this.n++;
    const dx = x - this.mx;
    const dy = reward - this.my;
    this.mx += dx / this.n;
    this.my += dy / this.n;
    this.sxx += dx * (x - this.mx);
    this.sxy += dx * (reward - this.my);
    this.syy += dy * (reward - this.my);
  }

  /** Fold another accumulator's points in (Chan et al.'s pairwise update): as if added here. */
  merge(other: LawAccumulator): void {
    const n = this.n + other.n;
    if (other.n === 0) return;
    const dx = other.mx - this.mx;
    const dy = other.my - this.my;
    const w = (this.n * other.n) / n;
    this.sxx += other.sxx + dx * dx * w;
    this.sxy += other.sxy + dx * dy * w;
    this.syy += other.syy + dy * dy * w;
    this.mx += (dx * other.n) / n;
    this.my += (dy * other.n) / n;
    this.n = n;
  }

  fit(): LawFit {
    const { n, mx, my, sxx, sxy, syy } = this;
    const empty = (note: string): LawFit => ({ a: null, b: null, r2: null, ceiling: null, seA: null, seB: null, n, supportsLaw: false, note });
    if (n < 3) return empty('fewer than 3 points');
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
}

/** OLS fit of R on e^H over the given points. */
export function fitLaw(entropy: ArrayLike<number>, reward: ArrayLike<number>): LawFit {
  const acc = new LawAccumulator();
  for (let i = 0; i < entropy.length; i++) acc.add(entropy[i], reward[i]);
  return acc.fit();
}

/** Steps of a run of `steps` steps that the early fit uses: the first `fraction`, at least 3. */
export function earlyFitSteps(steps: number, fraction = EARLY_FIT_FRACTION): number {
  return Math.max(3, Math.ceil(steps * fraction));
}

/** The early fit from its accumulated points and the runs' mean final entropy and reward. */
export function earlyFitResult(acc: LawAccumulator, finalEntropy: number, finalReward: number, fraction = EARLY_FIT_FRACTION): EarlyFit {
  const fit = acc.fit();
  const predicted = predictReward(fit, finalEntropy);
  return {
    fraction,
    a: fit.a,
    b: fit.b,
    r2: fit.r2,
    predictedFinal: predicted,
    actualFinal: finalReward,
    error: predicted === null ? null : predicted - finalReward,
    n: fit.n,
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
export function earlyFit(runs: { entropy: ArrayLike<number>; reward: ArrayLike<number> }[], fraction = EARLY_FIT_FRACTION): EarlyFit {
  const acc = new LawAccumulator();
  let finalH = 0;
  let finalR = 0;
  for (const run of runs) {
    const cut = Math.min(run.entropy.length, earlyFitSteps(run.entropy.length, fraction));
    for (let t = 0; t < cut; t++) acc.add(run.entropy[t], run.reward[t]);
    finalH += run.entropy[run.entropy.length - 1] / runs.length;
    finalR += run.reward[run.reward.length - 1] / runs.length;
  }
  return earlyFitResult(acc, finalH, finalR, fraction);
}
