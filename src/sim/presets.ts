// Named experiments (design.md: `npm run sim -- <preset name>`; the UI's preset menu).
// Each is a partial config; parseConfig fills the defaults.

export interface Preset {
  id: string;
  title: string;
  description: string;
  config: Record<string, unknown>;
}

// The decoy token task behind the `paper-*` presets (science.md §6, findings 5, 7, 8): answer 0 is
// the likeliest and earns half credit, the rarer answers full credit. GRPO with 4 inner epochs
// (as verl's mini-batches) collapses onto the decoy and plateaus near J = 0.62 by step 200
// (16 seeds); what keeps entropy lets runs find the full-credit answers later.
const DECOY_TASK = {
  version: 1,
  steps: 600,
  runs: 16,
  env: { type: 'tokens', prompts: 16, vocab: 8, length: 3, zipf: 1, hardness: 0.3, answerRewards: [0.5, 1] },
  algorithm: { type: 'grpo', mode: 'sampled', lr: 1, groupSize: 8, epochs: 4 },
};

function decoyPreset(id: string, title: string, description: string, interventions: Record<string, unknown>[]): Preset {
  return { id, title, description, config: { ...DECOY_TASK, interventions } };
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
    description: 'A six-state chain under exact PG: the policy settles for the small reward by the start before it ever learns the far end pays more.',
    config: { version: 1, steps: 400, env: { type: 'chain', length: 6 }, algorithm: { type: 'pg', mode: 'exact', lr: 1 } },
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
    'A half-credit answer is the likeliest: GRPO collapses onto it within 100 steps and reward stops near 0.62 although full credit is there to find (findings 1 and 4).',
    [],
  ),
  decoyPreset(
    'paper-decoy-clipcov',
    'Decoy answers · Clip-Cov',
    'The same task with Clip-Cov dropping the gradient of a fifth of the tokens in the covariance band: entropy stays up longer early and reward passes the GRPO plateau (finding 5).',
    [{ type: 'clipCov', ratio: 0.2 }],
  ),
  decoyPreset(
    'paper-decoy-klcov',
    'Decoy answers · KL-Cov',
    'KL-Cov penalises drift on the fifth of tokens with the largest covariance: entropy falls slowly and reward keeps rising past the GRPO plateau for hundreds of steps (finding 5).',
    [{ type: 'klCov', ratio: 0.2, coef: 2 }],
  ),
  decoyPreset(
    'paper-bonus-explodes',
    'Decoy answers · a naive entropy bonus explodes',
    'An entropy bonus of 0.5 outweighs the reward signal: entropy climbs above where it started, towards ln V, and reward falls to almost nothing (finding 7).',
    [{ type: 'entropyBonus', coef: 0.5 }],
  ),
  decoyPreset(
    'paper-bonus-adaptive',
    'Decoy answers · an adaptive entropy bonus holds its target',
    'The bonus coefficient follows the entropy gap (SAC’s automatic temperature) with target 0.5 nats: entropy settles there instead of exploding or collapsing, and reward passes the GRPO plateau (finding 7).',
    [{ type: 'adaptiveEntropy', target: 0.5 }],
  ),
  decoyPreset(
    'paper-clipcov-paper-ratio',
    'Decoy answers · Clip-Cov at the paper’s ratio',
    'Clip-Cov with the paper’s r = 2·10⁻⁴ drops round(r·N) = 0 of the 384 tokens a step here: the run is GRPO number for number. Lab-scale batches need lab-scale ratios (finding 8).',
    [{ type: 'clipCov', ratio: 2e-4 }],
  ),
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
