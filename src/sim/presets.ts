// Named experiments (design.md: `npm run sim -- <preset name>`; the UI's preset menu).
// Each is a partial config; parseConfig fills the defaults. Every claim a preset's text makes
// is checked on the preset's own output by test/sim/presetClaims.test.ts.

export interface Preset {
  id: string;
  title: string;
  description: string;
  /** For the `paper-*` presets: which settings differ from the paper's, and why. */
  paperDifferences?: string;
  config: Record<string, unknown>;
}

// The decoy token task behind the `paper-*` presets (science.md §6, findings 1, 4, 5, 7, 8):
// answer 0 is the likeliest and earns half credit, the rarer answers full credit. GRPO with 4
// inner epochs (as verl's mini-batches) collapses onto the decoy and plateaus; what keeps
// entropy lets runs find the full-credit answers later.
export const DECOY_TASK = {
  version: 1,
  steps: 600,
  runs: 16,
  env: { type: 'tokens', prompts: 16, vocab: 8, length: 3, zipf: 1, hardness: 0.3, answerRewards: [0.5, 1] },
  algorithm: { type: 'grpo', mode: 'sampled', lr: 1, groupSize: 8, epochs: 4 },
};

/** What every decoy preset does differently from the Entropy Mechanism paper's runs. */
const DECOY_DIFFERENCES =
  'A toy task instead of an LLM on maths: 16 prompts × 8 samples × 3 tokens = 384 tokens a step, where the paper\u2019s batches hold millions, so a fraction of the tokens selects far fewer here; plain gradient steps on the logits at lr 1 instead of Adam; 4 full-batch epochs in place of mini-batches; the summed token loss per prompt (seq-mean-token-sum) in place of token-mean, the same on fixed-length answers up to the step size';
/** The last of DECOY_DIFFERENCES, for the presets that leave dynamic sampling off. */
const NO_DYNAMIC_SAMPLING = 'no dynamic sampling, which the paper\u2019s scripts switch on';

/**
 * A decoy-task preset: the task with `interventions`, the algorithm's fields merged with `algorithm`
 * and `top` replacing top-level fields (a sweep's steps, runs and axes).
 */
