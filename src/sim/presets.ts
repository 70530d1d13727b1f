// Named experiments (design.md: `npm run sim -- <preset name>`; the UI's preset menu).
// Each is a partial config; parseConfig fills the defaults.

export interface Preset {
  id: string;
  title: string;
  description: string;
  config: Record<string, unknown>;
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
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
