// The vocabulary of the GPU's field model (support.ts, stages/*.ts): a config field is
// modelled by the kernel, or refused, value by value, with a reason the badge shows. The
// rules here refuse values float32 arithmetic would decide differently from the CPU's float64.
import type { ExperimentConfig } from '../../sim/config';

/** true: the kernel models every value; a function: the reason a value is refused (given the whole config), or undefined. */
export type FieldRule = true | ((value: unknown, config: ExperimentConfig) => string | undefined);
export type SectionModel = Readonly<Record<string, FieldRule>>;

/** A rule about what sampled mode reads: exact mode reads none of it (trainStep.ts), so refuses nothing. */
export function sampledOnly(rule: Exclude<FieldRule, true>): FieldRule {
  return (value, config) => (config.algorithm.mode === 'exact' ? undefined : rule(value, config));
}

/**
 * A clip bound this close to ρ = 1 is decided by rounding: with several epochs the ratio of a
 * token whose row barely moved sits within float32's resolution of 1, and whether it counts
 * as clipped is noise. Such bounds stay on the CPU.
 */
const MIN_GPU_CLIP = 1e-4;
export function clipBound(path: string): FieldRule {
  return sampledOnly((value, config) =>
    config.algorithm.epochs > 1 && (value as number) < MIN_GPU_CLIP ? `${path} = ${value} with several epochs: a clip this close to ratio 1 is decided by float32 rounding on the GPU (use ≥ ${MIN_GPU_CLIP}, or the CPU)` : undefined,
  );
}

/**
 * Every token with zero advantage has a covariance c_i of 0 up to rounding (the batch mean of
 * Â is 0 only up to rounding), so a Clip-Cov band edge at 0 splits those tokens by the sign of
 * float32 noise.
 */
const MIN_GPU_BAND_EDGE = 1e-4;
export function bandEdge(path: string): FieldRule {
  return (value) =>
    Math.abs(value as number) < MIN_GPU_BAND_EDGE ? `${path} = ${value}: a band edge at 0 splits the zero-advantage tokens by float32 rounding on the GPU (use |edge| ≥ ${MIN_GPU_BAND_EDGE}, or the CPU)` : undefined;
}

/**
 * The kernel holds rewards in float32 and a group whose rewards are all equal has no gradient,
 * so distinct rewards must stay distinct there, and non-zero ones non-zero.
 */
const FLOAT32_MIN_NORMAL = 2 ** -126;
export function float32Distinct(path: string): FieldRule {
  return (value) => {
    const values = (value as number[] | undefined) ?? [];
    for (const [i, v] of values.entries()) {
      // Subnormal float32 values may be flushed to 0 on a GPU: normal numbers only.
      const f = Math.fround(v);
      if (v !== 0 && (Math.abs(f) < FLOAT32_MIN_NORMAL || !Number.isFinite(f))) return `${path}[${i}] = ${v} is not a float32 number (the GPU computes in float32)`;
      const j = values.findIndex((w) => w !== v && Math.fround(w) === f);
      if (j >= 0) return `${path}[${i}] and [${j}] are the same number in float32 (the GPU computes in float32)`;
    }
    return undefined;
  };
}


/**
 * STEER's weights and the entropy discriminator's quantile depend on δH only up to scale, so
 * logits drawn at a scale float32 cannot hold (below its normal range, where 4e-323 is 0)
 * would be uniform on the GPU and slightly apart on the CPU, and weigh tokens differently.
 * Under verl's other loss aggregations δH is not yet modelled on the GPU.
 */
const MIN_GPU_INIT_SCALE = 1e-30;
export function scaleFreeSignal(path: string): FieldRule {
  return (_value, config) => {
    const init = config.policy.init as { type: string; scale?: number };
    const scale = init.type === 'random' ? (init.scale ?? 0) : 0;
    if (scale > 0 && scale < MIN_GPU_INIT_SCALE) {
      return `${path} with policy.init.scale = ${scale}: it weighs tokens by δH up to scale, and logits this small are not float32 numbers on the GPU (use a scale ≥ ${MIN_GPU_INIT_SCALE}, 0, or the CPU)`;
    }
    // Measured apart under another aggregation (PPO, 1 epoch, seq-mean-token-sum-norm, contextual
    // bandit: the discriminator dropped 12 of 96 tokens on the GPU, 19 on the CPU, at step 8).
    const mode = config.algorithm.lossAggMode;
    return mode !== 'seq-mean-token-sum' ? `${path} with algorithm.lossAggMode ${mode}: its δH under that loss aggregation is not on the GPU yet (the lab's seq-mean-token-sum is)` : undefined;
  };
}
