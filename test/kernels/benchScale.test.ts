// The scaling curve's points past what the lab runs (issue 17): a run count over the ensemble
// memory limit is refused with the config's own words, and without WebGPU a point says why,
// with the CPU still timed; scaleRuns lists the run counts.
import { describe, expect, it } from 'vitest';
import { runScale, scaleRuns } from '../../src/kernels-wgsl/benchScale';

describe('bench --scale', () => {
  it('lists 64 → 16 384 runs by ×4 (or ×2) up to --max-runs', () => {
    expect(scaleRuns({ steps: 1, minRuns: 64, maxRuns: 16384, cpuMaxRuns: 1, factor: 4 })).toEqual([64, 256, 1024, 4096, 16384]);
    expect(scaleRuns({ steps: 1, minRuns: 64, maxRuns: 500, cpuMaxRuns: 1, factor: 2 })).toEqual([64, 128, 256]);
  });

  it('refuses a run count over the memory limit with its reason, and names a missing GPU', async () => {
    const report = await runScale({ steps: 1, minRuns: 2, maxRuns: 32768, cpuMaxRuns: 2, factor: 16384 }, { machine: 'test' });
    expect(report.adapter).toBeUndefined();
    const [small, huge] = report.points;
    expect(small.cpu.measured).toBe(true);
    expect(small.gpu).toBeUndefined();
    expect(small.gpuRefused).toMatch(/^no WebGPU here/);
    expect(huge.runs).toBe(32768);
    expect(huge.cpu).toEqual({ measured: false, reason: huge.gpuRefused });
    expect(huge.gpuRefused).toMatch(/^runs: 32768 runs of a \d+-logit policy would hold about .*: at most \d+ runs of this table$/);
  });
});