export function decoyPreset(
  id: string,
  title: string,
  description: string,
  interventions: Record<string, unknown>[],
  differences = '',
  algorithm: Record<string, unknown> = {},
  top: Record<string, unknown> = {},
): Preset {
  return {
    id,
    title,
    description,
    paperDifferences: [differences, `${[DECOY_DIFFERENCES, ...(algorithm.dynamicSampling ? [] : [NO_DYNAMIC_SAMPLING])].join('; ')}.`].filter(Boolean).join(' '),
    config: { ...DECOY_TASK, ...top, algorithm: { ...DECOY_TASK.algorithm, ...algorithm }, interventions },
  };
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'bandit-pg',
    title: 'Bandit · exact policy gradient',
    description: 'Four Bernoulli arms, exact PG from the uniform policy: entropy falls as the best arm takes over.',
    config: { version: 1, steps: 200, env: { type: 'bandit', arms: 4, means: [0.2, 0.4, 0.6, 0.8] }, algorithm: { type: 'pg', mode: 'exact', lr: 0.5 } },
  },
  {
    id: 'bandit-npg',
    title: 'Bandit · exact natural policy gradient',
    description: 'The same bandit with NPG: every logit moves by η·A, so entropy collapses faster than under PG.',
    config: { version: 1, steps: 200, env: { type: 'bandit', arms: 4, means: [0.2, 0.4, 0.6, 0.8] }, algorithm: { type: 'npg', mode: 'exact', lr: 0.5 } },
  },
  {
    id: 'tokens-grpo-collapse',
    title: 'Token task · GRPO entropy collapse',
    description:
      '16 prompts, vocabulary 8, answers of length 4, G = 8, later tokens shared across prompts as in an LLM: entropy collapses within 50 steps and reward plateaus below what the prompts allow.',
    config: {
      version: 1,
      steps: 300,
      runs: 8,
      env: { type: 'tokens', prompts: 16, vocab: 8, length: 4, zipf: 1.5, hardness: 0.5, sharedSuffix: true },
      algorithm: { type: 'grpo', mode: 'sampled', lr: 1, groupSize: 8 },
    },
  },
  {
    id: 'contextual-reinforce',
    title: 'Contextual bandit · REINFORCE',
    description: 'Eight contexts of four arms, sampled REINFORCE with a leave-one-out baseline.',
    config: { version: 1, steps: 300, runs: 8, env: { type: 'contextual', contexts: 8, arms: 4 }, algorithm: { type: 'reinforce', lr: 1, groupSize: 8 } },
  },
  {
    id: 'chain-trap',
    title: 'Chain MDP · the exploration trap',
    description:
      'A ten-state chain under exact PG: the policy settles for the small reward by the start, 0.02 a step and 0.4 an episode, before it ever learns the far end pays 1; entropy keeps falling. (Six states are too few for the trap: the end is near enough to be found.)',
    config: { version: 1, steps: 400, env: { type: 'chain', length: 10 }, algorithm: { type: 'pg', mode: 'exact', lr: 1 } },
  },
  {
    id: 'gridworld-ppo',
    title: 'Gridworld · PPO',
    description: 'A slippery 5×5 grid with a near exit worth 0.3 and a far goal worth 1, trained with PPO.',
    config: { version: 1, steps: 300, runs: 8, env: { type: 'gridworld' }, algorithm: { type: 'ppo', lr: 0.5, groupSize: 16 } },
  },
  decoyPreset(
    'paper-decoy-grpo',
    'Decoy answers · GRPO plateaus',
    'A half-credit answer is the likeliest: GRPO collapses onto it, entropy below a tenth of its start by step 100, and reward stops near 0.62 although full credit is there to find (finding 1). Over all 600 steps R = −a·eᴴ + b fits with R² ≈ 0.79, just under the 0.8 the lab asks, as the long plateau piles its points in one spot; the fit on the first third still forecasts the final reward within 0.05 (finding 4, in part).',
    [],
  ),
  decoyPreset(
    'paper-decoy-clipcov',
    'Decoy answers · Clip-Cov',
    'Clip-Cov with r = 0.2 may drop 77 of the 384 tokens a step, far more than the covariance band holds (about 1 % of them), so it drops the whole band on most steps: a band filter, not a random fraction. Entropy stays up through the first 50 steps, then collapses as GRPO\u2019s does; reward passes the GRPO plateau (finding 5).',
    [{ type: 'clipCov', ratio: 0.2 }],
    'r = 0.2 where the paper uses 2e-4, which at 384 tokens drops no token under the lab\u2019s rounding and one under verl\u2019s; the PPO clip stays at 0.2, which the paper\u2019s Clip-Cov scripts widen; lab semantics (round(r·N), closed band, one selection per step).',
  ),
  decoyPreset(
    'paper-decoy-klcov',
    'Decoy answers · KL-Cov',
    'KL-Cov penalises drift on the fifth of tokens with the largest covariance, at twice the paper\u2019s β: entropy falls slowly and reward keeps rising past the GRPO plateau through the last 300 steps (finding 5).',
    [{ type: 'klCov', ratio: 0.2, coef: 2 }],
    'k = 0.2 and β = 2 where the paper uses k = 2e-3 (its scripts\u2019 k_percent = 0.2 is in percent) and β = 1: the KL-Cov sweep preset shows the paper\u2019s values leave this task\u2019s plateau as it is; lab semantics (k·N tokens ranked once per step, the PPO clip kept).',
  ),
  decoyPreset(
    'paper-bonus-explodes',
    'Decoy answers · a naive entropy bonus explodes',
    'An entropy bonus of 0.5 outweighs the reward signal: entropy climbs above where it started, to within 0.1 of ln V, and reward never leaves its starting level near 0.02 (finding 7).',
    [{ type: 'entropyBonus', coef: 0.5 }],
    'β = 0.5, chosen to show the failure: the paper adds no entropy bonus (verl\u2019s entropy_coeff is 0 by default).',
  ),
  decoyPreset(
    'paper-bonus-adaptive',
    'Decoy answers · an adaptive entropy bonus holds its target',
    'The bonus coefficient follows the entropy gap (SAC’s automatic temperature) with target 0.5 nats: entropy settles within 0.05 of it from step 50 on instead of exploding or collapsing, and reward passes the GRPO plateau (finding 7).',
    [{ type: 'adaptiveEntropy', target: 0.5 }],
    'The adaptive coefficient is SAC\u2019s, not the Entropy Mechanism paper\u2019s; its 0.5-nat target is the lab\u2019s choice.',
  ),
  decoyPreset(
    'paper-decoy-dynamic-sampling',
    'Decoy answers · DAPO dynamic sampling',
    'Groups whose 8 answers all score alike are dropped and up to 10 prompt batches are drawn to refill the batch (DAPO\u2019s filter_groups). Over the first 100 steps the batch trains on about twice GRPO\u2019s share of groups with a reward signal and reward ends above GRPO\u2019s plateau; but entropy collapses faster, and from step 100 on even 10 draws find no group with a signal on about 60 % of steps, as often as GRPO\u2019s single draw: dynamic sampling cannot create a signal that a collapsed policy no longer produces.',
    [],
    'maxDraws = 10 as the paper\u2019s scripts set max_num_gen_batches; when every draw is flat the lab trains on the flat groups, a step that changes nothing, where verl raises an error.',
    { dynamicSampling: true, maxDraws: 10 },
  ),
  decoyPreset(
    'paper-clipcov-paper-ratio',
    'Decoy answers · Clip-Cov at the paper’s ratio',
    'Clip-Cov with the paper’s r = 2·10⁻⁴ under verl’s rule drops max(1, ⌊r·N⌋) = 1 of the 384 tokens per epoch: reward ends where GRPO’s does under the same rules, within noise. Lab-scale batches need lab-scale ratios; the Clip-Cov sweep preset shows where it starts to act (finding 8).',
    [{ type: 'clipCov', ratio: 2e-4 }],
    'verl semantics with the paper\u2019s r = 2e-4 and band [1, 5]; the PPO clip stays at 0.2, which the paper\u2019s Clip-Cov scripts widen.',
    { semantics: 'verl' },
  ),
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
