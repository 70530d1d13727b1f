// What the tfjs backend needs from a policy network, and the operations every network shares:
// seeded weight initialisation, reading the logits table, the SGD step along a logit-space
// direction (back-propagated through the network) and the distillation toward initial logits.
// Float32 on whatever tfjs backend is active; only src/sim/neural imports tfjs.
import * as tf from '@tensorflow/tfjs';
import { normal, RngStream, streamKey } from '../rng';
import type { PolicyShape } from '../types';

export interface PolicyNetwork {
  readonly shape: PolicyShape;
  /** Trainable weights in a fixed order (checkpoints store them flattened in this order). */
  readonly weights: tf.Variable[];
  /** Every row's logits, [rows, K]. Call inside tf.tidy. */
  logits(): tf.Tensor2D;
  /** Frees the weights and the constant inputs. */
  dispose(): void;
}

/**
 * Hands out the weights of one run's network: N(0, std²) draws on the run's INIT stream, one
 * counter per tensor, so the same seed and architecture give the same weights on any backend.
 */
export class SeededWeights {
  readonly all: tf.Variable[] = [];
  private counter = 1;

  constructor(
    private readonly seed: number,
    private readonly run: number,
  ) {}

  normal(shape: number[], std: number): tf.Variable {
    const n = shape.reduce((a, b) => a * b, 1);
    const stream = streamKey(this.run, RngStream.INIT);
    const counter = this.counter++;
    const values = new Float32Array(n);
    if (std !== 0) for (let i = 0; i < n; i++) values[i] = std * normal(this.seed, stream, counter, i);
    const v = tf.tidy(() => tf.variable(tf.tensor(values, shape)));
    this.all.push(v);
    return v;
  }

  zeros(shape: number[]): tf.Variable {
    return this.normal(shape, 0);
  }
}

/** The logits table as float64, read asynchronously (webgpu has no cheap synchronous read). */
export async function readLogits(net: PolicyNetwork): Promise<Float64Array> {
  const t = tf.tidy(() => net.logits());
  const data = await t.data();
  t.dispose();
  return Float64Array.from(data);
}

/** All weights flattened in `net.weights` order. */
export async function readWeights(net: PolicyNetwork): Promise<Float32Array> {
  const parts = await Promise.all(net.weights.map((w) => w.data()));
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Overwrite the weights from a flattened copy (the inverse of readWeights). */
export function writeWeights(net: PolicyNetwork, flat: ArrayLike<number>): void {
  const total = net.weights.reduce((n, w) => n + w.size, 0);
  if (flat.length !== total) throw new Error(`expected ${total} network weights, got ${flat.length}`);
  let at = 0;
  tf.tidy(() => {
    for (const w of net.weights) {
      w.assign(tf.tensor(Float32Array.from({ length: w.size }, (_, i) => flat[at + i]), w.shape));
      at += w.size;
    }
  });
}

/**
 * One SGD step θ ← θ + η ∇_θ Σ_{s,a} D_{s,a} z_θ(s)_a along the logit-space direction D
 * (rows·K). For a table z = θ this is exactly Δz = η D, the tabular core's update; through
 * shared weights it moves every row's logits (first order: Δz = η J Jᵀ D, J = ∂z/∂θ).
 */
export function ascendLogitDirection(net: PolicyNetwork, direction: Float64Array, lr: number): void {
  if (lr === 0 || direction.every((x) => x === 0)) return;
  const { rows, actions } = net.shape;
  tf.tidy(() => {
    const d = tf.tensor2d(Float32Array.from(direction), [rows, actions]);
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(net.logits(), d)) as tf.Scalar, net.weights);
    for (const w of net.weights) w.assign(tf.add(w, tf.mul(grads[w.name], lr)));
  });
}

/**
 * "Pretraining": fit the network to target logits (rows·K) by `steps` Adam steps on the mean
 * cross-entropy −Σ_a softmax(target)_a log π_θ(a|s) over rows.
 */
export function distilToLogits(net: PolicyNetwork, target: Float64Array, steps: number, lr: number): void {
  const { rows, actions } = net.shape;
  const optimizer = tf.train.adam(lr);
  const targetProbs = tf.tidy(() => tf.softmax(tf.tensor2d(Float32Array.from(target), [rows, actions])));
  for (let i = 0; i < steps; i++) {
    tf.tidy(() => {
      optimizer.minimize(() => tf.losses.softmaxCrossEntropy(targetProbs, net.logits()) as tf.Scalar, false, net.weights);
    });
  }
  targetProbs.dispose();
  optimizer.dispose();
}

/** tanh or relu. */
export function activate(x: tf.Tensor, kind: 'tanh' | 'relu'): tf.Tensor {
  return kind === 'tanh' ? tf.tanh(x) : tf.relu(x);
}

/** Parameter-free layer norm over the last axis. */
export function layerNorm(x: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5)));
}
