// A verl (volcengine/verl) config snippet for the lab's settings at LLM scale: the same
// algorithm and interventions under verl's own keys. Lab-scale ratios are much larger than
// the paper's (a lab batch holds hundreds of tokens, an LLM batch millions), so the snippet
// carries the paper values for Clip-Cov/KL-Cov and notes the lab's in comments.
import type { ExperimentConfig } from './config';

type Params = Record<string, unknown>;

const ADV_ESTIMATOR: Record<string, string> = { grpo: 'grpo', drgrpo: 'grpo', reinforce: 'rloo', ppo: 'gae', pg: 'reinforce_plus_plus', npg: 'reinforce_plus_plus' };

const num = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);

/** YAML text (comments included) for verl's trainer config. */
export function verlSnippet(config: ExperimentConfig): string {
  const algo = config.algorithm as unknown as Params;
  const ivs = config.interventions as unknown as Params[];
  const find = (type: string) => ivs.find((iv) => iv.type === type);
  const clipCov = find('clipCov');
  const klCov = find('klCov');
  const clipHigher = find('clipHigher');
  const bonus = find('entropyBonus');
  const lines: string[] = ['# verl config for this Entropy Lab experiment (LLM-scale values).', 'algorithm:', `  adv_estimator: ${ADV_ESTIMATOR[config.algorithm.type] ?? 'grpo'}`];
  if (config.algorithm.type === 'drgrpo') lines.push('  norm_adv_by_std_in_grpo: false  # Dr. GRPO: no std normalisation');
  lines.push('actor_rollout_ref:', '  rollout:', `    n: ${num(algo.groupSize, 8)}  # group size G`, '  actor:');
  lines.push(`    ppo_epochs: ${num(algo.epochs, 1)}`);
  const low = clipHigher ? num(clipHigher.epsLow, 0.2) : num(algo.clipLow, 0.2);
  const high = clipHigher ? num(clipHigher.epsHigh, 0.28) : num(algo.clipHigh, 0.2);
  lines.push(`    clip_ratio_low: ${low}`, `    clip_ratio_high: ${high}${clipHigher ? '  # clip-higher (DAPO)' : ''}`);
  lines.push(`    entropy_coeff: ${bonus ? num(bonus.coef, 0) : 0}`);
  const refKL = num(algo.refKL, 0);
  lines.push(`    use_kl_loss: ${refKL > 0}`);
  if (refKL > 0) lines.push(`    kl_loss_coef: ${refKL}`, '    kl_loss_type: low_var_kl');
  if (clipCov || klCov) {
    lines.push('    policy_loss:');
    if (clipCov) {
      lines.push(
        '      loss_mode: clip_cov  # verl registers the Clip-Cov loss as "clip_cov"',
        `      clip_cov_ratio: 0.0002  # paper value; this lab run used ${num(clipCov.ratio, 0.02)} of its few hundred tokens`,
        `      clip_cov_lb: ${num(clipCov.covLow, 1)}`,
        `      clip_cov_ub: ${num(clipCov.covHigh, 5)}`,
      );
    } else if (klCov) {
      lines.push(
        '      loss_mode: kl_cov',
        `      kl_cov_ratio: 0.0002  # verl's default; this lab run used ${num(klCov.ratio, 0.1)} of its few hundred tokens`,
        `      ppo_kl_coef: ${num(klCov.coef, 1)}  # β of the penalty, as in the lab`,
      );
    }
  } else {
    lines.push('    policy_loss:', '      loss_mode: vanilla');
  }
  const unmapped = ivs.filter((iv) => !['clipCov', 'klCov', 'clipHigher', 'entropyBonus'].includes(String(iv.type))).map((iv) => iv.type);
  if (unmapped.length) lines.push(`# Not expressible as verl options: ${unmapped.join(', ')} (see each paper's own code).`);
  return lines.join('\n') + '\n';
}
