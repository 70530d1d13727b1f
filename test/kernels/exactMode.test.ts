// Exact mode on the WebGPU kernel (issue 17, exact.wgsl) against the CPU's float64 reference,
// in Node on SwiftShader: every environment's exact advantages (bandits' arm means, the token
// task's answer sums, an MDP's backward induction over μ_h), both geometries, every
// intervention that has an exact mode and the reference KL; the record's fields are the CPU's
// and every metric's ensemble mean stays within the badge's float32 tolerance at every step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementClaim, compareRecords } from '../../src/kernels-wgsl/agreement';
import { gpuSupport } from '../../src/kernels-wgsl/train/support';
import { WebGpuBackend } from '../../src/kernels-wgsl/webgpuBackend';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { INTERVENTIONS } from '../../src/sim/interventions';
import { testGpu, type TestGpu } from './gpu';

let gpu: TestGpu;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => gpu?.device.destroy());

function config(raw: Record<string, unknown>): ExperimentConfig {
  const r = parseConfig({ version: 1, seed: 11, steps: 30, runs: 3, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

const random = { type: 'tabular', init: { type: 'random', scale: 1 } };
const CASES: [string, Record<string, unknown>][] = [
  ['PG, 6-armed bandit', { env: { type: 'bandit', arms: 6 }, algorithm: { type: 'pg', mode: 'exact', lr: 0.5 } }],
  ['NPG from random logits, 64 runs of a Gaussian bandit', { runs: 64, env: { type: 'bandit', reward: 'gaussian' }, policy: random, algorithm: { type: 'npg', mode: 'exact', lr: 0.3 } }],
  ['NPG + adaptive entropy, contextual bandit', { env: { type: 'contextual' }, policy: random, algorithm: { type: 'npg', mode: 'exact', lr: 0.3 }, interventions: [{ type: 'adaptiveEntropy' }] }],
  ['PG + AEPO, token task', { env: { type: 'tokens' }, algorithm: { type: 'pg', mode: 'exact', lr: 1 }, interventions: [{ type: 'aepo' }] }],
  ['NPG + Lp-Reg, token task with a shared suffix', { env: { type: 'tokens', sharedSuffix: true }, algorithm: { type: 'npg', mode: 'exact', lr: 0.2 }, interventions: [{ type: 'lpReg', threshold: 0.1, coef: 0.2 }] }],
  ['PG + SIREN, token task with partial credit', { env: { type: 'tokens', answerRewards: [0.5, 1] }, algorithm: { type: 'pg', mode: 'exact', lr: 1 }, interventions: [{ type: 'siren' }] }],
  ['PG + reference KL intervention, chain', { env: { type: 'chain' }, algorithm: { type: 'pg', mode: 'exact', lr: 1 }, interventions: [{ type: 'refKL' }] }],
  ['NPG + algorithm refKL + entropy bonus, slippery gridworld with a step cost', { env: { type: 'gridworld', slip: 0.2, stepCost: 0.02 }, algorithm: { type: 'npg', mode: 'exact', lr: 0.3, refKL: 0.05 }, interventions: [{ type: 'entropyBonus', coef: 0.02 }] }],
];

describe('exact mode on the webgpu backend vs the cpu', () => {
  it('covers every intervention that has an exact mode', () => {
    const exactCapable = INTERVENTIONS.filter((s) => s.modes.includes('exact')).map((s) => s.id);
    const covered = new Set(CASES.flatMap(([, raw]) => ((raw.interventions as { type: string }[] | undefined) ?? []).map((iv) => iv.type)));
    expect(exactCapable.filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(CASES)('%s: the CPU record fields, every metric within the claim at every step', async (_, raw) => {
    const c = config(raw);
    expect(gpuSupport(c)).toEqual({ ok: true });
    const g = await WebGpuBackend.create(c, gpu.device);
    const onGpu = await g.advance(c.steps);
    g.dispose();
    const onCpu = await new CpuBackend(c).advance(c.steps);
    expect(onGpu.length).toBe(c.runs * c.steps);
    const result = compareRecords(onGpu, onCpu, agreementClaim(c));
    expect(result.shapeProblem).toBeUndefined();
    expect(result.disagreement, JSON.stringify(result.worst)).toBeUndefined();
    // The runs learn: an exact step moves entropy every step, and the record says so.
    expect(onGpu.every((r) => r.deltaH !== 0)).toBe(true);
  });
});
