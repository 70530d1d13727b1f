// `npm run bench` as a child process (node scripts/run-ts.mjs src/cli/bench.ts --json), shrunk:
// the CPU on one thread and on a pool of worker threads (records identical bit for bit), WebGPU
// over the same steps with ensemble means within float32 tolerance, the GPU-busy fraction from
// timestamp queries, the numpy peer beside them (or skipped with its reason when python3 lacks
// numpy), every row's ratios consistent with the rates, the printed side-by-side table, and bad
// options answered by exit code 2 and one stderr line.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { BenchReport } from '../../src/kernels-wgsl/bench';

function bench(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'src/cli/bench.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const numpyHere = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

describe('bench CLI', () => {
  it('times cpu on 1 and 2 threads, webgpu and the numpy peer over the same steps, and they agree', () => {
    const r = bench('--json', '--runs', '8', '--steps', '3', '--threads', '2');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as BenchReport;
    const expectedRows = [
      ['cpu', 'cpu', 1, 3, 8 * 4],
      ['cpu×2', 'cpu', 2, 3, 8 * 4],
      ['webgpu', 'webgpu', undefined, 3, 8 * 4],
      ...(numpyHere ? [['numpy', 'numpy', undefined, 3, 0]] : []),
    ];
    expect(report.backends.map((b) => [b.id, b.backend, b.threads, b.steps, b.recordCount])).toEqual(expectedRows);
    expect(report.backends[1].label).toBe('CPU (float64, 2 threads)');
    expect(report.machine).toMatch(/^\d+ logical cores \(.+\), \d+ GiB, \w+, Node v\d+/);
    // SwiftShader has timestamp queries: the training passes' GPU time over the wall time.
    const busy = report.backends[2].gpuBusyFraction!;
    expect(busy).toBeGreaterThan(0);
    expect(busy).toBeLessThanOrEqual(1);
    for (const b of report.backends) {
      expect(b.sampleStepsPerSecond).toBeCloseTo((8 * 16 * 8 * b.steps) / b.seconds, 6);
      expect(b.ratioToCpu).toBeCloseTo(b.sampleStepsPerSecond / report.backends[0].sampleStepsPerSecond, 10);
      for (const other of report.backends) expect(b.ratioTo[other.id]).toBeCloseTo(b.sampleStepsPerSecond / other.sampleStepsPerSecond, 10);
    }
    const [pool, gpu] = report.agreement;
    expect(pool.backend).toBe('cpu×2');
    expect(pool.identicalRecords).toBe(true);
    for (const difference of Object.values(pool.maxEnsembleDifference)) expect(difference).toBe(0);
    expect(gpu.backend).toBe('webgpu');
    expect(gpu.comparedSteps).toBe(4);
    for (const [metric, difference] of Object.entries(gpu.maxEnsembleDifference)) expect(difference, metric).toBeLessThan(1e-5);
    expect(report.notes).toContain("webgpu: Dawn in Node, without Dawn's robustness (Chrome keeps it on: bench.html measures that)");
    if (!numpyHere) expect(report.notes.some((n) => n.startsWith('numpy: skipped (python3'))).toBe(true);
  });

  it('prints the rows side by side with their ratios; --no-peer and --threads 1 leave rows out with a note', () => {
    const r = bench('--runs', '4', '--steps', '2', '--threads', '1', '--no-peer');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Workload: token task, 4 runs × 16 prompts × 8 samples, vocabulary 8, length 4, GRPO');
    expect(lines[1]).toMatch(/^Machine: \d+ logical cores/);
    expect(lines[2].split(/\s{2,}/)).toEqual(['backend', 'runs on', 'steps', 'seconds', 'sample-steps/s', 'vs cpu', 'vs webgpu']);
    expect(lines[3]).toMatch(/^cpu {2,}CPU \(float64\) +2 +[\d.]+ +[\d.]+e[+-]\d+ +1\.00× +[\d.]+×$/);
    expect(lines[4]).toMatch(/^webgpu +WebGPU .* +2 +[\d.]+ +[\d.]+e[+-]\d+ +[\d.]+× +1\.00×$/);
    expect(r.stdout).toContain('note: cpu: one thread here, so no pooled row');
    expect(r.stdout).toContain('note: numpy: skipped (--no-peer)');
  });

  it('names a bad option', () => {
    for (const [args, message] of [
      [['--runs', 'many'], '--runs needs a whole number ≥ 1'],
      [['--threads', '0'], '--threads needs a whole number from 1 to 1024, got 0'],
    ] as const) {
      const r = bench(...args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(`entropy-lab bench: ${message}`);
    }
  });
});
