// The tiny causal transformer for the token task. A row (prompt, position t, previous token)
// is a two-slot sequence: [prompt embedding, embedding of the previous token (BOS at t = 0)
// plus position t]. Pre-norm layers of multi-head attention and a feed-forward block; the
// second slot's final state gives the next token's logits. NTK parameterisation as in
// mlpNetwork.ts (x W/√fan-in, W ~ N(0, gain²)). Rows shared across prompts (sharedSuffix)
// read a "no prompt" embedding, as the tabular task ignores the prompt there.
import * as tf from '@tensorflow/tfjs';
import type { TokenEnvironment } from '../envs/tokens';
import type { AttentionPolicyConfig } from './attention';
import { layerNorm, SeededWeights, type PolicyNetwork } from './network';

/** Per row: prompt id (P = none), previous token (V = BOS) and position. */
export function rowInputs(env: TokenEnvironment): { prompt: Int32Array; token: Int32Array; position: Int32Array } {
  const { prompts: P, vocab: V, length: L, sharedSuffix } = env.params;
  const rows = env.shape.rows;
  const prompt = new Int32Array(rows);
  const token = new Int32Array(rows);
  const position = new Int32Array(rows);
  for (let q = 0; q < P; q++) {
    for (let t = 0; t < L; t++) {
      for (let prev = 0; prev < (t === 0 ? 1 : V); prev++) {
        const row = env.rowIndex(q, t, prev);
        prompt[row] = t > 0 && sharedSuffix ? P : q;
        token[row] = t === 0 ? V : prev;
        position[row] = t;
      }
    }
  }
  return { prompt, token, position };
}

/** One-hot rows of `ids` over `depth` classes, as a float32 constant. */
function oneHotMatrix(ids: Int32Array, depth: number): tf.Tensor2D {
  return tf.tidy(() => tf.oneHot(tf.tensor1d(ids, 'int32'), depth).toFloat() as tf.Tensor2D);
}

export function createAttentionNetwork(p: AttentionPolicyConfig, env: TokenEnvironment, seed: number, run: number, outputScale: number): PolicyNetwork {
  const shape = env.shape;
  const { prompts: P, vocab: V, length: L } = env.params;
  const d = p.dModel;
  const h = p.heads;
  const dh = d / h;
  const rows = shape.rows;
  const w = new SeededWeights(seed, run);
  const inputs = rowInputs(env);
  // Embedding lookups as one-hot products: on tfjs's CPU backend a gather's gradient
  // (a segment sum) costs more than these small matrix products.
  const promptOneHot = oneHotMatrix(inputs.prompt, P + 1);
  const tokenOneHot = oneHotMatrix(inputs.token, V + 1);
  const positionOneHot = oneHotMatrix(inputs.position, L);

  const promptEmbedding = w.normal([P + 1, d], 1);
  const tokenEmbedding = w.normal([V + 1, d], 1);
  const positionEmbedding = w.normal([L, d], 1);
  const blocks = Array.from({ length: p.layers }, () => ({
    query: w.normal([d, d], 1),
    key: w.normal([d, d], 1),
    value: w.normal([d, d], 1),
    out: w.normal([d, d], 1),
    ff: p.mlpHidden > 0 ? { w1: w.normal([d, p.mlpHidden], Math.SQRT2), b1: w.zeros([p.mlpHidden]), w2: w.normal([p.mlpHidden, d], 1), b2: w.zeros([d]) } : undefined,
  }));
  // No output bias, as in LLM heads: a bias would add every visited row's update to all rows.
  const unembed = w.normal([d, shape.actions], outputScale);

  /** x W/√fan-in. */
  const dense = (x: tf.Tensor, weight: tf.Variable) => tf.mul(tf.matMul(x as tf.Tensor2D, weight as tf.Tensor2D), 1 / Math.sqrt(weight.shape[0]));
  const byHead = (x: tf.Tensor) => tf.reshape(x, [rows, h, dh]);
  const feedForward = (x: tf.Tensor, ff: NonNullable<(typeof blocks)[number]['ff']>) =>
    tf.add(x, tf.add(dense(tf.relu(tf.add(dense(layerNorm(x), ff.w1), ff.b1)), ff.w2), ff.b2));

  return {
    shape,
    weights: w.all,
    logits() {
      // The two slots are kept as separate [rows, d] tensors: with two positions, causal
      // attention is slot 0 → itself and slot 1 → softmax over (slot 0, slot 1).
      let x0: tf.Tensor = tf.matMul(promptOneHot, promptEmbedding);
      let x1: tf.Tensor = tf.add(tf.matMul(tokenOneHot, tokenEmbedding), tf.matMul(positionOneHot, positionEmbedding));
      blocks.forEach((b, layer) => {
        const n0 = layerNorm(x0);
        const n1 = layerNorm(x1);
        const q1 = byHead(dense(n1, b.query));
        const v0 = byHead(dense(n0, b.value));
        const v1 = byHead(dense(n1, b.value));
        const score = (k: tf.Tensor) => tf.div(tf.sum(tf.mul(q1, byHead(k)), -1, true), Math.sqrt(dh)); // [rows, h, 1]
        const weights = tf.softmax(tf.concat([score(dense(n0, b.key)), score(dense(n1, b.key))], -1)); // [rows, h, 2]
        const [w0, w1] = tf.split(weights, 2, -1);
        const mixed = tf.reshape(tf.add(tf.mul(w0, v0), tf.mul(w1, v1)), [rows, d]);
        x1 = tf.add(x1, dense(mixed, b.out));
        if (b.ff) x1 = feedForward(x1, b.ff);
        // Slot 0 only feeds later layers.
        if (layer < blocks.length - 1) {
          x0 = tf.add(x0, dense(tf.reshape(v0, [rows, d]), b.out));
          if (b.ff) x0 = feedForward(x0, b.ff);
        }
      });
      return dense(layerNorm(x1), unembed) as tf.Tensor2D;
    },
    dispose() {
      for (const t of [promptOneHot, tokenOneHot, positionOneHot, ...w.all]) t.dispose();
    },
  };
}
