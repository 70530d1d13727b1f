// Neural policy registry (ids are the config's `policy.type` values besides "tabular") and the
// checks that tie a neural policy to its environments, sampled algorithms and the tfjs backend.
// No tfjs here: the networks are loaded only by the tfjs backend (tfjsBackend.ts).
import type { ConfigIssue, ExperimentConfig } from '../config';
import type { AlgorithmSpec } from '../types';
import { spec as attention, type AttentionPolicyConfig } from './attention';
import { spec as mlp, type MlpPolicyConfig } from './mlp';
import type { NeuralPolicySpec } from './policySpec';

export const NEURAL_POLICIES = [mlp, attention] as const;
export type NeuralPolicyConfig = MlpPolicyConfig | AttentionPolicyConfig;
export type { NeuralPolicySpec };

export function neuralPolicySpec(id: string): NeuralPolicySpec | undefined {
  return (NEURAL_POLICIES as readonly NeuralPolicySpec[]).find((s) => s.id === id);
}

export function isNeuralPolicy(policy: { type: string }): policy is NeuralPolicyConfig {
  return neuralPolicySpec(policy.type) !== undefined;
}

/** Cross-section checks for a neural policy (none for a tabular one). */
export function neuralPolicyIssues(c: ExperimentConfig, algorithm: AlgorithmSpec): ConfigIssue[] {
  const spec = neuralPolicySpec(c.policy.type);
  if (!spec) return [];
  const issues: ConfigIssue[] = [];
  if (!spec.envs.includes(c.env.type)) {
    const fit = NEURAL_POLICIES.filter((p) => p.envs.includes(c.env.type)).map((p) => `"${p.id}"`);
    issues.push({
      path: 'policy.type',
      message: `policy "${spec.id}" runs on the ${spec.envs.join(' and ')} environments, not "${c.env.type}"; use "tabular"${fit.length ? ` or ${fit.join(' or ')}` : ''}`,
    });
  }
  if (c.algorithm.mode !== 'sampled') {
    issues.push({ path: 'algorithm.mode', message: 'neural policies learn from sampled batches; set "sampled" (exact mode is for tabular policies)' });
  }
  if (algorithm.geometry === 'natural') {
    issues.push({ path: 'algorithm.type', message: `${algorithm.id} is a natural gradient, defined here for tabular policies only; use pg, reinforce, grpo, drgrpo or ppo` });
  }
  if (c.backend === 'cpu' || c.backend === 'webgpu') {
    issues.push({ path: 'backend', message: `neural policies run on the tfjs backend; use "tfjs" or "auto", got "${c.backend}"` });
  }
  return issues;
}
