// The WGSL Threefry RNG against src/sim/rng.ts: words and uniforms bit for bit, normals to
// float32 precision, over seeds, streams, counters and indices that exercise carries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RngFillKernel } from '../../src/kernels-wgsl/rng/RngFillKernel';
import { normal, threefry2x32, uniform } from '../../src/sim/rng';
import { testGpu, type TestGpu } from './gpu';

let gpu: TestGpu;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => gpu?.device.destroy());

const CASES = [
  { seed: 0, stream: 0, counter: 0, start: 0 },
  { seed: 1, stream: 8, counter: 17, start: 1000 },
  { seed: 0xffffffff, stream: 0xfffffff8, counter: 0xffffffff, start: 0xfffffe00 },
  { seed: 123456789, stream: 8 * 1023 + 1, counter: 299, start: 4096 * 7 },
];

describe('rng.wgsl', () => {
  it.each(CASES)('matches threefry2x32, uniform and normal for seed $seed stream $stream counter $counter', async ({ seed, stream, counter, start }) => {
    const count = 512;
    const draws = await new RngFillKernel(gpu.device).draw(seed, stream, counter, start, count);
    let maxNormalErr = 0;
    for (let i = 0; i < count; i++) {
      const index = (start + i) >>> 0;
      const [w0, w1] = threefry2x32(seed, stream, counter, index);
      expect(draws.word0[i]).toBe(w0);
      expect(draws.word1[i]).toBe(w1);
      expect(draws.uniform[i]).toBe(uniform(seed, stream, counter, index));
      const n = normal(seed, stream, counter, index);
      maxNormalErr = Math.max(maxNormalErr, Math.abs(draws.normal[i] - n) / Math.max(1, Math.abs(n)));
    }
    expect(maxNormalErr).toBeLessThan(1e-6);
  });
});
