// What the lab claims about WebGPU against the CPU for a config, and the check of that claim
// (issue 13): the backend badge shows `claim.text`, and the kernel tests, the differential
// fuzzer and bench.html's comparison all judge a run by `compareRecords` with the same
// tolerances, so the badge never promises more than the tests check.
import type { ExperimentConfig } from '../sim/config';
import { isMdpConfig } from './train/mdp';
import type { StepRecord } from '../sim/types';

/**
 * float32 logits against float64 ones drift by rounding only: the relative tolerance of an
 * ensemble mean (absolute below 1). The step ratio divides by π, which amplifies the rounding
 * of small probabilities, so it gets ten times more.
 */
export const GPU_TOLERANCE = 1e-5;
const STEP_RATIO_TOLERANCE = 1e-4;

export interface AgreementClaim {
  tolerance: number;
  /** The badge's words. */
  text: string;
  /**
   * Set when step-by-step agreement is claimed only until float32 rounding can decide a branch
   * (KL-Cov's β·sign(Δ log π) on a token that barely moved; an MDP's shared ratio at its clip
   * bound): after that, agreement in distribution (distributionAgrees).
   */
  stepwiseUntilCollapse: boolean;
  /**
   * Metrics claimed in distribution only, left out of the step-by-step comparison: in an MDP
   * a return often equals its group's mean exactly (0.02 + 0.02 against 0 and 0.04), and the
   * sign of such a token's advantage, which the clip counts and the asymmetric split count, is
   * rounding on either backend (the update it moves is ~1e-17 on both).
   */
  inDistribution: readonly string[];
}

/** The metrics that count tokens by the sign of their advantage, for a config on an MDP. */
function signCountMetrics(config: ExperimentConfig): string[] {
  if (!isMdpConfig(config)) return [];
  const asymmetric = config.interventions.some((iv) => iv.type === 'asymmetricAdvantage');
  return [...(config.algorithm.epochs > 1 ? ['clipFracLow', 'clipFracHigh'] : []), ...(asymmetric ? ['asymPositiveFrac', 'asymNegativeFrac'] : [])];
}

export function agreementClaim(config: ExperimentConfig): AgreementClaim {
  const inDistribution = signCountMetrics(config);
  const signs = inDistribution.length ? `; ${inDistribution.join(', ')} in distribution (they count tokens whose return ties its group's mean by the sign of rounding)` : '';
  // Where float32 rounding can decide a branch that moves a whole token's update, step-by-step
  // agreement holds until it does, and in distribution after.
  const parting = [
    ...(config.interventions.some((iv) => iv.type === 'klCov') ? ["KL-Cov's sign(Δ log π) meets a token that barely moved (a collapsed row, a tiny learning rate)"] : []),
    // Measured: chain, GRPO or PPO, 2–4 epochs at lr ≥ 1 part from step 4–11 (a clip bound of 10
    // too); the 4×3 gridworld under PPO (4 epochs, lr 0.5, 24 runs) at step 29–34, with the clip
    // out of reach and with or without asymmetric advantages; a contextual bandit under PPO with
    // seq-mean-token-sum-norm (d = L_max/B) at step 8–9.
    ...(config.algorithm.epochs > 1 && (isMdpConfig(config) || config.algorithm.lossAggMode === 'seq-mean-token-sum-norm')
      ? ["later epochs compound float32 rounding until a run's update parts (an MDP's state shares one ratio among its tokens, which may land on its clip bound; seq-mean-token-sum-norm steps B times as far)"]
      : []),
  ];
  if (parting.length) {
    return {
      tolerance: GPU_TOLERANCE,
      text: `float32; within ${GPU_TOLERANCE.toExponential()} of the CPU until ${parting.join(', or ')}, where float32 rounding decides it; after that, in distribution${signs}`,
      stepwiseUntilCollapse: true,
      inDistribution,
    };
  }
  const what = config.algorithm.mode === 'exact' ? "float32 exact mode (the CPU's float64 is the reference)" : 'float32';
  return { tolerance: GPU_TOLERANCE, text: `${what}; ensemble means within ${GPU_TOLERANCE.toExponential()} of the CPU${signs}`, stepwiseUntilCollapse: false, inDistribution };
}

export function toleranceOf(key: string, value: number, claim: AgreementClaim): number {
  return (key === 'stepRatio' ? STEP_RATIO_TOLERANCE : claim.tolerance) * Math.max(1, Math.abs(value));
}

export interface Disagreement {
  step: number;
  metric: string;
  gpu: number;
  cpu: number;
  tolerance: number;
}

