// Builds the pieces of an experiment from a validated config: the environment (shared by
// all runs), and per run the algorithm setup, intervention instances and initial state.
import { algorithmSpec } from './algorithms';
import type { ExperimentConfig } from './config';
import { envSpec } from './envs';
import { interventionSpec } from './interventions';
import { initialLogits, logSoftmaxTable } from './policy';
import { policyLossOf } from './policyLoss';
import { initialState, type RunState } from './runState';
import type { RunSetup } from './trainStep';
import type { AlgorithmSpec, Environment } from './types';

export function createEnvironment(config: ExperimentConfig): Environment {
  return envSpec(config.env.type)!.create(config.env, config.seed);
}

export function algorithmOf(config: ExperimentConfig): AlgorithmSpec {
  return algorithmSpec(config.algorithm.type)!;
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
    interventions: config.interventions.map((iv) => interventionSpec(iv.type)!.create(iv, env.shape)),
    refLogp: logSoftmaxTable(logits, env.shape),
    policyLoss: policyLossOf(config.algorithm.semantics, config.interventions.map((iv) => iv.type)),
  };
  return { setup, state: initialState(env, logits, setup.refLogp) };
}
