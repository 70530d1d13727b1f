// What the training kernel models, field by field (issue 13): the GPU runs a config only when
// every field of every section is declared here, either modelled or with a rule that refuses
// the values it does not model. A field a schema gains later is refused, by name, until it is
// declared, and test/kernels/gpuSupport.test.ts fails until then too.
import type { ExperimentConfig } from '../../sim/config';
import { envSpec } from '../../sim/envs';
import type { EnvSpec } from '../../sim/types';
import { MAX_ANSWER_LENGTH } from './layout';

/** true: the kernel models every value; a function: the reason a value is refused (given the whole config), or undefined. */
export type FieldRule = true | ((value: unknown, config: ExperimentConfig) => string | undefined);
export type SectionModel = Readonly<Record<string, FieldRule>>;

/**
 * A clip bound this close to ρ = 1 is decided by rounding: with several epochs the ratio of a
 * token whose row barely moved sits within float32's resolution of 1, and whether it counts
 * as clipped is noise. Such bounds stay on the CPU.
 */
const MIN_GPU_CLIP = 1e-4;
function clipBound(path: string): FieldRule {
  return (value, config) =>
    config.algorithm.epochs > 1 && (value as number) < MIN_GPU_CLIP ? `${path} = ${value} with several epochs: a clip this close to ratio 1 is decided by float32 rounding on the GPU (use ≥ ${MIN_GPU_CLIP}, or the CPU)` : undefined;
}

/**
 * Every token with zero advantage has a covariance c_i of 0 up to rounding (the batch mean of
 * Â is 0 only up to rounding), so a Clip-Cov band edge at 0 splits those tokens by the sign of
 * float32 noise.
 */
const MIN_GPU_BAND_EDGE = 1e-4;
function bandEdge(path: string): FieldRule {
  return (value) =>
    Math.abs(value as number) < MIN_GPU_BAND_EDGE ? `${path} = ${value}: a band edge at 0 splits the zero-advantage tokens by float32 rounding on the GPU (use |edge| ≥ ${MIN_GPU_BAND_EDGE}, or the CPU)` : undefined;
}

const ALGORITHM_FIELDS: SectionModel = {
  mode: (mode) => (mode === 'exact' ? 'exact mode runs on the CPU in float64' : undefined),
  lr: true,
  groupSize: true,
  batchPrompts: true,
  epochs: true,
  clipLow: clipBound('algorithm.clipLow'),
  clipHigh: clipBound('algorithm.clipHigh'),
  refKL: true,
  // Issue 14's fields: the CPU (trainStep.ts, policyLoss.ts, dynamicSampling.ts) is the reference
  // until the kernel models them; until then a value other than the lab's default is refused.
  semantics: (v) => (v === 'verl' ? 'verl semantics (algorithm.semantics) are not on the GPU yet' : undefined),
  lossAggMode: (v) => (v !== 'seq-mean-token-sum' ? `algorithm.lossAggMode ${String(v)} is not on the GPU yet (it runs the lab's seq-mean-token-sum)` : undefined),
  clipRatioC: (v) => (v !== 0 ? 'dual-clip (algorithm.clipRatioC) is not on the GPU yet' : undefined),
  dynamicSampling: (v) => (v === true ? 'dynamic sampling (algorithm.dynamicSampling) is not on the GPU yet' : undefined),
  // Read only with dynamicSampling, which the rule above refuses.
  maxDraws: true,
};
/**
 * The kernel holds rewards in float32 and a group whose rewards are all equal has no gradient,
 * so distinct rewards must stay distinct there, and non-zero ones non-zero.
 */
