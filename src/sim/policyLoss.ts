// The sampled step's policy loss per token (science.md §2 and §4, issue 14): which ratio clip
// stops a token's gradient, under the lab's rules or verl's policy-loss modes, and how the loss
// is aggregated over tokens. Reference: volcengine/verl verl/trainer/ppo/core_algos.py at commit
// b178a3cd — agg_loss L1025–1081, compute_policy_loss_vanilla L1159–1250 (dual-clip L1229–1235),
// compute_policy_loss_clip_cov L1450–1552, compute_policy_loss_kl_cov L1555–1632.
import type { LossAggMode, Semantics } from './algorithms/base';
import type { Batch, ClipBounds } from './types';

/** Why a token's surrogate gradient is zero this epoch (0: it is not clipped). */
export const ClipKind = { NONE: 0, HIGH: 1, LOW: 2, DUAL: 3 } as const;

/**
 * The policy loss in force. 'lab': the clipped surrogate, with dual-clip when clipRatioC > 0.
 * Under verl semantics one loss_mode per run, as verl's actor.policy_loss.loss_mode: Clip-Cov and
 * KL-Cov bring their own losses, which verl writes without dual-clip (clip_cov) or without any
 * ratio clip (kl_cov: −Âρ, plus the penalty on the selected tokens).
 */
export type PolicyLoss = 'lab' | 'vanilla' | 'clip_cov' | 'kl_cov';

export function policyLossOf(semantics: Semantics, interventionTypes: readonly string[]): PolicyLoss {
  if (semantics === 'lab') return 'lab';
  if (interventionTypes.includes('clipCov')) return 'clip_cov';
  if (interventionTypes.includes('klCov')) return 'kl_cov';
  return 'vanilla';
}

/**
 * The clip that zeroes the gradient of a token with ratio ρ and advantage Â. verl's vanilla loss
 * is max(−Âρ, −Â·clip(ρ, 1−ε_low, 1+ε_high)), and for Â < 0 its min with −Â·c: the first term
 * wins (a constant) when Â > 0 and ρ > 1+ε_high (HIGH) or Â < 0 and ρ < 1−ε_low (LOW); the
 * dual-clip constant −Â·c wins when Â < 0 and ρ > c (DUAL). Comparisons are strict, as verl's
 * torch.gt and torch.maximum are. (verl also clamps log ρ to ±20 in the vanilla loss; a lab
 * ratio never gets near e^20.)
 */
export function clipKind(loss: PolicyLoss, ratio: number, adv: number, bounds: ClipBounds, clipRatioC: number): number {
  if (loss === 'kl_cov') return ClipKind.NONE;
  if (adv > 0 && ratio > 1 + bounds.high) return ClipKind.HIGH;
  if (adv < 0 && ratio < 1 - bounds.low) return ClipKind.LOW;
  if (adv < 0 && clipRatioC > 0 && loss !== 'clip_cov' && ratio > clipRatioC) return ClipKind.DUAL;
  return ClipKind.NONE;
}

/**
 * Per token the divisor d_i of its gradient c_i(e_a − π)/d_i, for verl's loss_agg_mode. verl
 * trains with Adam, to which the loss's overall scale does not matter; the lab takes plain
 * gradient steps, so it scales every mode by the batch's prompt count S/G (S trajectories, G per
 * prompt) and a prompt's logits move as far as they would in a batch of their own. With N tokens
 * in the batch, L_j tokens in trajectory j and L_max the longest an answer can be:
 *   seq-mean-token-sum      Σ_j Σ_t ℓ / S      → d = G (the lab's own per-prompt sum)
 *   token-mean              Σ ℓ / N            → d = G·N/S
 *   seq-mean-token-mean     Σ_j (Σ_t ℓ / L_j)/S → d = G·L_j
 *   seq-mean-token-sum-norm Σ ℓ / L_max        → d = G·L_max/S (verl: loss_mask.shape[-1])
 * On answers of one fixed length L, token-mean is seq-mean-token-sum with the step divided by L.
 */
export function aggregationDivisors(batch: Batch, mode: LossAggMode, maxLength: number): Float64Array {
  const S = batch.reward.length;
  const N = batch.row.length;
  const out = new Float64Array(N);
  for (let j = 0; j < S; j++) {
    const from = batch.tokenOffset[j];
    const to = batch.tokenOffset[j + 1];
    out.fill(aggregationDivisor(mode, { groupSize: batch.groupSize, trajectories: S, tokens: N, length: to - from, maxLength }), from, to);
  }
  return out;
}

/** The divisor d of one trajectory's tokens (aggregationDivisors; the GPU's are all of one length). */
export function aggregationDivisor(mode: LossAggMode, b: { groupSize: number; trajectories: number; tokens: number; length: number; maxLength: number }): number {
  const G = b.groupSize;
  if (mode === 'seq-mean-token-sum') return G;
  if (mode === 'token-mean') return (G * b.tokens) / b.trajectories;
  if (mode === 'seq-mean-token-mean') return G * b.length;
  return (G * b.maxLength) / b.trajectories;
}

interface RuleIssue {
  path: string;
  message: string;
}

/**
 * What a config under verl semantics asks for that verl itself would refuse or ignore: a
 * Clip-Cov/KL-Cov ratio of 0 (verl asserts > 0), both in one run (verl has one loss_mode), a
 * clip-bounds intervention beside KL-Cov (its loss has no ratio clip) and a GRPO ε other than
 * the lab's default (verl's is fixed at 1e-6).
 */
export function verlSemanticsIssues(algorithm: { semantics: Semantics; type: string; stdEps?: number }, interventions: readonly { type: string; ratio?: number }[], labStdEps: number): RuleIssue[] {
  if (algorithm.semantics !== 'verl') return [];
  const issues: RuleIssue[] = [];
  interventions.forEach((iv, i) => {
    if ((iv.type === 'clipCov' || iv.type === 'klCov') && iv.ratio === 0) {
      issues.push({ path: `interventions[${i}].ratio`, message: `must be > 0 under verl semantics (verl asserts ${iv.type === 'clipCov' ? 'clip_cov_ratio' : 'kl_cov_ratio'} > 0); use lab semantics for r = 0` });
    }
  });
  const clipCov = interventions.findIndex((iv) => iv.type === 'clipCov');
  const klCov = interventions.findIndex((iv) => iv.type === 'klCov');
  if (clipCov >= 0 && klCov >= 0) {
    issues.push({ path: `interventions[${Math.max(clipCov, klCov)}]`, message: 'verl runs one policy loss (loss_mode clip_cov or kl_cov), not both; keep one or use lab semantics' });
  }
  if (klCov >= 0) {
    interventions.forEach((iv, i) => {
      if (iv.type === 'clipHigher' || iv.type === 'bapo') issues.push({ path: `interventions[${i}]`, message: `verl's KL-Cov loss has no ratio clip, so ${iv.type} would change nothing; remove it or use lab semantics` });
    });
  }
  if (algorithm.type === 'grpo' && algorithm.stdEps !== labStdEps) {
    issues.push({ path: 'algorithm.stdEps', message: "verl fixes GRPO's ε at 1e-6 (compute_grpo_outcome_advantage); leave stdEps at its default or use lab semantics" });
  }
  return issues;
}
