// Builds the pieces of an experiment from a validated config: the environment (shared by
// all runs), and per run the algorithm setup, intervention instances and initial state.
import { ALGORITHMS } from './algorithms';
import type { ExperimentConfig } from './config';
import { ENVIRONMENTS } from './envs';
import { INTERVENTIONS } from './interventions';
import { initialLogits, logSoftmaxTable } from './policy';
import { policyLossOf } from './policyLoss';
import { initialState, type RunSetup, type RunState } from './trainStep';
import type { AlgorithmSpec, EnvSpec, Environment, InterventionSpec } from './types';

export function createEnvironment(config: ExperimentConfig): Environment {
  const spec = ENVIRONMENTS.find((s) => s.id === config.env.type) as EnvSpec;
  return spec.create(config.env, config.seed);
}

export function algorithmOf(config: ExperimentConfig): AlgorithmSpec {
  return ALGORITHMS.find((s) => s.id === config.algorithm.type) as AlgorithmSpec;
}

/** The run's setup and its state at step 0. */
export function createRun(config: ExperimentConfig, env: Environment, run: number): { setup: RunSetup; state: RunState } {
  const logits = initialLogits(config.policy.init, env.shape, () => env.initialLogits(), config.seed, run);
  const setup: RunSetup = {
    run,
    seed: config.seed,
    totalSteps: config.steps,
    env,
    algorithm: algorithmOf(config),
    params: config.algorithm,
    interventions: config.interventions.map((iv) => (INTERVENTIONS.find((s) => s.id === iv.type) as InterventionSpec).create(iv, env.shape)),
    refLogp: logSoftmaxTable(logits, env.shape),
    policyLoss: policyLossOf(config.algorithm.semantics, config.interventions.map((iv) => iv.type)),
  };
  return { setup, state: initialState(env, logits) };
}
