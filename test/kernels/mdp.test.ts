// The tabular MDPs (chain, gridworld) on the WebGPU kernel against the CPU (issue 17), in Node
// on SwiftShader: the same episodes (identical batch rewards from the same counter-RNG draws,
// though episodes end at different times), the visitation-weighted entropy, exact J and
// covariance, and every other metric's ensemble mean within the badge's float32 tolerance at
// every step; the metrics the badge claims only in distribution (advantage-sign counts)
// checked that way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementClaim, compareRecords, distributionAgrees } from '../../src/kernels-wgsl/agreement';
import { describeDifferential, runDifferential } from '../../src/kernels-wgsl/differential';
import { mdpReturnsProblem, mdpTable } from '../../src/kernels-wgsl/train/mdp';
import { planTraining } from '../../src/kernels-wgsl/train/plan';
import { OUTCOME_WORDS } from '../../src/kernels-wgsl/train/layout';
import { gpuSupport } from '../../src/kernels-wgsl/train/support';
import { WebGpuBackend } from '../../src/kernels-wgsl/webgpuBackend';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { isMdpEnvironment } from '../../src/sim/envs/tabularMdp';
import { createEnvironment } from '../../src/sim/experiment';
import type { StepRecord } from '../../src/sim/types';
import { testGpu, type TestGpu } from './gpu';

let gpu: TestGpu;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => gpu?.device.destroy());

