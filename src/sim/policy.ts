// Whole-table helpers for a tabular softmax policy: row-wise log-softmax, per-row entropy,
// visitation-weighted means, and the initial logits a config asks for.
import { z } from 'zod';
import { normal, RngStream, streamKey } from './rng';
import { log } from './portableMath';
import { entropyFromLogProbs, logSoftmax, probsFromLogProbs } from './softmax';
import type { PolicyShape } from './types';

export function logSoftmaxTable(logits: Float64Array, shape: PolicyShape, out = new Float64Array(logits.length)): Float64Array {
  const k = shape.actions;
  const row = new Float64Array(k);
  for (let s = 0; s < shape.rows; s++) out.set(logSoftmax(logits, row, s * k, k), s * k);
  return out;
}

/** π = exp(log π) of a whole table. */
export function probsTable(logp: Float64Array): Float64Array {
  return probsFromLogProbs(logp, new Float64Array(logp.length));
}

export function rowEntropies(logp: Float64Array, shape: PolicyShape, out = new Float64Array(shape.rows)): Float64Array {
  const k = shape.actions;
  for (let s = 0; s < shape.rows; s++) out[s] = entropyFromLogProbs(logp.subarray(s * k, (s + 1) * k), k);
  return out;
}

/** Σ_s w_s x_s / Σ_s w_s (0 when every weight is 0). */
export function weightedMean(x: ArrayLike<number>, w: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let s = 0; s < w.length; s++) {
    if (w[s] === 0) continue;
    num += w[s] * x[s];
    den += w[s];
  }
  return den > 0 ? num / den : 0;
}

export type PolicyInit =
  | { type: 'env' }
  | { type: 'uniform' }
  | { type: 'logits'; logits: number[] }
  | { type: 'probs'; probs: number[] }
  | { type: 'random'; scale: number };

/** The config's `policy.init` (tabular and neural policies alike). */
export const policyInitSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('env') }),
  z.strictObject({ type: z.literal('uniform') }),
  z.strictObject({ type: z.literal('logits'), logits: z.array(z.number().finite()).min(1) }),
  z.strictObject({ type: z.literal('probs'), probs: z.array(z.number().gt(0).max(1)).min(1) }),
  z.strictObject({ type: z.literal('random'), scale: z.number().min(0).finite().default(1) }),
]);

/**
 * Initial logits, rows·actions. `logits`/`probs` of length K apply to every row; of length
 * rows·K they give the whole table. `random` draws N(0, scale²) per run.
 */
export function initialLogits(init: PolicyInit, shape: PolicyShape, envInit: () => Float64Array, seed: number, run: number): Float64Array {
  const n = shape.rows * shape.actions;
  switch (init.type) {
    case 'env':
      return envInit();
    case 'uniform':
      return new Float64Array(n);
    case 'logits':
    case 'probs': {
      const src = init.type === 'logits' ? init.logits : init.probs.map((p) => log(p));
      return Float64Array.from({ length: n }, (_, i) => src[src.length === n ? i : i % shape.actions]);
    }
    case 'random': {
      const stream = streamKey(run, RngStream.INIT);
      return Float64Array.from({ length: n }, (_, i) => init.scale * normal(seed, stream, 0, i));
    }
  }
}
