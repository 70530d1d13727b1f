// `npm run bench` as a child process (node scripts/run-ts.mjs src/cli/bench.ts --json), shrunk:
// the CPU on one thread and on a pool of worker threads (records identical bit for bit), WebGPU
// over the same steps with ensemble means within float32 tolerance, the GPU-busy fraction from
// timestamp queries, the numpy peer beside them (or skipped with its reason when python3 lacks
// numpy), every row's ratios consistent with the rates, the printed side-by-side table, bad
// options answered by exit code 2 and one stderr line; --matrix and --scale, --out's JSON file,
// and scripts/device-bench.sh's refusal of a CPU adapter's report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeAdapterInfo } from '../../src/kernels-wgsl/adapterKind';
import type { BenchReport } from '../../src/kernels-wgsl/bench';
import { algorithmFamilies, BENCH_ENVIRONMENTS, interventionFamilies } from '../../src/kernels-wgsl/benchFamilies';
import type { MatrixReport } from '../../src/kernels-wgsl/benchMatrix';
import type { ScaleReport } from '../../src/kernels-wgsl/benchScale';
import { gpuSupport } from '../../src/kernels-wgsl';
import { decodePermalink } from '../../src/sim/permalink';

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
    // The adapter is named, and SwiftShader is a CPU adapter: the webgpu row says so.
    expect(report.adapter).toMatchObject({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true, cpuAdapter: 'SwiftShader' });
    expect(report.backends[2].cpuAdapter).toBe('SwiftShader');
    if (!numpyHere) expect(report.notes.some((n) => n.startsWith('numpy: skipped (python3'))).toBe(true);
  });

  it('prints the rows side by side with their ratios; --no-peer and --threads 1 leave rows out with a note', () => {
    const r = bench('--runs', '4', '--steps', '2', '--threads', '1', '--no-peer');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Workload: token task, 4 runs × 16 prompts × 8 samples, vocabulary 8, length 4, GRPO');
    expect(lines[1]).toMatch(/^Machine: \d+ logical cores/);
    expect(lines[2]).toMatch(/^Adapter: SwiftShader driver [\d.]+ \(vendor google, architecture swiftshader, .*fallback adapter\) — a CPU adapter \(SwiftShader\): its webgpu rows are CPU figures, not GPU figures$/);
    expect(lines[3].split(/\s{2,}/)).toEqual(['backend', 'runs on', 'steps', 'seconds', 'sample-steps/s', 'vs cpu', 'vs webgpu']);
    expect(lines[4]).toMatch(/^cpu {2,}CPU \(float64\) +2 +[\d.]+ +[\d.]+e[+-]\d+ +1\.00× +[\d.]+×$/);
    expect(lines[5]).toMatch(/^webgpu \(CPU adapter: SwiftShader\) +WebGPU .* +2 +[\d.]+ +[\d.]+e[+-]\d+ +[\d.]+× +1\.00×$/);
    expect(r.stdout).toContain('note: cpu: one thread here, so no pooled row');
    expect(r.stdout).toContain('note: numpy: skipped (--no-peer)');
  });

  it('names a bad option', () => {
    for (const [args, message] of [
      [['--runs', 'many'], '--runs needs a whole number ≥ 1'],
      [['--threads', '0'], '--threads needs a whole number from 1 to 1024, got 0'],
      [['--matrix', '--scale'], 'give --matrix or --scale, not both'],
      [['--scale', '--factor', '3'], '--factor needs 2 or 4'],
      [['--members'], '--members is an option of --matrix'],
      [['--scale', '--no-peer'], '--no-peer is an option of the plain bench'],
      [['--matrix', '--max-runs', '64'], '--max-runs is an option of --scale'],
      [['--out'], '--out needs a file name'],
      [['--out', '/no-such-folder/bench.json'], '--out /no-such-folder/bench.json: no folder /no-such-folder'],
    ] as const) {
      const r = bench(...args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(`entropy-lab bench: ${message}`);
    }
  });

  it('--matrix: one row per env × algorithm family × intervention family, each agreeing with the CPU or refused with gpuSupport\'s reason, on a CPU adapter labelled as one', () => {
    // One run (the matrix is the slowest report): the table on stdout, the JSON through --out.
    const folder = mkdtempSync(join(tmpdir(), 'bench-matrix-'));
    const text = bench('--matrix', '--runs', '4', '--steps', '1', '--out', join(folder, 'matrix.json'));
    expect(text.code, text.stderr).toBe(0);
    const { matrix } = JSON.parse(readFileSync(join(folder, 'matrix.json'), 'utf8')) as { matrix: MatrixReport };
    rmSync(folder, { recursive: true });
    expect(matrix.adapter?.cpuAdapter).toBe('SwiftShader');
    expect(matrix.rows.length).toBe(BENCH_ENVIRONMENTS.length * algorithmFamilies().length * interventionFamilies().length);
    expect(new Set(matrix.rows.map((row) => `${row.env} ${row.algorithm.family} ${row.intervention.family}`)).size).toBe(matrix.rows.length);
    let onGpu = 0;
    for (const row of matrix.rows) {
      const what = `${row.env} ${row.algorithm.id} ${row.intervention.id ?? 'none'}`;
      const { config, ignored } = decodePermalink(row.permalink);
      expect(ignored, what).toEqual([]);
      expect([config.env.type, config.algorithm.type, config.interventions.map((iv) => iv.type).join()], what).toEqual([row.env, row.algorithm.id, row.intervention.id ?? '']);
      const support = gpuSupport(config);
      expect(row.unit, what).toBe(row.env === 'bandit' || row.env === 'contextual' ? 'sample-steps/s' : 'transitions/s');
      // A pull is one transition; an answer is `length` tokens; an MDP episode at least one move.
      const perSample = row.cpu.transitionsPerSecond! / row.cpu.sampleStepsPerSecond!;
      if (row.unit === 'sample-steps/s') expect(perSample, what).toBeCloseTo(1, 10);
      else if (row.env === 'tokens') expect(perSample, what).toBeCloseTo(4, 10);
      else expect(perSample, what).toBeGreaterThanOrEqual(1);
      if (!support.ok) {
        expect(row.gpu, what).toBeUndefined();
        expect(row.gpuRefused, what).toBe(support.reason);
        continue;
      }
      onGpu++;
      const gpu = row.gpu!;
      expect(gpu, what).toBeDefined();
      expect(gpu.name).toBe('webgpu (CPU adapter: SwiftShader)');
      expect(gpu.agreement.agrees, `${what}: ${gpu.agreement.verdict}`).toBe(true);
      expect(gpu.agreement.verdict).toMatch(/^agrees/);
      expect(gpu.ratioToCpu).toBeCloseTo(gpu.runStepsPerSecond / row.cpu.runStepsPerSecond, 10);
      expect(gpu.transitionsPerSecond! / gpu.sampleStepsPerSecond!).toBeCloseTo(perSample, 10);
      expect(gpu.gpuBytesPerRun).toBeGreaterThan(0);
      expect(gpu.gpuBusyFraction).toBeGreaterThan(0);
    }
    expect(onGpu).toBeGreaterThan(0);

    const lines = text.stdout.split('\n');
    expect(lines[1]).toMatch(/^Adapter: .* — a CPU adapter \(SwiftShader\)/);
    expect(lines[2].split(/\s{2,}/)).toEqual(['env', 'mode', 'algorithm', 'intervention', 'unit', 'cpu', 'webgpu (CPU adapter: SwiftShader)', 'vs cpu', 'GPU busy', 'KiB/run', 'family on GPU', 'agreement, or why not on the GPU']);
    expect(lines.find((l) => l.startsWith('tokens '))).toMatch(/^tokens +sampled +pg +none +transitions\/s +[\d.]+e[+-]\d+ +[\d.]+e[+-]\d+ +[\d.]+× +\d+% +[\d.]+ +agrees$/);
    // A refused row, while the kernel refuses any (read from the JSON run, not listed here).
    const refused = matrix.rows.find((row) => row.gpuRefused && !row.intervention.id && row.algorithm.id === row.algorithm.family);
    if (refused) {
      const row = new RegExp(`^${refused.env} +sampled +${refused.algorithm.id} +none +${refused.unit.replace('/', '\\/')} +[\\d.]+e[+-]\\d+ +— +— +— +— +not on the GPU: `);
      expect(lines.find((l) => l.startsWith(`${refused.env} `) && l.includes(` ${refused.algorithm.id} `))).toMatch(row);
      expect(text.stdout).toContain(`not on the GPU: ${refused.gpuRefused}`);
    }
  });

  it('--scale: the bench workload over growing run counts, the CPU timed up to --cpu-max-runs and the ratio above it marked as extrapolated', () => {
    // One run: the table on stdout, the JSON through --out (written whole, nothing beside it).
    const out = join(mkdtempSync(join(tmpdir(), 'bench-scale-')), 'scale.json');
    const text = bench('--scale', '--min-runs', '4', '--max-runs', '64', '--cpu-max-runs', '16', '--steps', '1', '--out', out);
    expect(text.code, text.stderr).toBe(0);
    expect(readdirSync(dirname(out))).toEqual(['scale.json']);
    const { scale } = JSON.parse(readFileSync(out, 'utf8')) as { scale: ScaleReport };
    expect(scale.adapter?.cpuAdapter).toBe('SwiftShader');
    expect(scale.points.map((p) => [p.runs, p.cpu.measured])).toEqual([
      [4, true],
      [16, true],
      [64, false],
    ]);
    const cpuAt16 = scale.points[1].cpu as { sampleStepsPerSecond: number };
    for (const p of scale.points) {
      const gpu = p.gpu!;
      expect(gpu.name).toBe('webgpu (CPU adapter: SwiftShader)');
      expect(gpu.sampleStepsPerSecond).toBeCloseTo((p.runs * 16 * 8) / gpu.seconds, 6);
      expect(gpu.gpuBytesPerRun).toBeGreaterThan(0);
      expect(gpu.gpuBusyFraction).toBeGreaterThan(0);
      if (p.cpu.measured) {
        expect(gpu.ratioToCpu).toBeCloseTo(gpu.sampleStepsPerSecond / p.cpu.sampleStepsPerSecond, 10);
        expect(gpu.extrapolatedFrom).toBeUndefined();
        expect(gpu.agreement).toEqual({ agrees: true, verdict: 'agrees' });
      } else {
        expect(p.cpu.reason).toBe('over --cpu-max-runs 16');
        expect(gpu.extrapolatedFrom).toBe(16);
        expect(gpu.ratioToCpu).toBeCloseTo(gpu.sampleStepsPerSecond / cpuAt16.sampleStepsPerSecond, 10);
        expect(gpu.agreement).toBeUndefined();
      }
    }
    const lines = text.stdout.split('\n');
    expect(lines[3].split(/\s{2,}/)).toEqual(['runs', 'webgpu (CPU adapter: SwiftShader) sample-steps/s', 'cpu sample-steps/s', 'vs cpu', 'GPU busy', 'KiB/run', 'agreement, or why not']);
    expect(lines[4]).toMatch(/^ +4 +[\d.]+e[+-]\d+ +[\d.]+e[+-]\d+ +[\d.]+× +\d+% +[\d.]+ +agrees$/);
    expect(lines[6]).toMatch(/^ +64 +[\d.]+e[+-]\d+ +not run \(over --cpu-max-runs 16\) +~[\d.]+× +\d+% +[\d.]+ +not compared \(no CPU run\)$/);

    // device-bench.sh's guard refuses the report as GPU figures (a CPU adapter) and accepts the
    // same report from an NVIDIA adapter.
    const verify = (file: string) => spawnSync('bash', ['scripts/device-bench.sh', 'verify', file], { encoding: 'utf8' });
    const onCpu = verify(out);
    expect(onCpu.status).toBe(4);
    expect(onCpu.stderr.trim()).toBe(`device-bench: ${out}: Dawn picked a CPU adapter (SwiftShader: ${scale.adapter!.name}); these are not GPU figures`);
    const nvidia = describeAdapterInfo({ vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200' }, false);
    const onGpu = join(dirname(out), 'gpu.json');
    writeFileSync(onGpu, JSON.stringify({ scale: { ...scale, adapter: nvidia } }));
    const gpu = verify(onGpu);
    expect(gpu.status, gpu.stderr).toBe(0);
    expect(gpu.stdout.trim()).toBe('adapter: NVIDIA H200 (vendor nvidia, architecture hopper), a GPU adapter');
    rmSync(dirname(out), { recursive: true });
  });
});
