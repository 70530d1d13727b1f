// The backend factory's choices (design.md "Backends"): WebGPU only with an adapter and a
// config the kernels cover; otherwise the CPU, with a reason the badge can show.
import { describe, expect, it } from 'vitest';
import { createBackend, EXACT_ON_GPU_FROM_RUNS } from '../../src/kernels-wgsl';
import { agreementClaim, GPU_TOLERANCE } from '../../src/kernels-wgsl/agreement';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { testGpu } from './gpu';

function config(raw: Record<string, unknown> = {}): ExperimentConfig {
  const r = parseConfig({ version: 1, runs: 2, steps: 5, env: { type: 'bandit' }, algorithm: { type: 'grpo' }, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

const noAdapter = { requestAdapter: async () => null } as unknown as GPU;
const failing = { requestAdapter: async () => ({ info: {}, features: new Set(), requestDevice: async () => Promise.reject(new Error('device limits exceeded')) }) } as unknown as GPU;

describe('createBackend', () => {
  it('auto picks the CPU, saying why, without navigator.gpu, without an adapter, or when the device fails', async () => {
    for (const [gpu, why] of [
      [undefined, /no WebGPU here/],
      [noAdapter, /no GPU adapter/],
      [failing, /failed to start \(device limits exceeded\)/],
    ] as const) {
      const { backend, info } = await createBackend(config(), { gpu });
      expect(backend.name).toBe('cpu');
      expect(info.reason).toMatch(why);
      expect((await backend.advance(2)).length).toBe(4);
    }
  });

  it('keeps configs the kernels do not cover on the CPU, and honours "cpu"', async () => {
    const gpu = (await testGpu()).gpu;
    expect((await createBackend(config({ interventions: [{ type: 'lpReg' }, { type: 'lpReg', coef: 0.1 }] }), { gpu })).info.reason).toMatch(/more than one lpReg is not on the GPU/);
    expect((await createBackend(config({ backend: 'cpu' }), { gpu })).info.reason).toBe('chosen in the config');
    const { backend, info } = await createBackend(config(), { gpu });
    expect(backend.name).toBe('webgpu');
    expect(info.label).toMatch(/^WebGPU float32 \(.+\)$/);
    backend.dispose();
  });

  it(`auto keeps exact mode on the CPU's float64 below ${EXACT_ON_GPU_FROM_RUNS} runs and says so; from there, or with "webgpu", it runs in float32 on the GPU, labelled`, async () => {
    const gpu = (await testGpu()).gpu;
    const exact = (runs: number, backend = 'auto') => config({ runs, backend, algorithm: { type: 'npg', mode: 'exact' } });
    const few = await createBackend(exact(EXACT_ON_GPU_FROM_RUNS - 1), { gpu });
    expect(few.backend.name).toBe('cpu');
    expect(few.info.reason).toBe(`exact mode with ${EXACT_ON_GPU_FROM_RUNS - 1} runs stays on the CPU in float64, the reference (from ${EXACT_ON_GPU_FROM_RUNS} runs, or with backend webgpu, it runs in float32 on the GPU)`);
    few.backend.dispose();
    for (const c of [exact(EXACT_ON_GPU_FROM_RUNS), exact(2, 'webgpu')]) {
      const { backend, info } = await createBackend(c, { gpu });
      expect(backend.name, info.reason).toBe('webgpu');
      expect(info.label).toMatch(/^WebGPU float32 exact \(.+\)$/);
      expect(info.reason).toBe(`${c.runs} runs in parallel on the GPU (float32 exact mode (the CPU's float64 is the reference); ensemble means within ${GPU_TOLERANCE.toExponential()} of the CPU)`);
      expect((await backend.advance(1)).length).toBe(c.runs);
      backend.dispose();
    }
  });

  it('the badge claims the tolerance the fuzzer and kernel tests check for that config: KL-Cov only in distribution after rounding decides its sign', async () => {
    const gpu = (await testGpu()).gpu;
    const plain = await createBackend(config(), { gpu });
    expect(plain.info.reason).toBe(`2 runs in parallel on the GPU (${agreementClaim(config()).text})`);
    expect(plain.info.reason).toContain(`ensemble means within ${GPU_TOLERANCE.toExponential()} of the CPU`);
    plain.backend.dispose();
    const klCovConfig = config({ env: { type: 'tokens', prompts: 2 }, algorithm: { type: 'grpo', epochs: 2 }, interventions: [{ type: 'klCov' }] });
    const klCov = await createBackend(klCovConfig, { gpu });
    expect(klCov.backend.name).toBe('webgpu');
    expect(klCov.info.reason).toMatch(/until KL-Cov's sign\(Δ log π\) meets a token that barely moved .* in distribution/);
    expect(agreementClaim(klCovConfig).stepwiseUntilCollapse).toBe(true);
    klCov.backend.dispose();
  });

  it('runs on a device it is given (the bench shares one), and leaves it alive when disposed', async () => {
    const { device } = await testGpu();
    for (let i = 0; i < 2; i++) {
      const { backend, info } = await createBackend(config(), { device });
      expect(backend.name, info.reason).toBe('webgpu');
      expect(backend.label).toMatch(/^WebGPU float32 \(SwiftShader.*\)$/);
      expect((await backend.advance(2)).length).toBe(4);
      backend.dispose();
    }
    device.destroy();
  });
});
