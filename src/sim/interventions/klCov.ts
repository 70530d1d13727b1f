// KL-Cov (Entropy Mechanism paper, arXiv 2505.22617): the top fraction k of tokens by covariance
// c_i get a penalty β_kl·|log π_θ(a_i) − log π_old(a_i)| in the inner epochs. On the first epoch
// π_θ = π_old, so with epochs = 1 it never acts (klCovActive = 0: shown, not hidden). The lab
// keeps the algorithm's ratio clip (verl's KL-Cov loss has none). Found at lab scale (token task,
// 4 epochs, 16 seeds): k = 0.1, β_kl = 1 gives entropy 0.44 vs GRPO's 0.33 at step 100, the same
// plateau by step 300; β_kl = 2 makes entropy explode (1.7, reward ≈ 0: the sign-only gradient
// overshoots at lr 1). The paper's k = 2e-3 selects 1 token of 512.
import { z } from 'zod';
import type { InterventionSpec } from '../types';
import { covarianceRankKey, tokenCovariances } from './tokenSignals';

/**
 * |Δ log π| up to this counts as unmoved (no penalty gradient). A Δ that is zero but for
 * rounding has a sign that is noise: a row whose coefficients cancel (7 tokens at Â = 1.07 and
 * one at −7.48 in a GRPO group) moves by 1e-16 in float64 and 0 in the GPU's float32, and a
 * ±β_kl coefficient on that noise would set the two runs apart.
 */
export const KL_COV_DEAD_ZONE = 1e-5;

const schema = z.strictObject({
  type: z.literal('klCov'),
  ratio: z.number().min(0).max(1).default(0.1).describe('k: fraction of tokens, highest covariance first, that get the penalty'),
  coef: z.number().min(0).finite().default(1).describe('β_kl: weight of |log π_θ − log π_old| on the selected tokens'),
});
export type KlCovParams = z.infer<typeof schema>;

export const spec: InterventionSpec<KlCovParams> = {
  id: 'klCov',
  label: 'KL-Cov',
  explanation:
    'Ranks the batch\u2019s tokens by how strongly their log-probability and advantage co-vary (the term that drives entropy down) and, for the top fraction k, adds a penalty on how far the policy has moved on that token since the rollout. The penalty only bites once the policy has moved, so it needs several passes (epochs) over each batch; with one on-policy pass it does nothing, which the lab reports rather than hides.',
  formula:
    '\\mathcal L_i = \\rho_i \\hat A_i - \\beta_{\\text{kl}}\\,\\big|\\log\\pi_\\theta(a_i) - \\log\\pi_{\\text{old}}(a_i)\\big|\\ \\ (i \\in \\text{top-}k \\text{ by } c_i),\\quad c_i = \\big(\\log\\pi_{\\text{old}}(a_i) - \\overline{\\log\\pi}\\big)\\big(\\hat A_i - \\overline{\\hat A}\\big)',
  citation: { title: 'The Entropy Mechanism of Reinforcement Learning for Reasoning Language Models', arxiv: '2505.22617' },
  stages: ['token-loss'],
  modes: ['sampled'],
  offPolicyOnly: true,
  schema,
  paperValues: { ratio: 2e-3, coef: 1 },
  create(p) {
    let selected = new Int32Array(0);
    let frac = 0;
    let penaltySum = 0;
    let penalised = 0;
    let epochs = 0;
    return {
      state: {},
      tokenWeights(_ctx, tokens) {
        // Rank at π_old, once per step (verl ranks with the current log π; equal on epoch 0),
        // on a 2^-12 grid of c: values apart only by rounding tie and go in token order, so the
        // float32 GPU picks the same tokens (rows whose logits are permutations of each other
        // have equal log π in float64 but a few ulp apart in float32).
        const key = tokenCovariances(tokens).map(covarianceRankKey);
        const order = Array.from(key.keys()).sort((a, b) => key[b] - key[a] || a - b);
        // round(k·N) rather than verl's max(1, ⌊k·N⌋), so that k = 0 selects nothing.
        selected = Int32Array.from(order.slice(0, Math.round(p.ratio * key.length)));
        frac = key.length > 0 ? selected.length / key.length : 0;
        penaltySum = 0;
        penalised = 0;
        epochs = 0;
      },
      tokenLoss(_ctx, tokens, _epoch, logpNew, coef) {
        epochs++;
        // ∇_z of −β|Δ| with Δ = log π_θ(a) − log π_old(a) is −β·sign(Δ)·(e_a − π): a coefficient.
        for (const i of selected) {
          const diff = logpNew[i] - tokens.logpOld[i];
          if (Math.abs(diff) <= KL_COV_DEAD_ZONE) continue;
          coef[i] -= p.coef * Math.sign(diff);
          penaltySum += p.coef * Math.abs(diff);
          penalised++;
        }
      },
      metrics: () => {
        const slots = selected.length * epochs;
        return {
          klCovFrac: frac,
          /** Share of selected token-epochs where the penalty had a gradient (0 on one on-policy epoch). */
          klCovActive: slots > 0 ? penalised / slots : 0,
          klCovPenalty: slots > 0 ? penaltySum / slots : 0,
        };
      },
    };
  },
};
