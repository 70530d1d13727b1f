// `npm run bench` as a child process (node scripts/run-ts.mjs src/cli/bench.ts --json), shrunk:
// both backends timed over the same steps, their ensemble means within float32 tolerance, the
// GPU-busy fraction from timestamp queries, the way WebGPU ran stated, and a bad option
// answered by exit code 2 and one stderr line.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { BenchReport } from '../../src/kernels-wgsl/bench';

function bench(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'src/cli/bench.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bench CLI', () => {
  it('times cpu and webgpu over the same steps, and they agree', () => {
    const r = bench('--json', '--runs', '8', '--steps', '3');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as BenchReport;
    expect(report.backends.map((b) => [b.backend, b.steps, b.recordCount])).toEqual([
      ['cpu', 3, 8 * 4],
      ['webgpu', 3, 8 * 4],
    ]);
    // SwiftShader has timestamp queries: the training passes' GPU time over the wall time.
    const busy = report.backends[1].gpuBusyFraction!;
    expect(busy).toBeGreaterThan(0);
    expect(busy).toBeLessThanOrEqual(1);
    expect(report.backends[1].ratioToCpu).toBeCloseTo(report.backends[1].sampleStepsPerSecond / report.backends[0].sampleStepsPerSecond, 10);
    const [agreement] = report.agreement;
    expect(agreement.comparedSteps).toBe(4);
    for (const [metric, difference] of Object.entries(agreement.maxEnsembleDifference)) expect(difference, metric).toBeLessThan(1e-5);
    expect(report.notes).toContain("webgpu: Dawn in Node, without Dawn's robustness (Chrome keeps it on: bench.html measures that)");
  });

  it('names a bad option', () => {
    const r = bench('--runs', 'many');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('entropy-lab bench: --runs needs a whole number ≥ 1');
  });
});
