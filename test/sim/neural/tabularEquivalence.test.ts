// The tabular special case: a linear policy on one-hot inputs without bias is a table, and one
// SGD step on its weights along the logit-space direction D moves the logits by exactly η·D.
// So the tfjs path must reproduce the float64 CpuBackend trajectory up to float32 rounding,
// and report no spill-over and a tabular prediction equal to its own.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { CpuBackend } from '../../../src/sim/cpuBackend';
import { TfjsBackend } from '../../../src/sim/neural/tfjsBackend';
import { config, maxGap, recordsOf } from './helpers';

const STEPS = 30;
const env = { type: 'contextual', contexts: 4, arms: 3 };
const linear = { type: 'mlp', hidden: [], bias: false, features: 'onehot' };

const CASES: Record<string, { algorithm: object; interventions: object[]; acted?: string[] }> = {
  'GRPO on half the contexts per step': { algorithm: { type: 'grpo', lr: 0.5, groupSize: 8, batchPrompts: 2 }, interventions: [] },
  'PPO, 3 epochs, clip-higher, reference KL and an entropy bonus': {
    algorithm: { type: 'ppo', lr: 0.5, groupSize: 6, epochs: 3, clipHigh: 0.28, refKL: 0.05 },
    interventions: [{ type: 'entropyBonus', coef: 0.03 }],
  },
  'Dr. GRPO': { algorithm: { type: 'drgrpo', lr: 1, groupSize: 4 }, interventions: [] },
  // Every token-level hook stage: advantages, token weights, per-epoch clip bounds, token loss.
  'GRPO, 3 epochs, asymmetric advantages, Clip-Cov, BAPO and KL-Cov': {
    algorithm: { type: 'grpo', lr: 0.5, groupSize: 8, epochs: 3 },
    interventions: [{ type: 'asymmetricAdvantage' }, { type: 'clipCov', ratio: 0.1, covLow: 0 }, { type: 'bapo' }, { type: 'klCov', ratio: 0.2 }],
    acted: ['asymPositiveFrac', 'clipCovFrac', 'klCovFrac', 'clipFracLow'],
  },
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('linear one-hot policy = tabular policy', () => {
  for (const [name, { acted, ...spec }] of Object.entries(CASES)) {
    it(`reproduces the tabular trajectory: ${name}`, async () => {
      const base = { seed: 7, steps: STEPS, runs: 2, env, ...spec };
      const cpu = new CpuBackend(config({ ...base, backend: 'cpu' }));
      const table = cpu.advanceSync(STEPS);
      const backend = await TfjsBackend.create(config({ ...base, policy: linear }), { device: 'cpu' });
      const net = await recordsOf(backend, STEPS);
      expect(net).toHaveLength(table.length);
      expect(net.map((r) => [r.run, r.step])).toEqual(table.map((r) => [r.run, r.step]));
      // Same samples: identical batch statistics.
      for (const key of ['batchReward', 'zeroStdFrac', 'clipFracLow', 'clipFracHigh']) expect(maxGap(net, table, key)).toBe(0);
      // Every metric of the table's records, interventions' included.
      for (const key of Object.keys(table[0])) expect(maxGap(net, table, key), key).toBeLessThan(1e-6);
      for (let run = 0; run < 2; run++) {
        const gap = Math.max(...backend.logits(run).map((z, i) => Math.abs(z - cpu.logits(run)[i])));
        expect(gap).toBeLessThan(1e-5);
      }
      // The update really moved the policy (the comparison is not between two idle runs),
      // and each intervention acted on some step.
      expect(table[0].entropy - table[table.length - 1].entropy).toBeGreaterThan(0.05);
      for (const key of acted ?? []) expect(table.some((r) => r[key] > 0), key).toBe(true);
      for (const r of net) {
        expect(r.deltaZSpill).toBe(0);
        expect(Math.abs(r.tabularPredictedDeltaH - r.predictedDeltaH)).toBeLessThan(1e-5);
        if (r.stepRatio > 1e-3) expect(r.deltaZAlignment).toBeGreaterThan(0.9999);
      }
      backend.dispose();
    });
  }

  it('a shared bias couples the contexts: logits of unsampled contexts move', async () => {
    const base = { seed: 7, steps: 10, env, ...CASES['GRPO on half the contexts per step'] };
    const backend = await TfjsBackend.create(config({ ...base, policy: { ...linear, bias: true } }), { device: 'cpu' });
    const records = await recordsOf(backend, 10);
    const moved = records.filter((r) => r.stepRatio > 1e-3);
    expect(moved.length).toBeGreaterThan(5);
    for (const r of moved) expect(r.deltaZSpill).toBeGreaterThan(1e-4);
    backend.dispose();
  });
});
