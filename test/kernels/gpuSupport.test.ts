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
import { presetById } from '../../src/sim/presets';
import { SWEEP_PRESETS } from '../../src/sim/sweepPresets';
import { parseSweep } from '../../src/sim/sweep';
import { LOSS_AGG_MODES } from '../../src/sim/algorithms/base';
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

  it("runs issue 14's verl semantics, dual-clip, loss aggregations and dynamic sampling, the presets that use them among them", () => {
    for (const id of ['paper-clipcov-paper-ratio', 'paper-decoy-dynamic-sampling']) expect(gpuSupport(config(presetById(id)!.config)), id).toEqual({ ok: true });
    for (const preset of SWEEP_PRESETS) {
      const parsed = parseSweep(preset.config);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      for (const cell of parsed.sweep.cells) expect(gpuSupport(cell.config), `${preset.id} cell ${cell.index}`).toEqual({ ok: true });
    }
    for (const lossAggMode of LOSS_AGG_MODES) {
      for (const algorithm of ['grpo', 'drgrpo', 'ppo', 'npg']) {
        const c = config({ env: { type: 'tokens' }, algorithm: { type: algorithm, mode: 'sampled', semantics: 'verl', clipRatioC: 3, lossAggMode, dynamicSampling: true }, interventions: [{ type: 'clipCov', ratio: 0.01 }] });
        expect(gpuSupport(c), `${algorithm} ${lossAggMode}`).toEqual({ ok: true });
      }
    }
  });

  it('refuses values a modelled field does not cover: exact mode', () => {
    expect(gpuSupport(config({ env: { type: 'bandit' }, algorithm: { type: 'pg', mode: 'exact' } }))).toEqual({ ok: false, reason: 'exact mode runs on the CPU in float64' });
  });
});
