// Config validation: messages carry field paths (nested, list items, cross-section checks),
// parseConfig never throws on junk, and every preset parses and runs a few finite steps.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { PRESETS } from '../../src/sim/presets';
import { issuePaths } from './interventions/helpers';

const base = { version: 1, env: { type: 'bandit', arms: 3 }, algorithm: { type: 'grpo', mode: 'sampled', groupSize: 4 } };

describe('parseConfig', () => {
  it('names the field of each problem', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, steps: -1 }, 'steps'],
      [{ ...base, seed: 1.5 }, 'seed'],
      [{ ...base, env: { type: 'bandit', arms: 0 } }, 'env.arms'],
      [{ ...base, env: { type: 'bandit', arms: 2, means: [0.1, 2] } }, 'env.means[1]'],
      [{ ...base, env: { type: 'nowhere' } }, 'env.type'],
      [{ ...base, algorithm: { type: 'grpo', lr: 'fast' } }, 'algorithm.lr'],
      [{ ...base, algorithm: { type: 'grpo', mode: 'exact' } }, 'algorithm.mode'],
      [{ ...base, interventions: [{ type: 'entropyBonus' }, { type: 'magic' }] }, 'interventions[1].type'],
      [{ ...base, interventions: [{ type: 'entropyBonus', coef: 'x' }] }, 'interventions[0].coef'],
      [{ ...base, policy: { type: 'tabular', init: { type: 'logits', logits: [1, 2] } } }, 'policy.init.logits'],
      [{ ...base, env: { type: 'tokens', prompts: 2 }, algorithm: { type: 'grpo', batchPrompts: 5 } }, 'algorithm.batchPrompts'],
      [{ ...base, extra: true }, 'extra'],
    ];
    for (const [raw, path] of cases) expect(issuePaths(raw), path).toContain(path);
  });

  it('never throws on junk input and says what it expected', () => {
    for (const junk of [null, 3, 'x', [], { version: 'one' }, { version: 1, env: [] }, { version: 1, interventions: {} }]) {
      const r = parseConfig(junk);
      expect(r.ok).toBe(false);
      if (!r.ok) for (const i of r.issues) expect(i.message.length).toBeGreaterThan(5);
    }
  });
});

describe('presets', () => {
  for (const preset of PRESETS) {
    it(`${preset.id} parses and runs 3 finite steps`, () => {
      const r = parseConfig(preset.config);
      if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
      const backend = new CpuBackend({ ...r.config, runs: Math.min(r.config.runs, 2) });
      const records = backend.advanceSync(3);
      expect(records.length).toBe(Math.min(r.config.runs, 2) * 3);
      for (const rec of records) for (const v of Object.values(rec)) expect(Number.isFinite(v)).toBe(true);
    });
  }
});
