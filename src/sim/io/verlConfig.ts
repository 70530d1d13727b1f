// A verl (volcengine/verl) trainer config for the lab's experiment at LLM scale: only keys of
// verl/trainer/config/_generated_ppo_trainer.yaml and only values verl/trainer/ppo/core_algos.py
// accepts, at VERL_COMMIT (test/fixtures/reference/verl.json pins both). Clip-Cov and KL-Cov carry
// the paper's LLM-scale values and clip settings (PRIME-RL/Entropy-Mechanism-of-RL recipe/dapo/
// 7b_*_cov.sh); what verl cannot express is said in a comment.
import type { ExperimentConfig } from '../config';
import { spec as clipCovSpec } from '../interventions/clipCov';
import { spec as klCovSpec } from '../interventions/klCov';
import { commentLines, labSemantics, singleKlTerm, unexpressedLines, yamlText, type LabAdvantage, type LabSemantics, type YamlLine } from './llmExport';

export const VERL_COMMIT = 'b178a3cd56f58b2d502255daba591e92833930a7';

/** verl's advantage estimator for each lab advantage (core_algos.py, register_adv_est). */
const ADV_ESTIMATOR: Record<LabAdvantage, { estimator: string; normByStd?: boolean; comment: string }> = {
  'group-std': { estimator: 'grpo', normByStd: true, comment: '(r − group mean)/(group std + ε); verl: unbiased std + 1e-6, the lab: population std + stdEps' },
  'group-mean': { estimator: 'grpo', normByStd: false, comment: 'r − group mean, no std division (as Dr. GRPO)' },
  'leave-one-out': { estimator: 'rloo', comment: 'r − mean of the other samples (RLOO)' },
  none: { estimator: 'reinforce_plus_plus', comment: 'the lab used raw rewards (no baseline); verl has no such estimator: reinforce_plus_plus whitens the rewards over the batch' },
  'group-mean-batch-whitened': {
    estimator: 'reinforce_plus_plus_baseline',
    comment: 'the lab’s PPO: group-mean baseline, advantages whitened over the batch, no critic (gae would train one)',
  },
};

/**
 * kl_loss_type for a reference penalty. As a loss, k2 = ½(log π − log π_ref)² has gradient
 * E_π[(log π − log π_ref)∇log π] = ∇KL(π‖π_ref) (reverse); k3 (low_var_kl) has
 * E_π[(1 − π_ref/π)∇log π] = ∇KL(π_ref‖π) (forward). verl documents "k3+" (k2's gradient under
 * k3's value), but at VERL_COMMIT kl_penalty() passes "k3+" unchanged to kl_penalty_forward(),
 * which only knows the plain names, so the plain k2 is the one that runs.
 */
const KL_LOSS_TYPE = { reverse: 'k2', forward: 'low_var_kl' } as const;

function policyLoss(s: LabSemantics, notes: string[]): YamlLine[] {
  const { clipCov, klCov } = s;
  if (clipCov) {
    if (klCov) notes.push(`klCov (interventions[${klCov.index}]: verl’s policy_loss.loss_mode takes one loss, and Clip-Cov, interventions[${clipCov.index}], is the one exported)`);
    return [
      { key: 'loss_mode', value: 'clip_cov' },
      { key: 'clip_cov_ratio', value: clipCovSpec.paperValues.ratio!, comment: `the paper’s fraction of tokens; this lab run used ${clipCov.ratio} of a few hundred` },
      { key: 'clip_cov_lb', value: clipCov.covLow },
      { key: 'clip_cov_ub', value: clipCov.covHigh },
    ];
  }
  if (klCov) {
    return [
      { key: 'loss_mode', value: 'kl_cov' },
      { key: 'kl_cov_ratio', value: klCovSpec.paperValues.ratio!, comment: `the paper’s 7B value (k_percent 0.2 %; its 32B script and verl’s default: 2e-4); this lab run used ${klCov.ratio}` },
      { key: 'ppo_kl_coef', value: klCov.coef, comment: 'β of |log π − log π_old| on the selected tokens' },
      { comment: 'verl’s kl_cov loss does not clip the ratio (the lab keeps the algorithm’s clip); it acts once the policy moves' },
      { comment: 'within a step: ppo_epochs > 1, or ppo_mini_batch_size below data.train_batch_size (the paper: 32 of 256)' },
    ];
  }
  return [{ key: 'loss_mode', value: 'vanilla' }];
}

function clipBounds(s: LabSemantics): YamlLine[] {
  if (s.clipCov && !s.clipHigher) {
    return [
      { key: 'clip_ratio_low', value: 1, comment: `as the paper’s Clip-Cov scripts: Clip-Cov replaces the ratio clip (the lab run clipped at ${s.clipLow}/${s.clipHigh})` },
      { key: 'clip_ratio_high', value: 1 },
    ];
  }
  const note = s.clipHigher ? (s.clipCov ? 'clip-higher (DAPO), kept over the 1/1 of the paper’s Clip-Cov scripts' : 'clip-higher (DAPO)') : undefined;
  return [
    { key: 'clip_ratio_low', value: s.clipLow, ...(note ? { comment: note } : {}) },
    { key: 'clip_ratio_high', value: s.clipHigh, ...(note ? { comment: note } : {}) },
  ];
}

