// The tfjs backend on WebGPU in Node through the `webgpu` (Dawn) adapter, on SwiftShader where
// no GPU driver is installed: it is chosen automatically, labelled, and agrees with the tfjs
// CPU backend on the same seed (same samples, metrics within float32 tolerance).
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as TfModule from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../../../src/sim/config';
import type { StepRecord } from '../../../src/sim/types';
import type { TfjsBackend as TfjsBackendClass } from '../../../src/sim/neural/tfjsBackend';
import { config, maxGap } from './helpers';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let TfjsBackend: typeof TfjsBackendClass;
let tf: typeof TfModule;

beforeAll(async () => {
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  (globalThis as unknown as { navigator: unknown }).navigator = { gpu: create([]) };
  // tfjs registers its WebGPU backend on import, only if navigator.gpu exists by then.
  ({ TfjsBackend } = await import('../../../src/sim/neural/tfjsBackend'));
  tf = await import('@tensorflow/tfjs');
});

async function run(c: ExperimentConfig, device: 'cpu' | 'webgpu'): Promise<{ records: StepRecord[]; label: string; logits: Float64Array }> {
  const backend = await TfjsBackend.create(c, { device });
  const records = await backend.advance(c.steps);
  const out = { records, label: backend.label, logits: backend.logits(0).slice() };
  backend.dispose();
  return out;
}

function expectAgreement(cpu: StepRecord[], gpu: StepRecord[]): void {
  expect(gpu.map((r) => [r.run, r.step])).toEqual(cpu.map((r) => [r.run, r.step]));
  // Same uniforms and near-identical logits: the same actions and rewards.
  expect(maxGap(cpu, gpu, 'batchReward')).toBe(0);
  for (const key of ['entropy', 'reward', 'deltaH', 'predictedDeltaH', 'tabularPredictedDeltaH', 'klRef']) expect(maxGap(cpu, gpu, key)).toBeLessThan(1e-5);
}

describe('tfjs on WebGPU (Node, Dawn)', () => {
  it('is chosen automatically and named in the label', async () => {
    const c = config({ steps: 1, env: { type: 'bandit', arms: 3 }, policy: { type: 'mlp', hidden: [4] }, algorithm: { type: 'reinforce' } });
    const backend = await TfjsBackend.create(c, { device: 'auto' });
    expect(backend.device).toBe('webgpu');
    expect(backend.label).toMatch(/^tfjs · WebGPU/);
    backend.dispose();
  });

  it('agrees with the CPU backend: MLP on random features, PPO with two epochs', async () => {
    const c = config({
      seed: 3,
      steps: 8,
      env: { type: 'contextual', contexts: 6, arms: 4 },
      policy: { type: 'mlp', features: 'random', featureDim: 3, hidden: [8], activation: 'relu', init: { type: 'random', scale: 0.5 } },
      algorithm: { type: 'ppo', lr: 0.5, groupSize: 6, epochs: 2 },
    });
    const cpu = await run(c, 'cpu');
    const gpu = await run(c, 'webgpu');
    expect(cpu.label).toMatch(/CPU/);
    expectAgreement(cpu.records, gpu.records);
    expect(Math.max(...gpu.logits.map((z, i) => Math.abs(z - cpu.logits[i])))).toBeLessThan(1e-4);
  });

  it('agrees with the CPU backend: pretrained two-layer attention policy, GRPO', async () => {
    const c = config({
      seed: 5,
      steps: 5,
      env: { type: 'tokens', prompts: 3, vocab: 4, length: 3, zipf: 1 },
      policy: { type: 'attention', dModel: 8, heads: 2, layers: 2, mlpHidden: 8, pretrainSteps: 20 },
      algorithm: { type: 'grpo', lr: 0.5, groupSize: 6 },
      interventions: [{ type: 'entropyBonus', coef: 0.02 }],
    });
    const cpu = await run(c, 'cpu');
    const tensorsBefore = tf.memory().numTensors;
    const gpu = await run(c, 'webgpu');
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expectAgreement(cpu.records, gpu.records);
  });
});
