// The stages' state across steps (issue 17): a stage declares the keys of its CPU
// intervention's state; the GPU starts them from the CPU's create(…).state, checkpoint() returns
// them as interventionState, restore() writes them back, and a run that falls back to the CPU
// continues from them. Adaptive entropy's β is the case: restarting it from β_0 would show in
// every later step's entropyCoef.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementClaim, compareRecords } from '../../src/kernels-wgsl/agreement';
import { GPU_STAGES } from '../../src/kernels-wgsl/train/stages';
import { WebGpuBackend } from '../../src/kernels-wgsl/webgpuBackend';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { interventionSpec } from '../../src/sim/interventions';
import { testGpu, type TestGpu } from './gpu';

let gpu: TestGpu;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => gpu?.device.destroy());

function config(raw: Record<string, unknown>): ExperimentConfig {
  const r = parseConfig({ version: 1, seed: 5, steps: 24, runs: 3, env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'grpo', lr: 1, groupSize: 8 }, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

const adaptive = config({ interventions: [{ type: 'clipCov', ratio: 0.05 }, { type: 'adaptiveEntropy', target: 1.2, rate: 0.3, initialCoef: 0.02 }] });

describe('stage state', () => {
  it('every stage declares exactly its CPU intervention’s state keys, and only single stages have state', () => {
    for (const stage of GPU_STAGES) {
      const spec = interventionSpec(stage.id)!;
      const state = spec.create(spec.schema.parse({ type: stage.id }) as { type: string }, { rows: 3, actions: 4 }).state;
      expect(stage.state ?? [], stage.id).toEqual(Object.keys(state));
      if (stage.state?.length) expect(stage.single, stage.id).toBe(true);
    }
  });

  it('checkpoint() returns the state the CPU has at that step, and restore() resumes from it bit for bit', async () => {
    const g = await WebGpuBackend.create(adaptive, gpu.device, { readbackEvery: 5 });
    // Before a step: the CPU's create(…).state (β_0), in float32.
    expect(g.checkpoint().runs.map((r) => r.interventionState)).toEqual(Array.from({ length: adaptive.runs }, () => [{}, { coef: Math.fround(0.02) }]));
    await g.advance(12);
    const cp = g.checkpoint();
    const cpu = new CpuBackend(adaptive);
    await cpu.advance(12);
    cp.runs.forEach((run, r) => {
      const expected = cpu.checkpoint().runs[r].interventionState;
      expect(Object.keys(run.interventionState[1])).toEqual(['coef']);
      expect(run.interventionState[0]).toEqual({});
      expect(Math.abs(run.interventionState[1].coef - expected[1].coef)).toBeLessThan(1e-5);
      // β moved: a restore that lost it would restart from 0.02.
      expect(Math.abs(run.interventionState[1].coef - 0.02)).toBeGreaterThan(0.01);
    });
    const rest = await g.advance(12);
    const resumed = await WebGpuBackend.create(adaptive, gpu.device, { readbackEvery: 5 });
    resumed.restore(structuredClone(cp));
    expect(resumed.checkpoint()).toEqual(cp);
    expect(await resumed.advance(12)).toEqual(rest);
    // A checkpoint whose interventions differ (a fork) starts the state afresh, as the CPU does.
    resumed.restore({ ...cp, runs: cp.runs.map((r) => ({ ...r, interventionState: [] })) });
    expect(resumed.checkpoint().runs[0].interventionState[1]).toEqual({ coef: Math.fround(0.02) });
    g.dispose();
    resumed.dispose();
  });

  it('a device lost mid-run continues on the CPU from the stage state it had (entropyCoef agrees at every step)', async () => {
    const own = await testGpu();
    const g = await WebGpuBackend.create(adaptive, own.device, { readbackEvery: 4 });
    const first = await g.advance(10);
    own.device.destroy();
    const rest = await g.advance(14);
    expect(g.name).toBe('cpu');
    expect(g.notice).toMatch(/continued on the CPU from step 10/);
    const cpu = await new CpuBackend(adaptive).advance(adaptive.steps);
    const comparison = compareRecords([...first, ...rest], cpu, agreementClaim(adaptive));
    expect(comparison.shapeProblem).toBeUndefined();
    expect(comparison.worst.entropyCoef).toBeLessThanOrEqual(1);
    expect(comparison.worst.entropy).toBeLessThanOrEqual(1);
  });
});
