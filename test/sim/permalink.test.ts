// Permalink codec: presets and random valid configs survive encode → decode unchanged;
// random and malformed hashes never throw and always yield a valid config with messages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALGORITHMS } from '../../src/sim/algorithms';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { ENVIRONMENTS } from '../../src/sim/envs';
import { INTERVENTIONS } from '../../src/sim/interventions';
import { decodePermalink, encodePermalink, looksLikePermalink, parseLeniently } from '../../src/sim/permalink';
import { PRESETS } from '../../src/sim/presets';
import { schemaFields, type FieldInfo } from '../../src/sim/schemaFields';
import type { z } from 'zod';

function parsed(raw: unknown): ExperimentConfig {
  const r = parseConfig(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

/** A random value for a field, mostly inside its bounds, sometimes outside. */
function fieldValue(f: FieldInfo): fc.Arbitrary<unknown> {
  const lo = f.minimum ?? -5;
  const hi = Math.min(f.maximum ?? 50, lo + 50);
  switch (f.kind) {
    case 'integer':
      return fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) });
    case 'number':
      return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...(f.options ?? ['x']));
    case 'number[]':
      return fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 });
    default:
      return fc.constant(undefined);
  }
}

function moduleConfig(specs: readonly { id: string; schema: z.ZodType }[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.constantFrom(...specs).chain((spec) => {
    const fields = schemaFields(spec.schema).filter((f) => f.kind !== 'number[][]');
    return fc
      .record(Object.fromEntries(fields.map((f) => [f.key, fc.option(fieldValue(f), { nil: undefined })])))
      .map((values) => ({ type: spec.id, ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) }));
  });
}

const rawConfig = fc.record({
  version: fc.constant(1),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  steps: fc.integer({ min: 1, max: 5000 }),
  runs: fc.integer({ min: 1, max: 64 }),
  env: moduleConfig(ENVIRONMENTS),
  algorithm: moduleConfig(ALGORITHMS),
  interventions: fc.array(moduleConfig(INTERVENTIONS), { maxLength: 3 }),
});

describe('permalink', () => {
  it('round-trips every preset', () => {
    for (const p of PRESETS) {
      const config = parsed(p.config);
      const hash = encodePermalink(config);
      expect(looksLikePermalink(hash)).toBe(true);
      const back = decodePermalink(`https://lab.example/#${hash}`);
      expect(back.ignored).toEqual([]);
      expect(back.config).toEqual(config);
    }
  });

  it('round-trips 1000 random valid configs exactly', () => {
    fc.assert(
      fc.property(rawConfig, (raw) => {
        const config = parseLeniently(raw, []);
        const back = decodePermalink(`#${encodePermalink(config)}`);
        expect(back.ignored).toEqual([]);
        expect(back.config).toEqual(config);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });

  it('never throws on 1000 random or malformed hashes, and always yields a valid config', () => {
    const token = fc.oneof(fc.string(), fc.constantFrom('v', 'env', 'algo', 'arms', 'lr', 'means', 'iv1', 'iv1.coef', 'init', 'logits', 'seed', 'steps', 'runs', 'env.arms', 'algo.lr', '%', '%E0', '&&', '=', '#'));
    const hash = fc.array(fc.tuple(token, fc.oneof(token, fc.double().map(String), fc.integer().map(String))), { maxLength: 12 }).map((kv) => kv.map(([k, v]) => `${k}=${v}`).join('&'));
    const input = fc.oneof(hash, hash.map((h) => `v=1&${h}`), hash.map((h) => `https://x.org/?a=1#${h}`), fc.string(), fc.string({ unit: 'grapheme' }));
    fc.assert(
      fc.property(input, (text) => {
        const { config, ignored } = decodePermalink(text);
        expect(parseConfig(config).ok).toBe(true);
        expect(Array.isArray(ignored)).toBe(true);
      }),
      { numRuns: 1000, seed: 11 },
    );
  });

  it('names what it ignored and keeps the valid rest', () => {
    const { config, ignored } = decodePermalink('#v=1&env=bandit&arms=3&means=0.1,0.2,0.3&lr=abc&algo=npg&bogus=1&steps=-4');
    expect(config.env).toMatchObject({ type: 'bandit', arms: 3, means: [0.1, 0.2, 0.3] });
    expect(config.algorithm.type).toBe('npg');
    expect(config.algorithm.lr).toBe(0.5);
    expect(config.steps).toBe(200);
    expect(ignored.some((m) => m.startsWith('lr=abc'))).toBe(true);
    expect(ignored.some((m) => m.startsWith('bogus=1'))).toBe(true);
    expect(ignored.some((m) => m.startsWith('steps:'))).toBe(true);
  });

  it('migrates or reads unsupported versions as the current one, saying so', () => {
    const { config, ignored } = decodePermalink('#v=99&env=tokens&prompts=4');
    expect(config.env).toMatchObject({ type: 'tokens', prompts: 4 });
    expect(ignored.join(' ')).toMatch(/version/);
  });

  it('round-trips neural policies (type, fields, init) and names unknown policy parameters', () => {
    for (const policy of [
      { type: 'mlp', hidden: [32, 8], activation: 'relu', features: 'random', init: { type: 'random', scale: 0.5 } },
      { type: 'attention', pretrainSteps: 50 },
    ]) {
      const env = policy.type === 'mlp' ? { type: 'contextual' } : { type: 'tokens', prompts: 4 };
      const config = parsed({ version: 1, env, policy, algorithm: { type: 'grpo' } });
      expect(decodePermalink(encodePermalink(config))).toEqual({ config, ignored: [] });
    }
    const { config, ignored } = decodePermalink('v=1&env=contextual&algo=grpo&policy=mlp&policy.bogus=3&policy.hidden=x');
    expect(config.policy.type).toBe('mlp');
    expect(ignored).toEqual(expect.arrayContaining([expect.stringMatching(/^policy\.bogus=3/), expect.stringMatching(/^policy\.hidden=x/)]));
  });
});
