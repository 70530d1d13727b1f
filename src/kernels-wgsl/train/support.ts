// What the training kernel models, field by field (issue 13): the GPU runs a config only when
// every field of every section is declared here, either modelled or with a rule that refuses
// the values it does not model. A field a schema gains later is refused, by name, until it is
// declared, and test/kernels/gpuSupport.test.ts fails until then too.
import type { ExperimentConfig } from '../../sim/config';
import { envSpec } from '../../sim/envs';
import type { EnvSpec } from '../../sim/types';
import { MAX_ANSWER_LENGTH } from './layout';
import { clipBound, float32Distinct, type SectionModel } from './fieldModel';
import { GPU_STAGES } from './stages';
import { mdpDynamicSampling, mdpLossAggMode, mdpRewards } from './mdp';

const ALGORITHM_FIELDS: SectionModel = {
  // Exact mode in float32 (exact.wgsl); the CPU stays the float64 reference.
  mode: true,
  lr: true,
  groupSize: true,
  batchPrompts: true,
  epochs: true,
  clipLow: clipBound('algorithm.clipLow'),
  clipHigh: clipBound('algorithm.clipHigh'),
  refKL: true,
  // Issue 14's fields (trainStep.ts, policyLoss.ts): verl's GRPO advantages, policy losses and
  // Clip-Cov/KL-Cov selections (advantage.wgsl, update.wgsl clipKind, stages/clipCov, klCov),
  // dual-clip, the loss aggregation's divisor, and DAPO's dynamic sampling (dynamicSampling.wgsl).
  semantics: true,
  lossAggMode: mdpLossAggMode,
  clipRatioC: true,
  // DAPO's dynamic sampling (dynamicSampling.wgsl).
  dynamicSampling: mdpDynamicSampling,
  maxDraws: true,
};
const ARM_FIELDS: SectionModel = { arms: true, reward: true, means: true, sigma: true };
const CHAIN_REWARDS = mdpRewards('env.smallReward and env.endReward');
const GRID_REWARDS = mdpRewards('env.goalReward, env.distractorReward and env.stepCost');

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
    // The MDPs' tables come from the env the host builds (mdp.ts mdpTable).
    chain: { length: true, horizon: true, smallReward: CHAIN_REWARDS, endReward: CHAIN_REWARDS },
    gridworld: { width: true, height: true, slip: true, horizon: true, goalReward: GRID_REWARDS, distractorReward: GRID_REWARDS, stepCost: GRID_REWARDS },
  },
  algorithm: {
    pg: { ...ALGORITHM_FIELDS, baseline: true },
    npg: { ...ALGORITHM_FIELDS, baseline: true },
    reinforce: { ...ALGORITHM_FIELDS, baseline: true },
    grpo: { ...ALGORITHM_FIELDS, stdEps: true },
    drgrpo: ALGORITHM_FIELDS,
    ppo: { ...ALGORITHM_FIELDS, whitenEps: true },
  },
  /** Each stage declares its intervention's fields (stages/*.ts). */
  intervention: Object.fromEntries(GPU_STAGES.map((s) => [s.id, s.fields])) as Record<string, SectionModel>,
} satisfies { top: SectionModel; [section: string]: SectionModel | Record<string, SectionModel> };

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
  if (!envModel) return refuse(`the ${env.type} environment is not on the GPU yet`);
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
  // verl's Clip-Cov zeroes a dropped token's whole coefficient on the CPU, its surrogate weight here.
  const lossBeside = algorithm.semantics === 'verl' && interventions.some((iv) => iv.type === 'clipCov') ? GPU_STAGES.find((s) => s.id !== 'clipCov' && s.hooks.includes('tokenLoss') && interventions.some((iv) => iv.type === s.id)) : undefined;
  if (lossBeside) return refuse(`verl's Clip-Cov beside ${lossBeside.id} is not on the GPU (the CPU zeroes a dropped token's ${lossBeside.id} loss too; the kernel only its surrogate)`);
  const repeated = GPU_STAGES.find((s) => s.single && interventions.filter((iv) => iv.type === s.id).length > 1);
  if (repeated) return refuse(`more than one ${repeated.id} is not on the GPU (the kernel holds one's state and metrics)`);
  const { shape, groups, maxLength } = (envSpec(env.type) as EnvSpec).dims(env);
  const batch = algorithm.batchPrompts === 0 || algorithm.batchPrompts >= groups ? groups : algorithm.batchPrompts;
  // An MDP's episodes may run to the horizon: the kernel holds that many tokens.
  const tokens = algorithm.mode === 'exact' ? 0 : batch * algorithm.groupSize * maxLength;
  if (tokens > MAX_TOKENS_PER_STEP) return refuse(`a step samples ${tokens} tokens per run; the GPU kernel takes at most ${MAX_TOKENS_PER_STEP}`);
  if (shape.rows * shape.actions * 4 * 3 > MAX_BINDING_BYTES) return refuse('the policy table is too large for one GPU buffer binding');
  return { ok: true };
}
