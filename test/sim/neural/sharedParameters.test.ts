// What shared parameters change (theory against measurement): ΔH ≈ −Cov(log π, Δz) still
// holds for the logit change the network actually made, while the tabular prediction from the
// batch alone misses it, because the update spills onto states the batch never visited.
// Also the "pretrained" start: one fitted network shared by every run, close to the env's init.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { TokenEnvironment } from '../../../src/sim/envs/tokens';
import { CpuBackend } from '../../../src/sim/cpuBackend';
import { TfjsBackend } from '../../../src/sim/neural/tfjsBackend';
import { logSoftmaxTable, weightedMean } from '../../../src/sim/policy';
import { klDivergence } from '../../../src/sim/softmax';
import type { StepRecord } from '../../../src/sim/types';
import { config, recordsOf } from './helpers';

const tokens = { type: 'tokens', prompts: 4, vocab: 4, length: 3, zipf: 1, hardness: 0.3 };
const attention = { type: 'attention', dModel: 8, heads: 2, pretrainSteps: 100 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function meanOver(records: StepRecord[], f: (r: StepRecord) => number): number {
  return records.reduce((s, r) => s + f(r), 0) / records.length;
}

/** The actual-Δz prediction must beat the tabular one by a wide margin on steps that moved. */
function expectActualDeltaZExplainsEntropy(records: StepRecord[]): void {
  const moved = records.filter((r) => r.stepRatio > 1e-4);
  expect(moved.length).toBeGreaterThan(records.length / 2);
  const errActual = meanOver(moved, (r) => Math.abs(r.predictedDeltaH - r.deltaH));
  const errTabular = meanOver(moved, (r) => Math.abs(r.tabularPredictedDeltaH - r.deltaH));
  expect(errActual).toBeLessThan(0.4 * errTabular);
  expect(meanOver(moved, (r) => r.deltaZSpill)).toBeGreaterThan(0.2);
  expect(meanOver(moved, (r) => r.deltaZAlignment)).toBeLessThan(0.9);
}

/** Visitation-weighted KL(target ‖ π) over rows. */
function tableKl(env: TokenEnvironment, target: Float64Array, logits: Float64Array): number {
  const k = env.shape.actions;
  const lt = logSoftmaxTable(target, env.shape);
  const lp = logSoftmaxTable(logits, env.shape);
  const kl = Array.from({ length: env.shape.rows }, (_, s) => klDivergence(lt.subarray(s * k, s * k + k), lp.subarray(s * k, s * k + k), k));
  return weightedMean(kl, env.evaluate(lt).visitation);
}

describe('shared parameters', () => {
  it('MLP on shared random features: the law holds for the actual Δz, not the tabular one', async () => {
    const backend = await TfjsBackend.create(
      config({
        seed: 2,
        steps: 30,
        runs: 2,
        env: { type: 'contextual', contexts: 8, arms: 4 },
        policy: { type: 'mlp', features: 'random', featureDim: 3, hidden: [16], init: { type: 'random', scale: 1 } },
        algorithm: { type: 'grpo', lr: 0.1, groupSize: 8, batchPrompts: 2 },
      }),
      { device: 'cpu' },
    );
    expectActualDeltaZExplainsEntropy(await recordsOf(backend, 30));
    backend.dispose();
  });

  it('attention on the token task: the law holds for the actual Δz, not the tabular one', async () => {
    const backend = await TfjsBackend.create(
      config({ seed: 2, steps: 30, env: tokens, policy: attention, algorithm: { type: 'grpo', lr: 0.1, groupSize: 8, batchPrompts: 1 } }),
      { device: 'cpu' },
    );
    expectActualDeltaZExplainsEntropy(await recordsOf(backend, 30));
    backend.dispose();
  });

  it('an update on one prompt moves the first-token logits of the other prompts (a table leaves them)', async () => {
    const c = config({ seed: 4, steps: 1, env: tokens, policy: attention, algorithm: { type: 'reinforce', lr: 0.5, groupSize: 8, batchPrompts: 1 }, interventions: [{ type: 'entropyBonus', coef: 0.1 }] });
    const backend = await TfjsBackend.create(c, { device: 'cpu' });
    const env = backend.env as TokenEnvironment;
    const before = backend.logits(0).slice();
    const [record] = await backend.advance(1);
    const after = backend.logits(0);
    const V = env.shape.actions;
    const shift = (q: number) => {
      const row = env.rowIndex(q, 0, 0);
      return Math.max(...Array.from({ length: V }, (_, a) => Math.abs(after[row * V + a] - before[row * V + a])));
    };
    // Step 0 rolls out prompt 0 only.
    expect(shift(0)).toBeGreaterThan(1e-3);
    for (const q of [1, 2, 3]) expect(shift(q)).toBeGreaterThan(1e-4);
    expect(record.deltaZSpill).toBeGreaterThan(0);
    backend.dispose();

    const table = new CpuBackend(config({ ...c, policy: { type: 'tabular' }, backend: 'cpu' }));
    const tableBefore = table.logits(0).slice();
    table.advanceSync(1);
    const changedRows = new Set(Array.from(table.logits(0)).flatMap((z, i) => (z !== tableBefore[i] ? [Math.floor(i / V)] : [])));
    expect(changedRows.has(env.rowIndex(0, 0, 0))).toBe(true);
    for (const q of [1, 2, 3]) expect(changedRows.has(env.rowIndex(q, 0, 0))).toBe(false);
  });

  it('pretraining fits one network to the env init and shares it across runs; random init differs per run', async () => {
    const fitted = await TfjsBackend.create(config({ seed: 1, steps: 1, runs: 2, env: tokens, policy: attention, algorithm: { type: 'grpo' } }), { device: 'cpu' });
    const env = fitted.env as TokenEnvironment;
    const target = env.initialLogits();
    expect(Array.from(fitted.logits(1))).toEqual(Array.from(fitted.logits(0)));
    const uniform = new Float64Array(target.length);
    expect(tableKl(env, target, fitted.logits(0))).toBeLessThan(0.25 * tableKl(env, target, uniform));
    fitted.dispose();

    const random = await TfjsBackend.create(config({ seed: 1, steps: 1, runs: 2, env: tokens, policy: { ...attention, init: { type: 'random', scale: 1 } }, algorithm: { type: 'grpo' } }), { device: 'cpu' });
    expect(Array.from(random.logits(1))).not.toEqual(Array.from(random.logits(0)));
    random.dispose();

    const flat = await TfjsBackend.create(config({ seed: 1, steps: 1, env: tokens, policy: { ...attention, init: { type: 'uniform' } }, algorithm: { type: 'grpo' } }), { device: 'cpu' });
    expect(flat.logits(0).every((z) => z === 0)).toBe(true);
    flat.dispose();
  });
});
