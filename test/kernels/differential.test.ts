// The differential fuzzer's short mode (issue 13), in npm test: random valid configs drawn from
// the schemas, each on the CPU and, where gpuSupport accepts it, on WebGPU (Dawn/SwiftShader),
// judged by the claim the badge makes. A mismatch fails with the shrunk config's permalink.
// The long mode is `npm run fuzz:gpu -- --n 500` (scripts/fuzz-gpu.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORT_BUDGET } from '../fuzz/configArbitrary';
import { fuzzDifferential } from '../fuzz/differentialFuzz';
import { testGpu, type TestGpu } from './gpu';

/** Seeded, so a failure reproduces; FUZZ_SEED picks another sample of configs. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const CONFIGS = 60;

let gpu: TestGpu;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => gpu?.device.destroy());

describe('differential fuzzer (short)', () => {
  it(`${CONFIGS} random configs agree on WebGPU and the CPU wherever the GPU accepts them`, async () => {
    const report = await fuzzDifferential(gpu.device, { runs: CONFIGS, seed: SEED, budget: SHORT_BUDGET });
    expect(report.failure, report.failure && `${report.failure.problem}\n  npm run sim -- '${report.failure.permalink}'`).toBeUndefined();
    expect(report.ran).toBe(CONFIGS);
    // The sample reaches the GPU often enough to mean something, and the refusals name what they refuse.
    expect(report.accepted).toBeGreaterThanOrEqual(CONFIGS / 10);
    for (const reason of Object.keys(report.refused)) expect(reason).toMatch(/GPU|CPU/);
  });
});
