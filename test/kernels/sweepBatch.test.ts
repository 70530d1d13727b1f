// A sweep's cells as one GPU ensemble (issue 17, cellBatch.ts): cells that differ only in the
// learning rate or the scale of random initial logits train in one kernel, each run with its own
// RunParams. In Node on SwiftShader: the batch gives every cell's records bit for bit as that
// cell alone on the GPU (sampled: the same streams, keyed by the run within the cell), exact
// mode agrees with the CPU's float64 within the badge's tolerance, a sweep session takes the
// batch and reports the same cells, and cells that differ in more stay cell by cell.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchBackend } from '../../src/kernels-wgsl';
import { agreementClaim, compareRecords } from '../../src/kernels-wgsl/agreement';
import { cellBatchProblem, runOrigins } from '../../src/kernels-wgsl/cellBatch';
import { WebGpuBackend } from '../../src/kernels-wgsl/webgpuBackend';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { parseSweep } from '../../src/sim/sweep';
import { SweepSession } from '../../src/sim/sweepSession';
import type { StepRecord } from '../../src/sim/types';
import { testGpu, type TestGpu } from './gpu';

let gpu: TestGpu;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => gpu?.device.destroy());

function config(raw: Record<string, unknown>): ExperimentConfig {
  const r = parseConfig({ version: 1, seed: 4, steps: 20, runs: 3, backend: 'webgpu', ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

/** Each cell alone on the GPU, its runs numbered as the batch numbers them (c·R + r). */
async function cellByCell(cells: readonly ExperimentConfig[]): Promise<StepRecord[]> {
  const out: StepRecord[] = [];
  for (const [c, cell] of cells.entries()) {
    const g = await WebGpuBackend.create(cell, gpu.device);
    for (const r of await g.advance(cell.steps)) out.push({ ...r, run: c * cell.runs + r.run });
    g.dispose();
  }
  return out;
}

const byRunStep = (a: StepRecord, b: StepRecord) => a.run - b.run || a.step - b.step;

describe('a sweep’s cells as one GPU ensemble', () => {
  it('takes cells that differ in lr and a random init’s scale only, and numbers run c·R + r as run r of cell c', () => {
    const random = (scale: number, lr: number) => config({ policy: { type: 'tabular', init: { type: 'random', scale } }, algorithm: { type: 'npg', mode: 'exact', lr } });
    expect(cellBatchProblem([random(1, 0.1), random(2, 0.5)])).toBeUndefined();
    expect(cellBatchProblem([config({ algorithm: { type: 'grpo', groupSize: 4 } }), config({ algorithm: { type: 'grpo', groupSize: 8 } })])).toBe("cell 1 differs from cell 0 in more than the learning rate and the initial logits' scale");
    expect(cellBatchProblem([config({ seed: 1 }), config({ seed: 2 })])).toMatch(/cell 1 differs/);
    const cells = [random(1, 0.1), random(2, 0.5)];
    expect(runOrigins(cells).map((o) => [cells.indexOf(o.config), o.run])).toEqual([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]]);
  });

  it('sampled GRPO over four learning rates: every cell’s records bit for bit as that cell alone on the GPU', async () => {
    const cells = [0.1, 0.5, 1, 2].map((lr) => config({ env: { type: 'tokens' }, algorithm: { type: 'grpo', lr, groupSize: 4 } }));
    const batch = await WebGpuBackend.createBatch(cells, gpu.device);
    const together = await batch.advance(20);
    expect(batch.name).toBe('webgpu');
    batch.dispose();
    expect(together.length).toBe(4 * 3 * 20);
    expect(together.sort(byRunStep)).toEqual((await cellByCell(cells)).sort(byRunStep));
  });

  it('exact NPG over learning rates × initial scales: each cell within the claim of its own CPU run', async () => {
    const cells = [0.5, 2].flatMap((scale) => [0.1, 0.4].map((lr) => config({ env: { type: 'contextual' }, policy: { type: 'tabular', init: { type: 'random', scale } }, algorithm: { type: 'npg', mode: 'exact', lr } })));
    const batch = await createBatchBackend(cells, { device: gpu.device });
    expect(batch?.name).toBe('webgpu');
    const together = await batch!.advance(20);
    batch!.dispose();
    for (const [c, cell] of cells.entries()) {
      const mine = together.filter((r) => Math.floor(r.run / 3) === c).map((r) => ({ ...r, run: r.run - 3 * c }));
      const result = compareRecords(mine, await new CpuBackend(cell).advance(20), agreementClaim(cell));
      expect(result.shapeProblem).toBeUndefined();
      expect(result.disagreement, `cell ${c}: ${JSON.stringify(result.worst)}`).toBeUndefined();
    }
    // The cells differ: a larger step moves entropy further.
    const finalEntropy = (c: number) => together.filter((r) => Math.floor(r.run / 3) === c && r.step === 19).reduce((s, r) => s + r.entropy, 0);
    expect(finalEntropy(1)).toBeLessThan(finalEntropy(0));
  });

  it('a sweep session trains its cells as one batch and reports each cell as cell after cell does; cells that differ in more stay cell by cell', async () => {
    const parsed = parseSweep({ version: 1, seed: 3, steps: 15, runs: 2, backend: 'webgpu', env: { type: 'bandit', arms: 4 }, algorithm: { type: 'grpo', groupSize: 4 }, sweep: { axes: [{ path: 'algorithm.lr', values: [0.2, 0.8, 1.6] }] } });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const perCell = async (c: ExperimentConfig) => WebGpuBackend.create(c, gpu.device);
    let batches = 0;
    const run = async (batch: boolean) => {
      const session = await SweepSession.create(parsed.sweep, perCell, batch ? async (cells) => (batches++, createBatchBackend(cells, { device: gpu.device })) : undefined);
      while (!session.done) await session.tick(5);
      expect(session.label).toMatch(batch ? /^WebGPU float32 \(.*\), all 3 cells at once$/ : /^WebGPU float32 \(/);
      const cells = parsed.sweep.cells.map((_, i) => session.cellResult(i));
      session.dispose();
      return cells;
    };
    expect(await run(true)).toEqual(await run(false));
    expect(batches).toBe(1);
    const different = [config({ algorithm: { type: 'grpo', groupSize: 4 } }), config({ algorithm: { type: 'grpo', groupSize: 8 } })];
    expect(await createBatchBackend(different, { device: gpu.device })).toBeUndefined();
  });
});