function referenceKl(s: LabSemantics, notes: string[]): YamlLine[] {
  const kl = singleKlTerm(s.reference, 'verl', notes);
  if (!kl) return [{ key: 'use_kl_loss', value: false }];
  return [
    { key: 'use_kl_loss', value: true },
    { key: 'kl_loss_coef', value: kl.coef, comment: `β of ${kl.sources}` },
    {
      key: 'kl_loss_type',
      value: KL_LOSS_TYPE[kl.divergence],
      comment: kl.divergence === 'reverse' ? 'k2: its gradient is the reverse KL’s (k3/low_var_kl would give the forward KL’s)' : 'k3 as a loss: its gradient is the forward KL’s, KL(π_ref‖π)',
    },
  ];
}

const REASONS: Record<string, string> = {
  rolloutTemperature: 'verl’s rollout.temperature also divides the actor’s logits (it trains the tempered policy); the lab samples hot and importance-weights back to π',
  adaptiveEntropy: 'verl’s entropy_coeff is a constant',
};

/** YAML text (comments included) for verl's trainer config. */
export function verlConfigYaml(config: ExperimentConfig): string {
  const s = labSemantics(config);
  const notes = [...s.algorithmNotes];
  const adv = ADV_ESTIMATOR[s.advantage];
  const { lossAggMode, clipRatioC, dynamicSampling, maxDraws } = config.algorithm;
  const drGrpo = config.algorithm.type === 'drgrpo';
  const aggregation: YamlLine =
    lossAggMode !== 'seq-mean-token-sum'
      ? { key: 'loss_agg_mode', value: lossAggMode, comment: 'as the lab run (algorithm.lossAggMode)' }
      : drGrpo
        ? { key: 'loss_agg_mode', value: 'seq-mean-token-sum-norm', comment: 'Dr. GRPO: token sums over a constant, no length normalisation (verl docs/algo/grpo.md)' }
        : { key: 'loss_agg_mode', value: 'seq-mean-token-sum', comment: 'the lab sums each answer’s tokens and averages over answers' };
  const vanillaLoss = !s.clipCov && !s.klCov;
  const samplingNotes: string[] = [];
  if (vanillaLoss && clipRatioC === 0) samplingNotes.push('no dual-clip (the lab run had none; verl’s vanilla loss always stops negative-advantage tokens at ratio clip_ratio_c, 3 by default)');
  if (dynamicSampling) {
    samplingNotes.push(`dynamic sampling in this trainer: verl runs it in its DAPO recipe, with algorithm.filter_groups (FilterGroupsConfig in verl/trainer/config/algorithm.py) enable: true, metric: seq_reward, max_num_gen_batches: ${maxDraws}`);
  }
  const actor: YamlLine[] = [
    { key: 'ppo_epochs', value: s.epochs, comment: 'passes over each batch; the lab makes one update per pass (ppo_mini_batch_size = data.train_batch_size)' },
    aggregation,
    ...(clipRatioC > 0 ? [{ key: 'clip_ratio_c', value: clipRatioC, comment: vanillaLoss ? 'dual-clip, as the lab run (algorithm.clipRatioC)' : 'verl’s clip_cov and kl_cov losses do not apply it' }] : []),
    ...clipBounds(s),
    { key: 'entropy_coeff', value: s.entropyBonus },
    ...referenceKl(s, notes),
    { key: 'policy_loss', children: policyLoss(s, notes) },
  ];
  for (const { index, type } of s.others) notes.push(`${type} (interventions[${index}]${REASONS[type] ? `: ${REASONS[type]}` : ': no verl option'})`);
  notes.push(...samplingNotes);
  const lines: YamlLine[] = [
    ...commentLines(
      `verl config for this Entropy Lab experiment at LLM scale. Every key is in verl's verl/trainer/config/_generated_ppo_trainer.yaml at volcengine/verl@${VERL_COMMIT.slice(0, 12)}. Set the model, data, batch sizes and learning rate for your run (the lab's lr acts on logits directly).`,
    ),
    ...unexpressedLines('verl', notes),
    {
      key: 'algorithm',
      children: [
        { key: 'adv_estimator', value: adv.estimator, comment: config.algorithm.semantics === 'verl' && s.advantage === 'group-std' ? 'unbiased group std + 1e-6, as the lab run (algorithm.semantics verl)' : adv.comment },
        ...(adv.normByStd === undefined ? [] : [{ key: 'norm_adv_by_std_in_grpo', value: adv.normByStd }]),
      ],
    },
    {
      key: 'actor_rollout_ref',
      children: [
        { key: 'rollout', children: [{ key: 'n', value: s.groupSize, comment: 'group size G' }] },
        { key: 'actor', children: actor },
      ],
    },
  ];
  return yamlText(lines) + '\n';
}
