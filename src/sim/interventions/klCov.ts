// KL-Cov (Entropy Mechanism paper, arXiv 2505.22617): the top fraction k of tokens by covariance
// c_i get a penalty β_kl·|log π_θ(a_i) − log π_old(a_i)| in the inner epochs. On the first epoch
// π_θ = π_old, so with epochs = 1 it never acts (klCovActive = 0: shown, not hidden). Two rule
// sets (algorithm.semantics):
//  - lab: round(k·N) tokens ranked once per step at π_old (k = 0 selects nothing), inside the
//    algorithm's clipped surrogate;
//  - verl (verl/trainer/ppo/core_algos.py compute_policy_loss_kl_cov, L1555–1632 at b178a3cd):
//    max(1, ⌊k·N⌋) tokens ranked every epoch by c under the current log π_θ, in a loss −Âρ with
//    no ratio clip (policyLoss.ts). k is a fraction, as verl's kl_cov_ratio; the paper repo's
//    k_percent is in percent (its scripts' 0.2 is k = 2e-3).
import { z } from 'zod';
import type { InterventionSpec, StepContext, TokenBatch } from '../types';
import { covarianceRankKey, tokenCovariances } from './tokenSignals';

/**
 * |Δ log π| up to this counts as unmoved (no penalty gradient). A Δ that is zero but for
 * rounding has a sign that is noise: a row whose coefficients cancel (7 tokens at Â = 1.07 and
 * one at −7.48 in a GRPO group) moves by 1e-16 in float64 and 0 in the GPU's float32, and a
 * ±β_kl coefficient on that noise would set the two runs apart. (torch's |x| has gradient 0 only
 * at x = 0 exactly.)
 */
export const KL_COV_DEAD_ZONE = 1e-5;

const schema = z.strictObject({
  type: z.literal('klCov'),
  ratio: z.number().min(0).max(1).default(0.1).describe('k: fraction of tokens, highest covariance first, that get the penalty'),
  coef: z.number().min(0).finite().default(1).describe('β_kl: weight of |log π_θ − log π_old| on the selected tokens'),
});
export type KlCovParams = z.infer<typeof schema>;

/** Tokens penalised of N: round(k·N) (lab) or max(1, ⌊k·N⌋) (verl, L1613). */
export function klCovCount(semantics: StepContext['semantics'], ratio: number, n: number): number {
  return semantics === 'verl' ? Math.max(1, Math.floor(ratio * n)) : Math.round(ratio * n);
}

/**
 * The `count` tokens of largest c, ranked on a 2^-12 grid of c (covarianceRankKey): values apart
 * only by rounding tie and go in token order, so the float32 GPU picks the same tokens (rows whose
 * logits are permutations of each other have equal log π in float64 but a few ulp apart in
 * float32). torch.topk leaves the order of ties unspecified.
 */
function topByCovariance(c: Float64Array, count: number): Int32Array {
  const key = c.map(covarianceRankKey);
  const order = Array.from(key.keys()).sort((a, b) => key[b] - key[a] || a - b);
  return Int32Array.from(order.slice(0, count));
}

export const spec: InterventionSpec<KlCovParams> = {
  id: 'klCov',
  label: 'KL-Cov',
  explanation:
    'Ranks the batch\u2019s tokens by how strongly their log-probability and advantage co-vary (the term that drives entropy down) and, for the top fraction k, adds a penalty on how far the policy has moved on that token since the rollout. The penalty only bites once the policy has moved, so it needs several passes (epochs) over each batch; with one on-policy pass it does nothing, which the lab reports rather than hides.',
  formula:
    '\\mathcal L_i = \\rho_i \\hat A_i - \\beta_{\\text{kl}}\\,\\big|\\log\\pi_\\theta(a_i) - \\log\\pi_{\\text{old}}(a_i)\\big|\\ \\ (i \\in \\text{top-}k \\text{ by } c_i),\\quad c_i = \\big(\\log\\pi(a_i) - \\overline{\\log\\pi}\\big)\\big(\\hat A_i - \\overline{\\hat A}\\big)',
  citation: { title: 'The Entropy Mechanism of Reinforcement Learning for Reasoning Language Models', arxiv: '2505.22617' },
  stages: ['token-loss'],
  modes: ['sampled'],
  offPolicyOnly: true,
  schema,
  paperValues: { ratio: 2e-3, coef: 1 },
  verlNote:
    'As in verl with algorithm.semantics "verl": the top max(1, ⌊k·N⌋) tokens by covariance under the current log π, ranked again every epoch, in a loss with no ratio clip. Lab simplification with "lab": round(k·N) tokens ranked once per step at π_old, inside the algorithm’s clipped surrogate. k is a fraction, as verl’s kl_cov_ratio; the paper repo’s k_percent = 0.2 means k = 2e-3. verl’s default β (ppo_kl_coef) is 0.1, the paper’s 1.',
  verlKeys: { ratio: 'actor_rollout_ref.actor.policy_loss.kl_cov_ratio', coef: 'actor_rollout_ref.actor.policy_loss.ppo_kl_coef' },
  create(p) {
    let selected: Int32Array = new Int32Array(0);
    let frac = 0;
    let penaltySum = 0;
    let penalised = 0;
    let slots = 0;
    return {
      state: {},
      tokenWeights(ctx, tokens) {
        penaltySum = penalised = slots = 0;
        selected = new Int32Array(0);
        frac = 0;
        if (ctx.semantics === 'verl') return;
        const c = tokenCovariances(tokens);
        selected = topByCovariance(c, klCovCount(ctx.semantics, p.ratio, c.length));
        frac = c.length > 0 ? selected.length / c.length : 0;
      },
      tokenLoss(ctx, tokens: TokenBatch, _epoch, logpNew, coef) {
        if (ctx.semantics === 'verl') {
          const c = tokenCovariances(tokens, logpNew);
          selected = topByCovariance(c, klCovCount(ctx.semantics, p.ratio, c.length));
          frac = c.length > 0 ? selected.length / c.length : 0;
        }
        slots += selected.length;
        // ∇_z of −β|Δ| with Δ = log π_θ(a) − log π_old(a) is −β·sign(Δ)·(e_a − π): a coefficient.
        for (const i of selected) {
          const diff = logpNew[i] - tokens.logpOld[i];
          if (Math.abs(diff) <= KL_COV_DEAD_ZONE) continue;
          coef[i] -= p.coef * Math.sign(diff);
          penaltySum += p.coef * Math.abs(diff);
          penalised++;
        }
      },
      metrics: () => ({
        klCovFrac: frac,
        /** Share of selected token-epochs where the penalty had a gradient (0 on one on-policy epoch). */
        klCovActive: slots > 0 ? penalised / slots : 0,
        klCovPenalty: slots > 0 ? penaltySum / slots : 0,
      }),
    };
  },
};