function config(raw: Record<string, unknown>): ExperimentConfig {
  const r = parseConfig({ version: 1, seed: 5, steps: 40, runs: 3, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

async function bothBackends(c: ExperimentConfig): Promise<[StepRecord[], StepRecord[]]> {
  const g = await WebGpuBackend.create(c, gpu.device);
  const records = await g.advance(c.steps);
  expect(g.name).toBe('webgpu');
  g.dispose();
  return [records, await new CpuBackend(c).advance(c.steps)];
}

const CASES: [string, Record<string, unknown>][] = [
  ['GRPO, chain', { env: { type: 'chain' }, algorithm: { type: 'grpo', lr: 1, groupSize: 8 } }],
  ['REINFORCE (leave-one-out) from random logits, 5-state chain', { env: { type: 'chain', length: 5 }, policy: { type: 'tabular', init: { type: 'random', scale: 1 } }, algorithm: { type: 'reinforce', lr: 0.5, groupSize: 8, baseline: 'loo' } }],
  ['sampled NPG + Lp-Reg + reference KL, 8-state chain', { env: { type: 'chain', length: 8 }, algorithm: { type: 'npg', mode: 'sampled', lr: 0.3, groupSize: 8, refKL: 0.05 }, interventions: [{ type: 'lpReg', threshold: 0.1, coef: 0.3 }] }],
  ['GRPO + Clip-Cov, gridworld', { env: { type: 'gridworld' }, algorithm: { type: 'grpo', lr: 1, groupSize: 8 }, interventions: [{ type: 'clipCov', ratio: 0.1, covLow: 0.05, covHigh: 5 }] }],
  // verl semantics on episodes of varying length: unbiased std, max(1, ⌊r·N⌋) per step's N, dual-clip.
  ['verl GRPO (dual-clip 3) + Clip-Cov, gridworld', { env: { type: 'gridworld' }, algorithm: { type: 'grpo', semantics: 'verl', lr: 1, groupSize: 8, clipRatioC: 3 }, interventions: [{ type: 'clipCov', ratio: 0.1, covLow: 0.05, covHigh: 5 }] }],
  ['verl Dr. GRPO (2 epochs) + KL-Cov, chain', { env: { type: 'chain' }, algorithm: { type: 'drgrpo', semantics: 'verl', lr: 1, groupSize: 8, epochs: 2 }, interventions: [{ type: 'klCov', ratio: 0.05 }] }],
  ['PPO + entropy bonus + clip-higher, 4×3 gridworld with a step cost', { env: { type: 'gridworld', width: 4, height: 3, stepCost: 0.02 }, algorithm: { type: 'ppo', lr: 0.5, groupSize: 8 }, interventions: [{ type: 'entropyBonus', coef: 0.02 }, { type: 'clipHigher', epsHigh: 0.3 }] }],
  ['Dr. GRPO + asymmetric advantages, 4×3 gridworld with a step cost', { env: { type: 'gridworld', width: 4, height: 3, stepCost: 0.02 }, algorithm: { type: 'drgrpo', lr: 0.5, groupSize: 8 }, interventions: [{ type: 'asymmetricAdvantage' }] }],
];

describe('MDPs on the webgpu backend vs the cpu', () => {
  it.each(CASES)('%s: same episodes, every metric within the claim at every step', async (_, raw) => {
    const c = config(raw);
    expect(gpuSupport(c)).toEqual({ ok: true });
    const [a, b] = await bothBackends(c);
    expect(a.length).toBe(b.length);
    expect(Object.keys(a[0])).toEqual(Object.keys(b[0]));
    const claim = agreementClaim(c);
    for (const [i, cpu] of b.entries()) {
      const g = a[i];
      expect([g.run, g.step]).toEqual([cpu.run, cpu.step]);
      // Identical episodes: one different action or transition moves the batch's mean return by ≥ 1e-3.
      expect(Math.abs(g.batchReward - cpu.batchReward), `batchReward at run ${cpu.run} step ${cpu.step}`).toBeLessThan(1e-6);
    }
    const comparison = compareRecords(a, b, claim);
    expect(comparison.disagreement).toBeUndefined();
    expect(comparison.shapeProblem).toBeUndefined();
    // The interventions with activity metrics acted (so their agreement is not 0 = 0).
    for (const key of ['asymPositiveFrac', 'lpRegRemovedMass', 'clipCovFrac', 'klCovActive']) if (key in b[0]) expect(Math.max(...b.map((r) => r[key] as number)), key).toBeGreaterThan(0.01);
    if (claim.inDistribution.length) {
      const d = distributionAgrees(a, b, c.runs, c.steps, claim.inDistribution);
      expect(d.agrees, d.worst).toBe(true);
    }
  });

  it('GRPO (4 epochs) + KL-Cov, chain: agrees as the badge claims (step by step until its sign(Δ log π) meets a collapsed row, then in distribution)', async () => {
    const c = config({ steps: 20, env: { type: 'chain' }, algorithm: { type: 'grpo', lr: 0.5, groupSize: 8, epochs: 4 }, interventions: [{ type: 'klCov', ratio: 0.1 }] });
    const result = await runDifferential(c, gpu.device);
    expect(result.accepted && result.agrees, describeDifferential(result)).toBe(true);
  });

  // Once refused as a drift of the asymmetric stage: plain PPO parts there too (step 29–34), with
  // the clip out of reach, so it is the epochs compounding float32 rounding, as the badge says.
  it.each([
    ['PPO (4 epochs) + asymmetric advantages', { interventions: [{ type: 'asymmetricAdvantage' }] }],
    ['PPO (4 epochs), the clip out of reach', { algorithm: { type: 'ppo', lr: 0.5, groupSize: 8, clipLow: 1, clipHigh: 100 } }],
  ])('%s, 24 runs of a 4×3 gridworld: agrees as the badge claims (step by step until a run parts, then in distribution)', async (_, over) => {
    const c = config({ steps: 60, runs: 24, env: { type: 'gridworld', width: 4, height: 3, stepCost: 0.02 }, algorithm: { type: 'ppo', lr: 0.5, groupSize: 8 }, ...over });
    expect(agreementClaim(c).stepwiseUntilCollapse).toBe(true);
    const result = await runDifferential(c, gpu.device);
    expect(result.accepted && result.agrees, describeDifferential(result)).toBe(true);
  });

  it('the episodes end at terminal states: the step token counts vary, and the kernel holds the horizon', () => {
    const c = config({ env: { type: 'chain', length: 4, horizon: 9 }, algorithm: { type: 'grpo', groupSize: 8 } });
    const env = createEnvironment(c);
    const plan = planTraining(c, env, 4);
    expect([plan.trajectories, plan.tokens, plan.params.maxLength]).toEqual([8, 72, 9]);
    const logp = new Float64Array(8).fill(Math.log(0.5));
    const lengths = new Set(Array.from({ length: 6 }, (_, step) => env.rollout({ samplingLogp: logp, groupIds: Int32Array.of(0), groupSize: 8, seed: 1, run: 0, step }).row.length));
    expect(lengths.size).toBeGreaterThan(1);
  });
});

describe('MDP tables and the returns rule', () => {
  it("lays out the chain's outcomes with the CPU's thresholds, and the gridworld's incoming transitions from non-terminal states", () => {
    const chain = createEnvironment(config({ env: { type: 'chain', length: 3, smallReward: 0.25 } }));
    if (!isMdpEnvironment(chain)) throw new Error('chain is an MDP');
    const { table, offsets } = mdpTable(chain.mdp);
    const floats = new Float32Array(table.buffer);
    // One outcome per (s, a), certain: threshold 2^24, probability 1; left pays 0.25 and goes to 0.
    expect(Array.from(table.subarray(offsets.outcomeStartOffset, offsets.outcomeStartOffset + 7))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([table[offsets.outcomeOffset], table[offsets.outcomeOffset + 1], floats[offsets.outcomeOffset + 2], floats[offsets.outcomeOffset + 3]]).toEqual([0, 2 ** 24, 0.25, 1]);
    expect(Array.from(table.subarray(offsets.terminalOffset, offsets.terminalOffset + 3))).toEqual([0, 0, 1]);
    // State 2 is terminal: its own transitions are nobody's incoming ones.
    const grid = createEnvironment(config({ env: { type: 'gridworld', width: 2, height: 2, slip: 0.2 } }));
    if (!isMdpEnvironment(grid)) throw new Error('gridworld is an MDP');
    const g = mdpTable(grid.mdp);
    const incoming = g.table[g.offsets.incomingStartOffset + 4];
    const fromNonTerminal = grid.mdp.outcomes.reduce((n, o, bin) => n + (grid.mdp.terminal[Math.floor(bin / 4)] ? 0 : o.next.length), 0);
    expect(incoming).toBe(fromNonTerminal);
    // Slip 0.2: the first outcome of (0, up) is "stay" with 0.8 + 0.05 + 0.05 (walls), threshold ceil(0.9·2^24).
    const o = grid.mdp.outcomes[0];
    expect(g.table[g.offsets.outcomeOffset + 1]).toBe(Math.ceil(o.prob[0] * 2 ** 24));
    // Each outcome carries its own probability too (exact mode's Q_h sums over them), OUTCOME_WORDS apart.
    const gFloats = new Float32Array(g.table.buffer);
    expect(o.prob.map((_, i) => gFloats[g.offsets.outcomeOffset + OUTCOME_WORDS * i + 3])).toEqual(o.prob.map(Math.fround));
  });

  it('refuses rewards whose float32 returns group episodes unlike float64, naming the fields', () => {
    expect(gpuSupport(config({ env: { type: 'chain', length: 10 }, algorithm: { type: 'grpo' } }))).toEqual({ ok: true });
    expect(gpuSupport(config({ env: { type: 'gridworld', stepCost: 0.05 }, algorithm: { type: 'grpo' } }))).toEqual({ ok: true });
    // Ten steps of 0.1 are 0.9999999999999999 in float64, other sums of them land on each other in float32.
    expect(gpuSupport(config({ env: { type: 'chain', length: 10, smallReward: 0.1 }, algorithm: { type: 'grpo' } }))).toEqual({ ok: false, reason: expect.stringMatching(/^env\.smallReward and env\.endReward: two episode returns are equal in float(32|64) but not in float(32|64)/) });
    expect(gpuSupport(config({ env: { type: 'gridworld', stepCost: 0.1 }, algorithm: { type: 'grpo' } }))).toMatchObject({ ok: false, reason: expect.stringContaining('env.goalReward, env.distractorReward and env.stepCost') });
    expect(gpuSupport(config({ env: { type: 'chain', smallReward: 1e-40 }, algorithm: { type: 'grpo' } }))).toMatchObject({ ok: false, reason: expect.stringContaining('reward 1e-40 is not a float32 number') });
    const chain = createEnvironment(config({ env: { type: 'chain', endReward: 1 + 2 ** -30, smallReward: 1 } }));
    if (!isMdpEnvironment(chain)) throw new Error('chain is an MDP');
    expect(mdpReturnsProblem(chain.mdp)).toMatch(/equal in float32 but not in float64/);
  });

  it('runs asymmetric advantages with several epochs on an MDP', () => {
    const c = config({ env: { type: 'gridworld' }, algorithm: { type: 'ppo' }, interventions: [{ type: 'asymmetricAdvantage' }] });
    expect(gpuSupport(c)).toEqual({ ok: true });
    expect(gpuSupport({ ...c, env: config({ env: { type: 'tokens' } }).env })).toEqual({ ok: true });
    expect(gpuSupport({ ...c, algorithm: { ...c.algorithm, epochs: 1 } })).toEqual({ ok: true });
  });

  it('refuses an MDP whose episodes could sample more tokens than the kernel holds', () => {
    expect(gpuSupport(config({ env: { type: 'chain', horizon: 4096, smallReward: 0.25 }, algorithm: { type: 'grpo', groupSize: 16 } }))).toMatchObject({ ok: false, reason: expect.stringContaining('65536 tokens per run') });
  });
});
