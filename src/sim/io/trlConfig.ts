// A TRL GRPOConfig (huggingface/trl) for the lab's experiment at LLM scale, as the YAML that
// `trl grpo --config` reads: only GRPOConfig fields, with loss_type and scale_rewards values the
// GRPOTrainer accepts, at TRL_COMMIT (test/fixtures/reference/trl.json pins both). What TRL's
// GRPO cannot express (Clip-Cov, KL-Cov, a leave-one-out baseline, …) is said in a comment.
import type { ExperimentConfig } from '../config';
import { commentLines, labSemantics, singleKlTerm, unexpressedLines, yamlText, type LabAdvantage, type LabSemantics, type YamlLine } from './llmExport';

export const TRL_COMMIT = 'f2cd57710ae345ea6428ae95363267fcf38a3dc8';

/** scale_rewards for each lab advantage; TRL always subtracts the group mean first. */
const SCALE_REWARDS: Record<LabAdvantage, { value: string; comment: string }> = {
  'group-std': { value: 'group', comment: '(r − group mean)/(group std + 1e-4); TRL’s std is the unbiased one, the lab’s the population std' },
  'group-mean': { value: 'none', comment: 'r − group mean, no std division (as Dr. GRPO)' },
  'leave-one-out': { value: 'none', comment: 'the lab’s leave-one-out baseline is G/(G−1) times this one: scale the learning rate by G/(G−1)' },
  none: { value: 'none', comment: 'the lab used raw rewards; TRL always subtracts the group mean' },
  'group-mean-batch-whitened': {
    value: 'batch',
    comment: 'the lab’s PPO divides the group-centred advantages by their own spread over the batch; TRL divides by the std of the batch’s rewards',
  },
};

/**
 * TRL's beta penalises k3 = π_ref/π − log(π_ref/π) − 1, whose gradient is the forward KL's in
 * expectation, E_π[(1 − π_ref/π)∇log π] = ∇KL(π_ref‖π). With use_bias_correction_kl it penalises
 * ρ·k3 (ρ = π_θ/π_old, 1 with gradient ∇log π on-policy): E_π[(log π − log π_ref)∇log π], the
 * reverse KL's gradient.
 */
function referenceKl(s: LabSemantics, notes: string[]): YamlLine[] {
  const kl = singleKlTerm(s.reference, 'TRL', notes);
  if (!kl) return [{ key: 'beta', value: 0 }];
  const reverse = kl.divergence === 'reverse';
  return [
    { key: 'beta', value: kl.coef, comment: `β of ${kl.sources}` },
    {
      key: 'use_bias_correction_kl',
      value: reverse,
      comment: reverse ? 'ratio-weighted k3: its gradient is the reverse KL’s' : 'plain k3: its gradient is the forward KL’s, KL(π_ref‖π)',
    },
  ];
}

const REASONS: Record<string, string> = {
  clipCov: 'TRL’s GRPOTrainer has no covariance-based token selection',
  klCov: 'TRL’s GRPOTrainer has no covariance-based token selection',
  rolloutTemperature: 'TRL’s temperature also divides the logits in the loss (it trains the tempered policy); the lab samples hot and importance-weights back to π',
  adaptiveEntropy: 'TRL’s use_adaptive_entropy moves the coefficient by a fixed entropy_coef_delta (Skywork-OR1) and applies it only below the target; the lab’s β follows α(H_target − H)',
};

/** YAML text (comments included) for TRL's GRPOConfig. */
export function trlConfigYaml(config: ExperimentConfig): string {
  const s = labSemantics(config);
  const notes = [...s.algorithmNotes];
  const scale = SCALE_REWARDS[s.advantage];
  const drGrpo = config.algorithm.type === 'drgrpo';
  const body: YamlLine[] = [
    { key: 'num_generations', value: s.groupSize, comment: 'group size G' },
    { key: 'num_iterations', value: s.epochs, comment: 'passes over each generated batch (μ)' },
    {
      key: 'loss_type',
      value: 'dr_grpo',
      comment: drGrpo ? 'Dr. GRPO: token sums over a constant (max_completion_length)' : 'sums each completion’s tokens over a constant, as the lab does (TRL’s "grpo" would average them per completion)',
    },
    { key: 'scale_rewards', value: scale.value, comment: scale.comment },
    { key: 'epsilon', value: s.clipLow, ...(s.clipHigher ? { comment: 'clip-higher (DAPO)' } : {}) },
    { key: 'epsilon_high', value: s.clipHigh },
    { key: 'entropy_coef', value: s.entropyBonus },
    ...referenceKl(s, notes),
  ];
  const unmapped = [...(s.clipCov ? [s.clipCov] : []), ...(s.klCov ? [s.klCov] : []), ...s.others].sort((x, y) => x.index - y.index);
  for (const { index, type } of unmapped) notes.push(`${type} (interventions[${index}]${REASONS[type] ? `: ${REASONS[type]}` : ': no GRPOConfig option'})`);
  const lines: YamlLine[] = [
    ...commentLines(
      `TRL GRPOConfig for this Entropy Lab experiment at LLM scale, for \`trl grpo --config\`. Every key is a GRPOConfig field at huggingface/trl@${TRL_COMMIT.slice(0, 12)}. Add the script's model_name_or_path, dataset_name and reward_funcs, and the learning rate and batch sizes for your model (the lab's lr acts on logits directly).`,
    ),
    ...unexpressedLines('TRL', notes),
    ...body,
  ];
  return yamlText(lines) + '\n';
}