export interface RecordComparison {
  /** The first step and metric whose ensemble means differ by more than the tolerance, if any. */
  disagreement?: Disagreement;
  /** Per metric, the largest |Δ ensemble mean| as a multiple of its tolerance (≤ 1 agrees). */
  worst: Record<string, number>;
  /** Record keys or record counts that differ, in words. */
  shapeProblem?: string;
}

/** Ensemble means per step of every metric (runs with a record at that step). */
function meansByStep(records: readonly StepRecord[]): Map<number, Record<string, number>> {
  const sums = new Map<number, { n: number; sum: Record<string, number> }>();
  for (const r of records) {
    const s = sums.get(r.step) ?? { n: 0, sum: {} };
    s.n++;
    for (const [k, v] of Object.entries(r)) if (k !== 'run' && k !== 'step') s.sum[k] = (s.sum[k] ?? 0) + (v as number);
    sums.set(r.step, s);
  }
  return new Map([...sums].map(([step, s]) => [step, Object.fromEntries(Object.entries(s.sum).map(([k, v]) => [k, v / s.n]))]));
}

/** GPU records against CPU records of the same config: the same shape, and every step metric's ensemble mean within tolerance. */
export function compareRecords(gpu: readonly StepRecord[], cpu: readonly StepRecord[], claim: AgreementClaim): RecordComparison {
  const worst: Record<string, number> = {};
  const gKeys = gpu.length ? Object.keys(gpu[0]).join(',') : '';
  const cKeys = cpu.length ? Object.keys(cpu[0]).join(',') : '';
  if (gKeys !== cKeys) return { worst, shapeProblem: `record fields differ: GPU [${gKeys}], CPU [${cKeys}]` };
  if (gpu.length !== cpu.length) return { worst, shapeProblem: `${gpu.length} GPU records, ${cpu.length} CPU records (a run stopped at a different step)` };
  const [gm, cm] = [meansByStep(gpu), meansByStep(cpu)];
  let disagreement: Disagreement | undefined;
  for (const [step, c] of [...cm].sort((a, b) => a[0] - b[0])) {
    const g = gm.get(step);
    if (!g) return { worst, shapeProblem: `the GPU has no records of step ${step}` };
    for (const [metric, cv] of Object.entries(c)) {
      if (claim.inDistribution.includes(metric)) continue;
      const tolerance = toleranceOf(metric, cv, claim);
      const d = Math.abs(g[metric] - cv);
      // NaN on one side only is a disagreement; on both, agreement.
      const ratio = Number.isNaN(d) ? (Number.isNaN(g[metric]) && Number.isNaN(cv) ? 0 : Infinity) : d / tolerance;
      worst[metric] = Math.max(worst[metric] ?? 0, ratio);
      if (ratio > 1 && !disagreement) disagreement = { step, metric, gpu: g[metric], cpu: cv, tolerance };
    }
  }
  return { worst, ...(disagreement ? { disagreement } : {}) };
}

/** Per run, the mean of `key` over its records from `fromStep` on. */
function lateMeans(records: readonly StepRecord[], runs: number, key: string, fromStep: number): number[] {
  const sums = new Array<number>(runs).fill(0);
  const counts = new Array<number>(runs).fill(0);
  for (const r of records) {
    if (r.step < fromStep) continue;
    sums[r.run] += r[key] as number;
    counts[r.run]++;
  }
  return sums.map((s, run) => s / Math.max(1, counts[run]));
}

/**
 * Agreement in distribution over runs: per run, the metric averaged over the second half of
 * the steps, GPU minus CPU (paired: the same seeds and streams); the mean difference must lie
 * within 3 standard errors (plus the step tolerance, for runs that never parted).
 */
export function distributionAgrees(gpu: readonly StepRecord[], cpu: readonly StepRecord[], runs: number, steps: number, keys: readonly string[] = ['entropy', 'reward']): { agrees: boolean; worst: string } {
  let worst = '';
  let agrees = true;
  for (const key of keys) {
    const [g, c] = [lateMeans(gpu, runs, key, Math.floor(steps / 2)), lateMeans(cpu, runs, key, Math.floor(steps / 2))];
    const d = g.map((x, r) => x - c[r]);
    const mean = d.reduce((s, x) => s + x, 0) / d.length;
    const sd = d.length > 1 ? Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1)) : 0;
    const bound = (3 * sd) / Math.sqrt(d.length) + GPU_TOLERANCE;
    if (Math.abs(mean) > bound) agrees = false;
    worst += `${key}: mean paired difference ${mean.toExponential(2)} (bound ${bound.toExponential(2)}); `;
  }
  return { agrees, worst: worst.trim() };
}
