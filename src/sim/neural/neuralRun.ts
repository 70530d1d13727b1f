// One run of a neural policy: its network (fitted to the configured initial policy) and one
// training step. The step reuses the tabular core's sampled stages (rollout from the logits
// table, advantages, interventions, clipped surrogate) to get each epoch's logit-space
// direction D = g + w π ⊙ u, back-propagates it through the network, and measures Δz by
// forward passes before and after the update.
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config';
import { isTokenEnvironment } from '../envs/tokens';
import { createRun } from '../experiment';
import { initialLogits, logSoftmaxTable } from '../policy';
import { allFinite, epochGradients, logitStep, makeContext, prepareSampledBatch, sampledStats, stepRecord, type RunSetup, type StepOutcome } from '../trainStep';
import { initialState, type RunState } from '../runState';
import type { Environment, PolicyShape } from '../types';
import { createAttentionNetwork } from './attentionNetwork';
import type { NeuralPolicyConfig } from './index';
import { createMlpNetwork } from './mlpNetwork';
import { ascendLogitDirection, distilToLogits, readLogits, writeWeights, type PolicyNetwork } from './network';
import { neuralStepMetrics } from './neuralMetrics';

export interface NeuralRun {
  setup: RunSetup;
  /** The policy before the next step; `logits` is the network's table (float32 values). */
  state: RunState;
  net: PolicyNetwork;
}

function createNetwork(policy: NeuralPolicyConfig, env: Environment, seed: number, run: number, outputScale: number): PolicyNetwork {
  if (policy.type === 'mlp') return createMlpNetwork(policy, env, seed, run, outputScale);
  if (!isTokenEnvironment(env)) throw new Error(`the attention policy needs the tokens environment, got ${env.type}`);
  return createAttentionNetwork(policy, env, seed, run, outputScale);
}

function everyRowUniform(logits: Float64Array, shape: PolicyShape): boolean {
  const k = shape.actions;
  for (let s = 0; s < shape.rows; s++) {
    for (let a = 1; a < k; a++) if (logits[s * k + a] !== logits[s * k]) return false;
  }
  return true;
}

/**
 * The run's network at step 0. `init` picks the target as for a table; a uniform target is
 * met exactly by a zero output layer, and `random` keeps seeded weights drawn per run (output
 * std × scale). Any other target is distilled for `pretrainSteps` from run 0's weights, once:
 * like the tabular env init, the "pretrained model" is the same for every run, so later runs
 * pass `pretrained` (run 0's weights, used only when fitting) instead of fitting again. The reference policy
 * (refKL) is the network at step 0.
 */
export async function createNeuralRun(config: ExperimentConfig, env: Environment, run: number, pretrained?: Float32Array): Promise<NeuralRun> {
  const policy = config.policy as NeuralPolicyConfig;
  const target = initialLogits(policy.init, env.shape, () => env.initialLogits(), config.seed, run);
  const fit = policy.init.type !== 'random' && !everyRowUniform(target, env.shape);
  const outputScale = policy.init.type === 'random' ? policy.init.scale : fit ? 1 : 0;
  const net = createNetwork(policy, env, config.seed, fit ? 0 : run, outputScale);
  if (fit && pretrained) writeWeights(net, pretrained);
  else if (fit) distilToLogits(net, target, policy.pretrainSteps, policy.pretrainLr);
  const logits = await readLogits(net);
  const { setup } = createRun(config, env, run);
  setup.refLogp = logSoftmaxTable(logits, env.shape);
  return { setup, state: initialState(env, logits, setup.refLogp), net };
}

/**
 * Advance the run by one sampled step. On divergence the weights go back to the last finite
 * policy and the outcome says why; no record with a non-finite number is produced.
 */
export async function neuralTrainStep(run: NeuralRun): Promise<StepOutcome> {
  const { setup, state: st, net } = run;
  const { env, params } = setup;
  const shape = env.shape;
  const ctx = makeContext(setup, st);
  for (const iv of setup.interventions) iv.beginStep?.(ctx);

  const sb = prepareSampledBatch(setup, st, ctx);
  const clipped = { low: 0, high: 0, dual: 0 };
  const dzTabular = new Float64Array(shape.rows * shape.actions);
  const snapshot = net.weights.map((w) => tf.clone(w));
  let logits = st.logits;
  let logp = st.logp;
  for (let epoch = 0; epoch < params.epochs; epoch++) {
    if (epoch > 0) {
      logits = await readLogits(net);
      logp = logSoftmaxTable(logits, shape);
    }
    const { g, u } = epochGradients(setup, ctx, sb, epoch, logits, logp, clipped);
    const direction = logitStep(shape, 'vanilla', sb.rowWeight, logp, g, u);
    for (let i = 0; i < direction.length; i++) dzTabular[i] += params.lr * direction[i];
    ascendLogitDirection(net, direction, params.lr);
  }
  const after = await readLogits(net);

  let outcome: StepOutcome;
  if (!allFinite(after)) {
    outcome = { ok: false, reason: `diverged at step ${st.step}: the network's logits became non-finite (learning rate ${params.lr} is too large for this update)` };
  } else {
    const dz = after.map((z, i) => z - st.logits[i]);
    const next = initialState(env, after, setup.refLogp);
    outcome = stepRecord(setup, st, next, dz, sampledStats(setup, sb, clipped));
    if (outcome.ok) {
      const extra = neuralStepMetrics(shape, st.logp, st.eval.visitation, sb.rowWeight, dz, dzTabular);
      const bad = Object.keys(extra).find((key) => !Number.isFinite(extra[key]));
      if (bad) outcome = { ok: false, reason: `diverged at step ${st.step}: ${bad} became non-finite` };
      else {
        for (const key in extra) outcome.record[key] = extra[key] + 0; // −0 → +0, as stepRecord does
        Object.assign(st, next, { step: st.step + 1 });
      }
    }
  }
  tf.tidy(() => {
    if (!outcome.ok) net.weights.forEach((w, i) => w.assign(snapshot[i]));
  });
  for (const t of snapshot) t.dispose();
  return outcome;
}
