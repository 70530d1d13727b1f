// Exact mode reads none of SAMPLED_ONLY_FIELDS (the settings hide them there): changing any of
// them leaves an exact run's records bit for bit the same, while refKL, which exact mode does
// read, changes them.
import { describe, expect, it } from 'vitest';
import { SAMPLED_ONLY_FIELDS } from '../../src/sim/algorithms/base';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { runToEnd } from '../../src/sim/runner';

const CHANGED: Record<string, unknown> = { groupSize: 3, batchPrompts: 1, epochs: 4, clipLow: 0.05, clipHigh: 0.9, baseline: 'none' };

async function records(raw: Record<string, unknown>): Promise<unknown> {
  const parsed = parseConfig(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const config: ExperimentConfig = parsed.config;
  return (await runToEnd(config, new CpuBackend(config))).records;
}

describe('exact mode and the sampled-only fields', () => {
  it('names every field the test changes', () => {
    expect(Object.keys(CHANGED).sort()).toEqual([...SAMPLED_ONLY_FIELDS].sort());
  });

  for (const [type, env] of [
    ['pg', { type: 'bandit', arms: 4, means: [0.2, 0.4, 0.6, 0.8] }],
    ['npg', { type: 'chain', length: 4 }],
  ] as const) {
    it(`${type} on ${env.type}: each sampled-only field changes nothing, refKL changes the run`, async () => {
      const base = { version: 1, steps: 12, env, algorithm: { type, mode: 'exact', lr: 0.5 } };
      const reference = await records(base);
      for (const [key, value] of Object.entries(CHANGED)) {
        expect(await records({ ...base, algorithm: { ...base.algorithm, [key]: value } }), key).toEqual(reference);
      }
      expect(await records({ ...base, algorithm: { ...base.algorithm, refKL: 0.5 } })).not.toEqual(reference);
    });
  }
});
