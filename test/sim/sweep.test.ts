// Sweeps (issue 14): the cells a sweep file makes, its bad input named by field, the batch
// session's cell results against separate runs of each cell, and the dose–response of the
// entropy bonus under exact NPG on the softmax(μ/β) fixed point.
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { logSoftmaxTable } from '../../src/sim/policy';
import { parseSweep, type Sweep } from '../../src/sim/sweep';
import { CellBatchBackend, SweepSession, type BatchBackendFactory } from '../../src/sim/sweepSession';
import { runEnsemble } from './interventions/helpers';

type Raw = Record<string, unknown>;

function sweepOf(raw: Raw): Sweep {
  const r = parseSweep(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.sweep;
}

/** The batch schedule with CPU backends: all cells in lockstep, logits of every run at the end. */
const cpuBatch: BatchBackendFactory = async (configs) => new CellBatchBackend(configs.map((c) => new CpuBackend(c)), configs[0].runs);

async function runSweepToEnd(sweep: Sweep, stepsPerTick = 7, batch?: BatchBackendFactory) {
  const session = await SweepSession.create(sweep, async (c) => new CpuBackend(c), batch);
  const records = [];
  while (!session.done) records.push(...(await session.tick(stepsPerTick)).cellRecords);
  return { session, records };
}

const MEANS = [0.2, 0.4, 0.6, 0.8];
const bonusSweep = (betas: number[], steps: number): Raw => ({
  version: 1,
  steps,
  env: { type: 'bandit', arms: 4, means: MEANS },
  algorithm: { type: 'npg', mode: 'exact', lr: 0.5 },
  interventions: [{ type: 'entropyBonus', coef: betas[0] }],
  sweep: { axes: [{ path: 'interventions.0.coef', values: betas }] },
});

describe('sweep cells', () => {
  it('sets each axis value in the parsed config, row-major over two axes, keeping seed and runs', () => {
    const sweep = sweepOf({ version: 1, seed: 7, runs: 3, algorithm: { type: 'pg', mode: 'exact' }, sweep: { axes: [{ path: 'algorithm.lr', values: [0.1, 0.2] }, { path: 'env.means[1]', values: [0.5, 0.6, 0.7] }] } });
    expect(sweep.cells.map((c) => c.values)).toEqual([0.1, 0.2].flatMap((lr) => [0.5, 0.6, 0.7].map((m) => ({ 'algorithm.lr': lr, 'env.means[1]': m }))));
    expect(sweep.cells[4].config.algorithm.lr).toBe(0.2);
    expect((sweep.cells[4].config.env as { means: number[] }).means).toEqual([0.2, 0.6, 0.6, 0.8]);
    expect(sweep.cells.every((c) => c.config.seed === 7 && c.config.runs === 3)).toBe(true);
  });

  it('names the field of bad input: unknown or fixed path, non-number, too many cells or runs, an invalid cell', () => {
    const issues = (sweep: unknown, top: Raw = {}) => {
      const r = parseSweep({ version: 1, ...top, sweep });
      return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
    };
    const axis = (path: string, values: unknown[]) => ({ axes: [{ path, values }] });
    expect(issues(axis('interventions.0.coef', [1]))).toEqual([expect.stringMatching(/^sweep\.axes\[0\]\.path: "interventions\.0\.coef" is not a numeric field/)]);
    expect(issues(axis('algorithm.mode', [1]))).toEqual([expect.stringMatching(/^sweep\.axes\[0\]\.path: /)]);
    expect(issues(axis('steps', [10, 20]))).toEqual(['sweep.axes[0].path: steps is the same for every cell; set it at the top level']);
    expect(issues(axis('algorithm.lr', [0.1, 'x']))).toEqual(['sweep.axes[0].values[1]: expected a number, got "x"']);
    expect(issues(axis('algorithm.lr', []))).toEqual(['sweep.axes[0].values: expected a non-empty list of numbers']);
    expect(issues(axis('algorithm.lr', [0.1, -1]))).toEqual(['sweep.axes[0].values[1]: -1 gives an invalid config: algorithm.lr: must be ≥ 0, got -1']);
    const many = Array.from({ length: 101 }, (_, i) => i + 1);
    expect(issues({ axes: [{ path: 'algorithm.lr', values: many }, { path: 'seed', values: many.slice(0, 100) }] })).toEqual(['sweep.axes: 10100 cells; a sweep may have at most 10000']);
    expect(issues(axis('seed', many.slice(0, 10)), { runs: 10_000 })).toEqual(['runs: 10 cells × 10000 runs = 100000 runs; the lab runs at most 65536 at once']);
    expect(issues({ axes: [] })).toEqual(['sweep.axes: expected a list of 1 or 2 axes']);
    expect(issues({ axes: [{ path: 'algorithm.lr', values: [1] }], extra: 1 })).toEqual(['sweep.extra: unknown field']);
    expect(issues({ axes: [{ path: 'algorithm.lr', values: [1] }, { path: 'algorithm.lr', values: [2] }] })).toEqual(['sweep.axes[1].path: algorithm.lr is already an axis']);
  });
});

describe('sweep session', () => {
  const raw: Raw = {
    version: 1,
    steps: 23,
    runs: 3,
    env: { type: 'tokens', prompts: 4, vocab: 4, length: 2 },
    algorithm: { type: 'grpo', mode: 'sampled', lr: 1, groupSize: 4 },
    interventions: [{ type: 'entropyBonus', coef: 0.01 }],
    sweep: { axes: [{ path: 'interventions.0.coef', values: [0, 0.2] }, { path: 'algorithm.lr', values: [0.5, 1] }] },
  };

  it.each([
    ['cell after cell', undefined],
    ['in one batch', cpuBatch],
  ])('runs every cell as its own config would, seed for seed, and reports each cell’s statistics (%s)', async (_schedule, batch) => {
    const sweep = sweepOf(raw);
    const { session, records } = await runSweepToEnd(sweep, 7, batch);
    for (const cell of sweep.cells) {
      const alone = runEnsemble(cell.config as unknown as Raw).records;
      const mine = alone.map((_, r) => records.filter((x) => x.cell === cell.index && x.run === r).map(({ cell: _c, ...rest }) => rest));
      expect(mine).toEqual(alone);
      const result = session.cellResult(cell.index);
      const finals = alone.map((run) => run[run.length - 1]);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(result).toMatchObject({ type: 'cell', index: cell.index, values: cell.values, runs: 3 });
      expect(result.finalEntropy.mean).toBeCloseTo(mean(finals.map((r) => r.entropy)), 12);
      expect(result.finalReward.mean).toBeCloseTo(mean(finals.map((r) => r.reward)), 12);
      expect(result.meanEntropy.mean).toBeCloseTo(mean(alone.map((run) => mean(run.map((r) => r.entropy)))), 12);
      const sd = Math.sqrt(finals.reduce((a, r) => a + (r.entropy - result.finalEntropy.mean!) ** 2, 0) / 2);
      expect(result.finalEntropy.se).toBeCloseTo(sd / Math.sqrt(3), 12);
      expect(result.fit.n).toBe(3 * 23);
    }
  });

  it('gives the same cell results whatever the tick size and schedule, and finishes cells in order cell after cell', async () => {
    const sweep = sweepOf(raw);
    const a = (await runSweepToEnd(sweep, 1)).session.results();
    expect((await runSweepToEnd(sweep, 100)).session.results()).toEqual(a);
    expect((await runSweepToEnd(sweep, 5, cpuBatch)).session.results()).toEqual(a);
    const session = await SweepSession.create(sweep, async (c) => new CpuBackend(c));
    const finished: number[] = [];
    while (!session.done) finished.push((await session.tick(10), session.finishedCells));
    expect(finished).toEqual([0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4]);
  });
});

describe('entropy-bonus dose–response under exact NPG', () => {
  it('lands every cell on the fixed point π = softmax(μ/β) (NPG: Δz = η(A − β(log π + H)) = 0 there)', async () => {
    const betas = [0.05, 0.1, 0.2, 0.5, 1, 2];
    const sweep = sweepOf(bonusSweep(betas, 3000));
    let batchBackend: CellBatchBackend | undefined;
    const { session } = await runSweepToEnd(sweep, 500, async (configs) => (batchBackend = (await cpuBatch(configs)) as CellBatchBackend));
    sweep.cells.forEach((cell, i) => {
      const beta = cell.values['interventions.0.coef'];
      expect(beta).toBe(betas[i]);
      const logp = logSoftmaxTable(batchBackend!.logits(i), { rows: 1, actions: 4 });
      const target = logSoftmaxTable(Float64Array.from(MEANS, (m) => m / beta), { rows: 1, actions: 4 });
      logp.forEach((lp, a) => expect(Math.abs(lp - target[a]), `β = ${beta}, arm ${a}`).toBeLessThan(1e-9));
      const entropy = -target.reduce((s, lp) => s + Math.exp(lp) * lp, 0);
      expect(session.cellResult(i).finalEntropy.mean).toBeCloseTo(entropy, 8);
    });
    // The dose–response: more bonus, more entropy at the fixed point.
    const finals = session.results().map((c) => c.finalEntropy.mean!);
    finals.slice(1).forEach((h, i) => expect(h).toBeGreaterThan(finals[i]));
  });
});
