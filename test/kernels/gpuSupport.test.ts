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

  it('refuses, by name, the loss aggregations and dynamic sampling it does not model on MDPs, and verl Clip-Cov beside a token loss', () => {
    const chain = (algorithm: Record<string, unknown>) => gpuSupport(config({ env: { type: 'chain' }, algorithm: { type: 'grpo', ...algorithm } }));
    expect(chain({ semantics: 'verl', lossAggMode: 'seq-mean-token-sum' })).toEqual({ ok: true });
    for (const lossAggMode of LOSS_AGG_MODES.filter((m) => m !== 'seq-mean-token-sum')) {
      expect(chain({ lossAggMode }), lossAggMode).toMatchObject({ ok: false, reason: expect.stringContaining(`algorithm.lossAggMode = ${lossAggMode} on an MDP`) });
    }
    expect(chain({ dynamicSampling: true })).toMatchObject({ ok: false, reason: expect.stringContaining('algorithm.dynamicSampling on an MDP') });
    // The config validator refuses verl Clip-Cov + KL-Cov (one loss_mode); gpuSupport holds on its own.
    const both = config({ env: { type: 'tokens' }, algorithm: { type: 'grpo' }, interventions: [{ type: 'clipCov' }, { type: 'klCov' }] });
    expect(gpuSupport(both)).toEqual({ ok: true });
    expect(gpuSupport({ ...both, algorithm: { ...both.algorithm, semantics: 'verl' } })).toMatchObject({ ok: false, reason: expect.stringContaining("verl's Clip-Cov beside klCov") });
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
      const mode = gpuSupport(config({ env: { type: 'contextual' }, algorithm: { type: 'ppo', lossAggMode: 'seq-mean-token-sum-norm' }, interventions: [{ type }] }));
      expect(mode).toEqual({ ok: false, reason: `${type} with algorithm.lossAggMode seq-mean-token-sum-norm: its δH under that loss aggregation is not on the GPU yet (the lab's seq-mean-token-sum is)` });
    }
  });

  it('runs the issue-17 stages, refusing only the SIREN nuclei float32 cannot decide and AEPO temperatures float32 cannot hold, by name', () => {
    for (const type of ['adaptiveEntropy', 'aepo', 'entrocraft', 'rolloutTemperature', 'siren']) {
      expect(gpuSupport(config({ env: { type: 'tokens' }, algorithm: { type: 'grpo' }, interventions: [{ type }] })), type).toEqual({ ok: true });
    }
    // Short fuzzer: sampled NPG + AEPO at tempLow 5e-324 (0 in float32) gave NaN logits on the GPU at step 0.
    const aepo = (tempLow: number) => gpuSupport(config({ env: { type: 'tokens' }, algorithm: { type: 'npg', mode: 'sampled' }, interventions: [{ type: 'aepo', tempLow }] }));
    expect(aepo(5e-324)).toMatchObject({ ok: false, reason: expect.stringContaining('aepo.tempLow = 5e-324') });
    expect(aepo(1e-30)).toEqual({ ok: true });
    const siren = (topP: number, init: Record<string, unknown> = { type: 'env' }) => gpuSupport(config({ env: { type: 'bandit', arms: 4 }, policy: { type: 'tabular', init }, algorithm: { type: 'grpo' }, interventions: [{ type: 'siren', topP }] }));
    // A uniform row of 4 actions holds exactly 0.5 after two tokens; a nucleus of all but a float32-sized tail.
    expect(siren(0.5)).toEqual({ ok: false, reason: 'siren.topP = 0.5: row 0 of the initial policy reaches p exactly, so whether its nucleus takes one more token is float32 rounding on the GPU (use another topP, or the CPU)' });
    expect(siren(1)).toMatchObject({ ok: false, reason: expect.stringMatching(/^siren\.topP = 1: .*float32/) });
    expect(siren(0.6)).toEqual({ ok: true });
    // Random initial rows are generic: no exact ties to refuse.
    expect(siren(0.5, { type: 'random', scale: 1 })).toEqual({ ok: true });
  });

  it('runs exact mode on every environment, and ignores there the sampled-only values it refuses in sampled mode', () => {
    for (const type of ['bandit', 'contextual', 'tokens', 'chain', 'gridworld']) {
      for (const algo of ['pg', 'npg']) expect(gpuSupport(config({ env: { type }, algorithm: { type: algo, mode: 'exact' } })), `${type} ${algo}`).toEqual({ ok: true });
    }
    const chain = (mode: string, over: Record<string, unknown>) => gpuSupport(config({ env: { type: 'chain' }, algorithm: { type: 'pg', mode, ...over } }));
    for (const over of [{ lossAggMode: 'token-mean' }, { epochs: 2, clipLow: 1e-5 }, { groupSize: 16384 }]) {
      expect(chain('sampled', over), JSON.stringify(over)).toMatchObject({ ok: false });
      expect(chain('exact', over), JSON.stringify(over)).toEqual({ ok: true });
    }
    // Rewards float32 cannot hold stay refused; returns float32 would group differently only matter to samples.
    const grid = (mode: string, over: Record<string, unknown>) => gpuSupport(config({ env: { type: 'gridworld', ...over }, algorithm: { type: 'pg', mode } }));
    expect(grid('exact', { goalReward: 1e-40 })).toMatchObject({ ok: false, reason: expect.stringContaining('reward 1e-40 is not a float32 number') });
    expect(grid('sampled', { stepCost: 0.1, distractorReward: 0.3 })).toMatchObject({ ok: false });
    expect(grid('exact', { stepCost: 0.1, distractorReward: 0.3 })).toEqual({ ok: true });
  });
});
