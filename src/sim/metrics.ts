// The per-step record's metrics (design.md CLI contract): one catalog of names, labels and
// meanings that the CLI, CSV columns, UI legends and exports all share, plus pass@k.

export interface MetricInfo {
  key: string;
  label: string;
  description: string;
  /** The name verl logs the same quantity under, where one exists. */
  verl?: string;
  /** The name TRL's GRPOTrainer logs it under, where one exists. */
  trl?: string;
}

/** Core metrics in column order; intervention metrics follow, in the order they appear. */
export const METRICS: readonly MetricInfo[] = [
  { key: 'entropy', label: 'entropy H (nats)', description: 'Mean per-state policy entropy, weighted by visitation, before the update.', verl: 'actor/entropy', trl: 'entropy' },
  { key: 'reward', label: 'expected reward J', description: 'Exact expected reward of the policy before the update.', verl: 'critic/score/mean' },
  { key: 'covariance', label: 'covariance term', description: 'Cov_π(log π, Δz) of the update applied at this step, visitation-weighted.' },
  { key: 'predictedDeltaH', label: 'predicted ΔH', description: 'First-order entropy change: −covariance.' },
  { key: 'deltaH', label: 'measured ΔH', description: 'H after the update minus H before.' },
  { key: 'stepRatio', label: 'step ratio r', description: '(max Δz − min Δz)/π; r ≥ 1 leaves the first-order regime.' },
  { key: 'klRef', label: 'KL to initial policy', description: 'Visitation-weighted KL(π‖π_ref) to the initial policy.', verl: 'actor/kl_loss', trl: 'kl' },
  { key: 'passAt1', label: 'pass@1', description: 'Exact probability that one sample is correct.' },
  { key: 'passAtK', label: 'pass@k', description: 'Exact probability that at least one of k samples is correct.' },
  { key: 'batchReward', label: 'batch reward', description: 'Mean sampled reward of the batch.', verl: 'critic/rewards/mean', trl: 'reward' },
  { key: 'zeroStdFrac', label: 'frac zero-std groups', description: 'Fraction of groups whose rewards were all equal (no gradient).', trl: 'frac_reward_zero_std' },
  { key: 'clipFracLow', label: 'clip frac (low)', description: 'Fraction of token updates clipped at 1 − ε_low (negative advantage).', verl: 'actor/pg_clipfrac_lower', trl: 'clip_ratio/low_mean' },
  { key: 'clipFracHigh', label: 'clip frac (high)', description: 'Fraction of token updates clipped at 1 + ε_high (positive advantage).', verl: 'actor/pg_clipfrac', trl: 'clip_ratio/high_mean' },
  { key: 'tokenCovariance', label: 'token covariance', description: 'Batch estimate mean_i (log π(a_i) − mean)(Â_i − mean) used by Clip-Cov/KL-Cov.' },
  { key: 'batchPassAt1', label: 'batch pass@1', description: 'Unbiased pass@1 estimate from the sampled groups.' },
  { key: 'batchPassAtK', label: 'batch pass@k', description: 'Unbiased pass@k estimate 1 − C(n−c,k)/C(n,k) from the sampled groups.' },
  {
    key: 'tabularPredictedDeltaH',
    label: 'tabular predicted ΔH',
    description:
      'Neural policies: −Cov(log π, Δz_tab), where Δz_tab is the logit change a table would have made from the same batch (η times the summed per-epoch logit-space step). Its gap to predicted ΔH is what shared parameters add.',
  },
  {
    key: 'deltaZSpill',
    label: 'Δz spill-over',
    description:
      'Neural policies: share of the logit change (π-weighted variance per state, visitation-weighted) that landed on states the batch never visited. A table gives 0.',
  },
  {
    key: 'deltaZAlignment',
    label: 'Δz alignment',
    description: 'Neural policies: correlation (π- and visitation-weighted) between the network\u2019s logit change and the tabular one. A table gives 1; 0 when either is zero.',
  },
];

export function metricInfo(key: string): MetricInfo | undefined {
  return METRICS.find((m) => m.key === key);
}

/** 1 − C(n−c, k)/C(n, k) computed as a stable product (Chen et al., 2021, Codex). */
export function passAtK(n: number, c: number, k: number): number {
  if (n - c < k) return 1;
  let fail = 1;
  for (let i = n - c + 1; i <= n; i++) fail *= 1 - k / i;
  return 1 - fail;
}

/** Mean unbiased pass@k over groups of n samples, from per-trajectory correctness. */
export function passAtKEstimate(correct: Uint8Array, groups: number, n: number, k: number): number {
  let total = 0;
  for (let g = 0; g < groups; g++) {
    let c = 0;
    for (let i = 0; i < n; i++) c += correct[g * n + i];
    total += passAtK(n, c, k);
  }
  return groups > 0 ? total / groups : 0;
}
