// The GPU runs only what it models (issue 13): every field of every schema the kernel takes is
// declared in support.ts GPU_MODEL, so a field a schema gains later fails here until the kernel
// models or refuses it, and gpuSupport refuses, by name, any field it does not know.
import { describe, expect, it } from 'vitest';
import { GPU_MODEL, gpuSupport } from '../../src/kernels-wgsl/train/support';
import { ALGORITHMS } from '../../src/sim/algorithms';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { ENVIRONMENTS } from '../../src/sim/envs';
import { INTERVENTIONS } from '../../src/sim/interventions';
import { schemaFields } from '../../src/sim/schemaFields';
import type { z } from 'zod';

function config(raw: Record<string, unknown>): ExperimentConfig {
  const r = parseConfig({ version: 1, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

const REGISTRIES: [keyof typeof GPU_MODEL, readonly { id: string; schema: z.ZodType }[]][] = [
  ['env', ENVIRONMENTS],
  ['algorithm', ALGORITHMS],
  ['intervention', INTERVENTIONS],
];

describe('gpuSupport: the kernel models every field or refuses it', () => {
  for (const [section, registry] of REGISTRIES) {
    const model = GPU_MODEL[section] as Record<string, Record<string, unknown>>;
    it(`declares exactly the schema fields of every ${section} on the GPU`, () => {
      for (const id of Object.keys(model)) {
        const spec = registry.find((s) => s.id === id);
        expect(spec, `${section} ${id} is in GPU_MODEL but not in its registry`).toBeDefined();
        expect(Object.keys(model[id]).sort(), `${section} ${id}`).toEqual(schemaFields(spec!.schema).map((f) => f.key).sort());
      }
    });
  }

  it('declares exactly the top-level fields of a parsed config', () => {
    const { env: _env, policy: _policy, algorithm: _algorithm, interventions: _interventions, ...top } = config({});
    expect(Object.keys(GPU_MODEL.top).sort()).toEqual(Object.keys(top).sort());
  });

  it('refuses a field it does not know, naming it (a field a schema gains later)', () => {
    const base = config({ env: { type: 'tokens' }, algorithm: { type: 'grpo' }, interventions: [{ type: 'clipCov' }] });
    expect(gpuSupport(base)).toEqual({ ok: true });
    const withField = (path: 'env' | 'algorithm' | 'policy') => ({ ...base, [path]: { ...base[path], futureField: 1 } }) as ExperimentConfig;
    expect(gpuSupport(withField('env'))).toEqual({ ok: false, reason: 'env.futureField is not modelled by the GPU kernel yet' });
    expect(gpuSupport(withField('algorithm'))).toEqual({ ok: false, reason: 'algorithm.futureField is not modelled by the GPU kernel yet' });
    expect(gpuSupport(withField('policy'))).toEqual({ ok: false, reason: 'policy.futureField is not modelled by the GPU kernel yet' });
    const iv = { ...base, interventions: [{ ...base.interventions[0], futureField: 1 }] } as unknown as ExperimentConfig;
    expect(gpuSupport(iv)).toEqual({ ok: false, reason: 'interventions[0].futureField is not modelled by the GPU kernel yet' });
    expect(gpuSupport({ ...base, futureField: 1 } as ExperimentConfig)).toEqual({ ok: false, reason: 'config.futureField is not modelled by the GPU kernel yet' });
  });

  it('refuses every module that is not on the GPU, naming it', () => {
    for (const spec of ENVIRONMENTS.filter((s) => !(s.id in GPU_MODEL.env))) {
      expect(gpuSupport(config({ env: { type: spec.id }, algorithm: { type: 'pg', mode: 'sampled' } }))).toMatchObject({ ok: false, reason: expect.stringContaining(spec.id) });
    }
    for (const spec of INTERVENTIONS.filter((s) => !(s.id in GPU_MODEL.intervention))) {
      const c = config({ env: { type: 'tokens' }, algorithm: { type: 'grpo' }, interventions: [{ type: spec.id }] });
      expect(gpuSupport(c)).toMatchObject({ ok: false, reason: expect.stringContaining(spec.id) });
    }
    expect(gpuSupport(config({ env: { type: 'contextual' }, policy: { type: 'mlp' }, algorithm: { type: 'grpo' } }))).toMatchObject({ ok: false, reason: expect.stringContaining('mlp') });
  });

  it('refuses the BAPO values it does not model: bounds within 1e-4 of ratio 1 with several epochs, and steps past 2^16 adjustments', () => {
    const bapo = (iv: Record<string, unknown>, epochs = 4) => gpuSupport(config({ env: { type: 'bandit' }, algorithm: { type: 'grpo', epochs }, interventions: [{ type: 'bapo', ...iv }] }));
    expect(bapo({})).toEqual({ ok: true });
    expect(bapo({ lowerMax: 0.99995 })).toMatchObject({ ok: false, reason: expect.stringContaining('1 − bapo.lowerMax') });
    expect(bapo({ upperStart: 1.00005 })).toMatchObject({ ok: false, reason: expect.stringContaining('bapo.upperStart − 1') });
    expect(bapo({ lowerMax: 0.99995 }, 1)).toEqual({ ok: true });
    expect(bapo({ step: 1e-6 })).toMatchObject({ ok: false, reason: expect.stringMatching(/bapo.step = 0.000001 moves a bound in more than 65536 adjustments/) });
  });

  it('refuses STEER and the entropy discriminator on logits drawn below float32 normal numbers', () => {
    for (const type of ['steer', 'entropyDiscriminatorClip']) {
      const at = (scale: number) => gpuSupport(config({ env: { type: 'bandit' }, policy: { type: 'tabular', init: { type: 'random', scale } }, algorithm: { type: 'grpo' }, interventions: [{ type }] }));
      expect(at(4e-323)).toMatchObject({ ok: false, reason: expect.stringContaining(`${type} with policy.init.scale = 4e-323`) });
      expect(at(0)).toEqual({ ok: true });
      expect(at(1e-6)).toEqual({ ok: true });
    }
  });

  it('runs the issue-17 stages, refusing only the SIREN nuclei float32 cannot decide, by name', () => {
    for (const type of ['adaptiveEntropy', 'aepo', 'entrocraft', 'rolloutTemperature', 'siren']) {
      expect(gpuSupport(config({ env: { type: 'tokens' }, algorithm: { type: 'grpo' }, interventions: [{ type }] })), type).toEqual({ ok: true });
    }
    const siren = (topP: number, init: Record<string, unknown> = { type: 'env' }) => gpuSupport(config({ env: { type: 'bandit', arms: 4 }, policy: { type: 'tabular', init }, algorithm: { type: 'grpo' }, interventions: [{ type: 'siren', topP }] }));
    // A uniform row of 4 actions holds exactly 0.5 after two tokens; a nucleus of all but a float32-sized tail.
    expect(siren(0.5)).toEqual({ ok: false, reason: 'siren.topP = 0.5: row 0 of the initial policy reaches p exactly, so whether its nucleus takes one more token is float32 rounding on the GPU (use another topP, or the CPU)' });
    expect(siren(1)).toMatchObject({ ok: false, reason: expect.stringMatching(/^siren\.topP = 1: .*float32/) });
    expect(siren(0.6)).toEqual({ ok: true });
    // Random initial rows are generic: no exact ties to refuse.
    expect(siren(0.5, { type: 'random', scale: 1 })).toEqual({ ok: true });
  });

  it('refuses values a modelled field does not cover: exact mode', () => {
    expect(gpuSupport(config({ env: { type: 'bandit' }, algorithm: { type: 'pg', mode: 'exact' } }))).toEqual({ ok: false, reason: 'exact mode runs on the CPU in float64' });
  });
});
