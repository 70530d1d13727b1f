// The MLP network for the (contextual) bandit: row s's features x_s → hidden layers →
// K logits, in the NTK parameterisation (each layer computes x W/√fan-in with W ~ N(0, gain²),
// Jacot et al. 2018), so an SGD step of rate η moves logits by O(η) as it does for a table.
// One-hot features make the first layer a lookup of its weight rows (fan-in 1); random
// features are seeded Gaussians shared by every run (stream CONTEXT).
import * as tf from '@tensorflow/tfjs';
import { normal, RngStream, streamKey } from '../rng';
import type { Environment } from '../types';
import type { MlpPolicyConfig } from './mlp';
import { activate, SeededWeights, type PolicyNetwork } from './network';

/** Seeded N(0, 1) context features, rows × dim, the same for every run of a seed. */
export function contextFeatures(rows: number, dim: number, seed: number): Float32Array {
  const stream = streamKey(0, RngStream.CONTEXT);
  return Float32Array.from({ length: rows * dim }, (_, i) => normal(seed, stream, 0, i));
}

/**
 * @param outputScale multiplies the output layer's initial std (0: every row starts uniform).
 */
export function createMlpNetwork(p: MlpPolicyConfig, env: Environment, seed: number, run: number, outputScale: number): PolicyNetwork {
  const shape = env.shape;
  const w = new SeededWeights(seed, run);
  const oneHot = p.features === 'onehot';
  const inputDim = oneHot ? shape.rows : p.featureDim;
  const features = oneHot ? undefined : tf.tensor2d(contextFeatures(shape.rows, p.featureDim, seed), [shape.rows, p.featureDim]);
  const gain = p.activation === 'relu' ? Math.SQRT2 : 1;
  const widths = [...p.hidden, shape.actions];
  const layers = widths.map((width, i) => {
    const fanIn = i === 0 ? inputDim : widths[i - 1];
    const isOutput = i === widths.length - 1;
    return {
      weight: w.normal([fanIn, width], isOutput ? outputScale : gain),
      bias: p.bias ? w.zeros([width]) : undefined,
      // A one-hot input selects a single weight: fan-in 1.
      scale: 1 / Math.sqrt(i === 0 && oneHot ? 1 : fanIn),
    };
  });

  return {
    shape,
    weights: w.all,
    logits() {
      // One-hot rows: e_s W = W[s], so the whole table's first pre-activation is W itself
      // (scaled by 1, which also keeps the result a new tensor, never the variable).
      let h: tf.Tensor | undefined = features;
      layers.forEach((layer, i) => {
        const weighted = tf.mul(h ? tf.matMul(h as tf.Tensor2D, layer.weight as tf.Tensor2D) : layer.weight, layer.scale);
        const pre = layer.bias ? tf.add(weighted, layer.bias) : weighted;
        h = i === layers.length - 1 ? pre : activate(pre, p.activation);
      });
      return h as tf.Tensor2D;
    },
    dispose() {
      features?.dispose();
      for (const v of w.all) v.dispose();
    },
  };
}