const FLOAT32_MIN_NORMAL = 2 ** -126;
function float32Distinct(path: string): FieldRule {
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

const ARM_FIELDS: SectionModel = { arms: true, reward: true, means: true, sigma: true };

/**
 * Per config section and module id, the fields the kernel reads (train/plan.ts puts them in
 * TrainParams or the env table). A module id missing here is not on the GPU at all.
 */
export const GPU_MODEL = {
  top: { version: true, seed: true, steps: true, runs: true, backend: true },
  policy: { tabular: { init: true } },
  env: {
    bandit: ARM_FIELDS,
    contextual: { contexts: true, ...ARM_FIELDS },
    tokens: {
      prompts: true,
      vocab: true,
      // The answers, the initial logits and the rewards come from the env the host builds.
      length: (length) => ((length as number) > MAX_ANSWER_LENGTH ? `answers longer than ${MAX_ANSWER_LENGTH} tokens are not on the GPU` : undefined),
      answers: true,
      zipf: true,
      hardness: true,
      passK: true,
      sharedSuffix: true,
      answerRewards: float32Distinct('env.answerRewards'),
    },
  },
  algorithm: {
    pg: { ...ALGORITHM_FIELDS, baseline: true },
    npg: { ...ALGORITHM_FIELDS, baseline: true },
    reinforce: { ...ALGORITHM_FIELDS, baseline: true },
    grpo: { ...ALGORITHM_FIELDS, stdEps: true },
    drgrpo: ALGORITHM_FIELDS,
    ppo: { ...ALGORITHM_FIELDS, whitenEps: true },
  },
  intervention: {
    entropyBonus: { coef: true },
    clipHigher: { epsLow: clipBound('clipHigher.epsLow'), epsHigh: clipBound('clipHigher.epsHigh') },
    asymmetricAdvantage: { positiveScale: true, negativeScale: true },
    lpReg: { threshold: true, coef: true },
    clipCov: { ratio: true, covLow: bandEdge('clipCov.covLow'), covHigh: bandEdge('clipCov.covHigh') },
    klCov: { ratio: true, coef: true },
  },
} satisfies { top: SectionModel; [section: string]: SectionModel | Record<string, SectionModel> };

/** Interventions whose metrics (and per-token flags) the kernel keeps once: at most one of each. */
const SINGLE_INTERVENTIONS = ['asymmetricAdvantage', 'lpReg', 'clipCov', 'klCov'];
/** Tokens one run may sample per step: the fixed-point bins' low words hold 16 bits × 2^16. */
export const MAX_TOKENS_PER_STEP = 65535;
/** The largest storage binding the kernel asks for. */
export const MAX_BINDING_BYTES = 128 * 1024 * 1024;

export type GpuSupport = { ok: true } | { ok: false; reason: string };

/** The first field of `section` (a parsed config object) the model does not cover, as a reason. */
function unmodelledField(path: string, section: Record<string, unknown>, model: SectionModel, config: ExperimentConfig): string | undefined {
  for (const [key, value] of Object.entries(section)) {
    if (key === 'type') continue;
    const rule = model[key];
    if (rule === undefined) return `${path}.${key} is not modelled by the GPU kernel yet`;
    if (rule !== true) {
      const refused = rule(value, config);
      if (refused) return refused;
    }
  }
  return undefined;
}

const lookup = <T>(table: Record<string, T>, id: string): T | undefined => (Object.hasOwn(table, id) ? table[id] : undefined);

/** Whether the webgpu backend runs this config, and if not, why (for the UI's backend badge). */
export function gpuSupport(config: ExperimentConfig): GpuSupport {
  const refuse = (reason: string): GpuSupport => ({ ok: false, reason });
  const { env, policy, algorithm, interventions, ...top } = config;
  const policyModel = lookup<SectionModel>(GPU_MODEL.policy, policy.type);
  if (!policyModel) return refuse(`the ${policy.type} policy trains on tfjs, not on the GPU kernels`);
  const algoModel = lookup<SectionModel>(GPU_MODEL.algorithm, algorithm.type);
  if (!algoModel) return refuse(`the ${algorithm.type} algorithm is not on the GPU yet`);
  const envModel = lookup<SectionModel>(GPU_MODEL.env, env.type);
  if (!envModel) return refuse(`the ${env.type} environment is not on the GPU yet (MDPs run on the CPU)`);
  const sections: [string, Record<string, unknown>, SectionModel][] = [
    ['config', top, GPU_MODEL.top],
    ['policy', policy, policyModel],
    ['algorithm', algorithm, algoModel],
    ['env', env, envModel],
  ];
  for (const [i, iv] of interventions.entries()) {
    const model = lookup<SectionModel>(GPU_MODEL.intervention, iv.type);
    if (!model) return refuse(`the ${iv.type} intervention is not on the GPU yet`);
    sections.push([`interventions[${i}]`, iv, model]);
  }
  for (const [path, section, model] of sections) {
    const refused = unmodelledField(path, section, model, config);
    if (refused) return refuse(refused);
  }
  const repeated = SINGLE_INTERVENTIONS.find((id) => interventions.filter((iv) => iv.type === id).length > 1);
  if (repeated) return refuse(`more than one ${repeated} is not on the GPU (the kernel records its metrics once)`);
  const { shape, groups } = (envSpec(env.type) as EnvSpec).dims(env);
  const length = env.type === 'tokens' ? env.length : 1;
  const batch = algorithm.batchPrompts === 0 || algorithm.batchPrompts >= groups ? groups : algorithm.batchPrompts;
  const tokens = batch * algorithm.groupSize * length;
  if (tokens > MAX_TOKENS_PER_STEP) return refuse(`a step samples ${tokens} tokens per run; the GPU kernel takes at most ${MAX_TOKENS_PER_STEP}`);
  if (shape.rows * shape.actions * 4 * 3 > MAX_BINDING_BYTES) return refuse('the policy table is too large for one GPU buffer binding');
  return { ok: true };
}
