// Extreme inputs never leak NaN/Inf into records: logits ±1e4, arms of probability 0, lr = 0,
// one arm, huge learning rates, in exact and sampled mode; a run that diverges stops with a
// clear reason in the summary while the other runs finish.
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { runToEnd } from '../../src/sim/runner';
import type { StepRecord } from '../../src/sim/types';
import { parse } from './interventions/helpers';

type Raw = Record<string, unknown>;

async function run(raw: Raw) {
  const config = parse({ version: 1, steps: 20, runs: 2, ...raw });
  return runToEnd(config, new CpuBackend(config), { stepsPerTick: 7 });
}

function expectFinite(records: StepRecord[][]): void {
  for (const rec of records.flat()) for (const [key, v] of Object.entries(rec)) expect(Number.isFinite(v), key).toBe(true);
}

const extreme = { type: 'tabular', init: { type: 'logits', logits: [1e4, -1e4, 0, -1e4] } };
const algorithms: Raw[] = [
  { type: 'pg', mode: 'exact', lr: 0.5 },
  { type: 'npg', mode: 'exact', lr: 0.5 },
  { type: 'grpo', mode: 'sampled', lr: 1, groupSize: 4, epochs: 2 },
  { type: 'reinforce', lr: 1, groupSize: 4 },
  { type: 'npg', mode: 'sampled', lr: 1, groupSize: 4 },
  { type: 'ppo', mode: 'sampled', lr: 1, groupSize: 4, epochs: 3 },
  { type: 'drgrpo', mode: 'sampled', lr: 1, groupSize: 4 },
];

describe('robustness', () => {
  for (const algorithm of algorithms) {
    it(`${algorithm.type} (${algorithm.mode ?? 'sampled'}): logits ±1e4 with zero-probability arms stay finite`, async () => {
      const { records, summary } = await run({ env: { type: 'bandit', arms: 4 }, policy: extreme, algorithm });
      expectFinite(records);
      expect(summary.diverged).toEqual([]);
      expect(records[0]).toHaveLength(20);
      // Probability-0 arms are never sampled and the policy stays where it is.
      expect(records[0][19].entropy).toBeLessThan(1e-6);
    });
  }

  it('lr = 0 leaves the policy exactly unchanged', async () => {
    for (const algorithm of [{ type: 'pg', mode: 'exact', lr: 0 }, { type: 'grpo', mode: 'sampled', lr: 0, groupSize: 4 }]) {
      const { records } = await run({ env: { type: 'tokens', prompts: 3 }, algorithm });
      expectFinite(records);
      for (const rec of records.flat()) {
        expect(rec.deltaH).toBe(0);
        expect(rec.entropy).toBe(records[0][0].entropy);
      }
    }
  });

  it('one arm: entropy 0, nothing to learn, no NaN', async () => {
    for (const algorithm of algorithms) {
      const { records, summary } = await run({ env: { type: 'bandit', arms: 1 }, algorithm });
      expectFinite(records);
      expect(summary.diverged).toEqual([]);
      for (const rec of records.flat()) expect(rec.entropy).toBe(0);
    }
  });

  it('huge learning rates saturate the policy without a non-finite record', async () => {
    for (const lr of [1e6, 1e300]) {
      for (const algorithm of [{ type: 'npg', mode: 'exact', lr }, { type: 'grpo', mode: 'sampled', lr, groupSize: 4 }]) {
        const { records, summary } = await run({ env: { type: 'tokens', prompts: 3, sharedSuffix: true }, algorithm });
        expectFinite(records);
        for (const d of summary.diverged) expect(d.reason).toMatch(/diverged at step \d+: .*non-finite/);
        expect(JSON.stringify(summary)).not.toMatch(/NaN|Infinity/);
      }
    }
  });

  it('a run whose logits overflow stops with a clear reason in the summary', async () => {
    const { records, summary } = await run({
      env: { type: 'bandit', arms: 2, reward: 'gaussian', means: [1e300, -1e300] },
      algorithm: { type: 'npg', mode: 'exact', lr: 1e10 },
    });
    expectFinite(records);
    expect(records.every((recs) => recs.length < 20)).toBe(true);
    expect(summary.diverged).toHaveLength(2);
    for (const r of summary.perRun) {
      expect(r.status).toBe('diverged');
      expect(r.reason).toMatch(/^diverged at step \d+: the logits became non-finite \(learning rate 10000000000 is too large/);
    }
    expect(JSON.stringify(summary)).not.toMatch(/NaN|Infinity/);
  });
});
