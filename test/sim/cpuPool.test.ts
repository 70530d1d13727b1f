// The CPU backend across worker threads (src/sim/cpuPool.ts with src/cli/nodeThreads.ts) against
// the single-threaded CpuBackend, bit for bit: records, statuses, logits and checkpoints, over
// uneven splits and more threads than runs, advanced in ticks, through a checkpoint and restore,
// and with a run that diverges. A worker that dies fails the backend with its reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCpuThreads } from '../../src/cli/nodeThreads';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { createCpuBackend, PooledCpuBackend, shardRanges } from '../../src/sim/cpuPool';
import type { CpuThreads } from '../../src/sim/cpuShard';
import type { Backend, Checkpoint, StepRecord } from '../../src/sim/types';
import { parse } from './interventions/helpers';

type Raw = Record<string, unknown>;

const CASES: [string, Raw, number][] = [
  ['exact bandit, 5 runs on 2 threads', { runs: 5, env: { type: 'bandit', arms: 4 }, policy: { type: 'tabular', init: { type: 'random', scale: 1 } }, algorithm: { type: 'pg', mode: 'exact', lr: 0.5 } }, 2],
  [
    'sampled token GRPO with Clip-Cov, KL-Cov and an entropy bonus, 7 runs on 3 threads',
    { runs: 7, env: { type: 'tokens', prompts: 6, vocab: 5, length: 3 }, algorithm: { type: 'grpo', lr: 1, batchPrompts: 4, epochs: 2 }, interventions: [{ type: 'clipCov', ratio: 0.2 }, { type: 'klCov', ratio: 0.2 }, { type: 'entropyBonus', coef: 0.02 }] },
    3,
  ],
  ['the chain MDP with REINFORCE, 3 runs on 4 threads', { runs: 3, env: { type: 'chain', length: 5 }, algorithm: { type: 'reinforce', lr: 1 } }, 4],
  ['an adaptive entropy bonus on the gridworld (intervention state), 4 runs on 3 threads', { runs: 4, env: { type: 'gridworld' }, algorithm: { type: 'ppo', lr: 0.5 }, interventions: [{ type: 'adaptiveEntropy', target: 0.5 }] }, 3],
  ['exact NPG whose runs diverge, 3 runs on 2 threads', { runs: 3, steps: 12, env: { type: 'bandit', arms: 4 }, policy: { type: 'tabular', init: { type: 'random', scale: 1 } }, algorithm: { type: 'npg', mode: 'exact', lr: 1e308 } }, 2],
];

let threads: (count: number) => CpuThreads;
beforeAll(async () => {
  const node = await nodeCpuThreads(1);
  threads = (count) => ({ ...node, count });
});

const open: Backend[] = [];
afterAll(() => open.forEach((b) => b.dispose()));

async function pooled(raw: Raw, count: number): Promise<Backend> {
  const backend = await createCpuBackend(parse({ version: 1, steps: 20, ...raw }), threads(count));
  open.push(backend);
  return backend;
}

/** Advance in ticks of `tick` steps until every run stops. */
async function drain(backend: Backend, tick: number): Promise<StepRecord[]> {
  const out: StepRecord[] = [];
  for (;;) {
    const records = await backend.advance(tick);
    out.push(...records);
    if (records.length === 0) return out;
  }
}

function everything(backend: Backend, runs: number) {
  return { statuses: backend.statuses(), step: backend.step, checkpoint: backend.checkpoint(), logits: Array.from({ length: runs }, (_, r) => backend.logits(r)) };
}

describe('shardRanges', () => {
  it('splits runs into contiguous ranges whose sizes differ by at most one, never empty', () => {
    expect(shardRanges(7, 3)).toEqual([
      { first: 0, count: 3 },
      { first: 3, count: 2 },
      { first: 5, count: 2 },
    ]);
    expect(shardRanges(3, 8)).toEqual([0, 1, 2].map((first) => ({ first, count: 1 })));
    expect(shardRanges(1024, 2)).toEqual([
      { first: 0, count: 512 },
      { first: 512, count: 512 },
    ]);
  });
});

describe('the CPU pool', () => {
  for (const [name, raw, count] of CASES) {
    it(`gives the single-threaded numbers bit for bit: ${name}`, async () => {
      const config = parse({ version: 1, steps: 20, ...raw });
      const single = new CpuBackend(config);
      const expected = await drain(single, 6);
      const backend = await pooled(raw, count);
      expect(backend).toBeInstanceOf(PooledCpuBackend);
      expect(backend.label).toBe(`CPU (float64, ${Math.min(count, config.runs)} threads)`);
      expect(await drain(backend, 6)).toEqual(expected);
      expect(everything(backend, config.runs)).toEqual(everything(single, config.runs));
    });
  }

  it('resumes from a checkpoint (its own, through JSON) to the uninterrupted numbers', async () => {
    const [, raw] = CASES[1];
    const config = parse({ version: 1, steps: 20, ...raw });
    const whole = new CpuBackend(config);
    await whole.advance(8);
    const uninterrupted = await drain(whole, 5);

    const first = await pooled(raw, 3);
    await first.advance(8);
    const saved = JSON.parse(JSON.stringify(first.checkpoint())) as Checkpoint;
    await first.advance(5); // moves on past the checkpoint, then goes back to it
    first.restore(saved);
    expect(first.step).toBe(8);
    const tail = await drain(first, 5);
    expect(tail).toEqual(uninterrupted);
    // Through JSON (as a checkpoint file goes), where a −0 logit comes back as +0.
    expect(JSON.stringify(everything(first, config.runs))).toBe(JSON.stringify(everything(whole, config.runs)));
  });

  it('stays single-threaded for one run or one thread', async () => {
    const [, raw] = CASES[0];
    expect(await pooled({ ...raw, runs: 1 }, 4)).toBeInstanceOf(CpuBackend);
    expect(await pooled(raw, 1)).toBeInstanceOf(CpuBackend);
  });

  it('fails with the reason when a worker dies', async () => {
    const dying: CpuThreads = {
      count: 2,
      spawn: () => {
        let fail: (message: string) => void = () => undefined;
        return { post: () => queueMicrotask(() => fail('out of memory')), onReply: () => undefined, onFailure: (f) => (fail = f), terminate: () => undefined };
      },
    };
    await expect(createCpuBackend(parse({ version: 1, steps: 5, ...CASES[0][1] }), dying)).rejects.toThrow('a CPU worker stopped (out of memory)');
  });
});
