// Node runs the kernels with Dawn's robustness off (cli/nodeGpu.ts); a browser keeps it on.
// Clamped and unchecked indexing give the same bits only when no access leaves its buffer,
// so the two must agree exactly on configs that reach every code path of the kernel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeGpu } from '../../src/cli/nodeGpu';
import { WebGpuBackend } from '../../src/kernels-wgsl/webgpuBackend';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';

async function device(robust: boolean): Promise<GPUDevice> {
  const { gpu, reason } = await nodeGpu({ robust });
  const adapter = await gpu?.requestAdapter();
  if (!adapter) throw new Error(`no WebGPU adapter in Node: ${reason ?? 'none offered'}`);
  return adapter.requestDevice();
}

let robust: GPUDevice;
let unchecked: GPUDevice;
beforeAll(async () => {
  robust = await device(true);
  unchecked = await device(false);
});
afterAll(() => {
  robust?.destroy();
  unchecked?.destroy();
});

function config(raw: Record<string, unknown>): ExperimentConfig {
  const r = parseConfig({ version: 1, seed: 5, steps: 30, runs: 5, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

const CASES: [string, Record<string, unknown>][] = [
  ['PPO + Clip-Cov + KL-Cov + Lp-Reg + entropy bonus, token task', { env: { type: 'tokens', prompts: 5, vocab: 7, length: 3 }, algorithm: { type: 'ppo', lr: 0.5, groupSize: 6, epochs: 3 }, interventions: [{ type: 'clipCov', ratio: 0.05 }, { type: 'klCov', ratio: 0.1 }, { type: 'lpReg', threshold: 0.1, coef: 0.3 }, { type: 'entropyBonus', coef: 0.01 }] }],
  ['GRPO + asymmetric advantages, shared suffix, prompts in batches', { env: { type: 'tokens', prompts: 6, vocab: 5, length: 4, sharedSuffix: true }, algorithm: { type: 'grpo', lr: 1, groupSize: 8, batchPrompts: 4 }, interventions: [{ type: 'asymmetricAdvantage' }] }],
  ['sampled NPG, Gaussian contextual bandit', { env: { type: 'contextual', contexts: 3, arms: 5, reward: 'gaussian' }, algorithm: { type: 'npg', mode: 'sampled', lr: 0.3, groupSize: 8 } }],
];

describe("Dawn's robustness on and off", () => {
  it.each(CASES)('%s: the same records and logits, bit for bit', async (_, raw) => {
    const c = config(raw);
    const [a, b] = [await WebGpuBackend.create(c, robust), await WebGpuBackend.create(c, unchecked)];
    const [ra, rb] = [await a.advance(c.steps), await b.advance(c.steps)];
    expect(ra.length).toBe(c.steps * c.runs);
    expect(rb).toEqual(ra);
    for (let run = 0; run < c.runs; run++) expect(b.logits(run)).toEqual(a.logits(run));
    a.dispose();
    b.dispose();
  });
});
