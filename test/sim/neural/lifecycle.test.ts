// Lifecycle of the tfjs backend on tfjs's CPU backend: no tensor leaks over 1000 steps, a
// diverging run stops at its last finite policy, and checkpoints resume bit for bit.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { TfjsBackend } from '../../../src/sim/neural/tfjsBackend';
import { config, recordsOf } from './helpers';

const mlpRun = {
  seed: 11,
  steps: 1000,
  env: { type: 'contextual', contexts: 4, arms: 3 },
  policy: { type: 'mlp', hidden: [6], init: { type: 'random', scale: 1 } },
  algorithm: { type: 'ppo', lr: 0.3, groupSize: 4, epochs: 2, batchPrompts: 2, refKL: 0.01 },
  interventions: [{ type: 'entropyBonus', coef: 0.01 }],
};
const attentionRun = {
  seed: 11,
  steps: 1000,
  env: { type: 'tokens', prompts: 2, vocab: 3, length: 2 },
  policy: { type: 'attention', dModel: 4, heads: 1, mlpHidden: 4, pretrainSteps: 5 },
  algorithm: { type: 'grpo', lr: 0.3, groupSize: 4 },
  interventions: [{ type: 'entropyBonus', coef: 0.05 }],
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('tfjs backend lifecycle', () => {
  it('falls back to the CPU backend without navigator.gpu and says why', async () => {
    const c = config({ ...mlpRun, steps: 1 });
    const backend = await TfjsBackend.create(c);
    expect(backend.device).toBe('cpu');
    expect(backend.label).toMatch(/^tfjs · CPU/);
    expect(backend.label).toContain('WebGPU unavailable: this runtime has no WebGPU');
    expect(backend.label).toContain('WASM backend is not installed');
    backend.dispose();
    await expect(TfjsBackend.create(c, { device: 'webgpu' })).rejects.toThrow(/WebGPU backend unavailable/);
  });

  for (const [name, raw] of Object.entries({ mlp: mlpRun, attention: attentionRun })) {
    it(`keeps tf.memory().numTensors flat from step 10 to step 1000 (${name})`, async () => {
      const before = tf.memory().numTensors;
      const backend = await TfjsBackend.create(config(raw), { device: 'cpu' });
      await backend.advance(10);
      const after10 = tf.memory().numTensors;
      const rest = await backend.advance(990);
      expect(backend.step).toBe(1000);
      expect(rest.every((r) => Object.values(r).every(Number.isFinite))).toBe(true);
      // The update path ran (not only idle steps with all-equal rewards).
      expect(rest.filter((r) => r.stepRatio > 0).length).toBeGreaterThan(100);
      expect(tf.memory().numTensors).toBe(after10);
      backend.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('stops a diverging run at its last finite policy, weights included', async () => {
    // A float32 step of 1e39·g overflows the weights to ±Inf at once.
    const backend = await TfjsBackend.create(config({ ...mlpRun, steps: 5, algorithm: { type: 'reinforce', lr: 1e39, groupSize: 4 } }), { device: 'cpu' });
    const tensors = tf.memory().numTensors;
    const logitsBefore = backend.logits(0).slice();
    const records = await backend.advance(5);
    expect(records).toHaveLength(0);
    expect(backend.statuses()[0]).toMatchObject({ status: 'diverged' });
    expect(backend.statuses()[0].reason).toMatch(/diverged at step 0: .*non-finite/);
    expect(Array.from(backend.logits(0))).toEqual(Array.from(logitsBefore));
    const cp = backend.checkpoint();
    expect(cp.runs[0].weights!.every(Number.isFinite)).toBe(true);
    expect(tf.memory().numTensors).toBe(tensors);
    backend.dispose();
  });

  it('resumes from a checkpoint with the same numbers as an uninterrupted run', async () => {
    const c = config({ ...mlpRun, steps: 12, runs: 2 });
    const whole = await TfjsBackend.create(c, { device: 'cpu' });
    const first = await recordsOf(whole, 6);
    const cp = JSON.parse(JSON.stringify(whole.checkpoint()));
    const second = await recordsOf(whole, 6);
    whole.dispose();

    const fresh = await TfjsBackend.create(c, { device: 'cpu' });
    // Same config and seed, same numbers.
    expect(await recordsOf(fresh, 6)).toEqual(first);
    fresh.restore(cp);
    const resumed = await recordsOf(fresh, 6);
    expect(resumed).toEqual(second);
    expect(() => fresh.restore({ ...cp, runs: cp.runs.map((r: object) => ({ ...r, weights: undefined })) })).toThrow(/no network weights/);
    fresh.dispose();
  });
});
