// The CLI as a child process (node scripts/run-ts.mjs src/cli/sim.ts …): byte-identical JSONL
// on repeated runs and on one or several worker threads, CSV with the same numbers, sweeps' cell
// lines, and bad input answered by exit code 2 and one stderr line naming the field, no stack
// trace, no partial --out file; --emit prints the verl/TRL config instead of running.
import { spawn, spawnSync } from 'node:child_process';
import { GPU_TOLERANCE } from '../../src/kernels-wgsl/agreement';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/sim/config';
import { trlConfigYaml } from '../../src/sim/io/trlConfig';
import { verlConfigYaml } from '../../src/sim/io/verlConfig';

const dir = mkdtempSync(join(tmpdir(), 'entropy-lab-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sim(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'src/cli/sim.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function configFile(name: string, config: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof config === 'string' ? config : JSON.stringify(config));
  return path;
}

const good = {
  version: 1,
  steps: 6,
  runs: 2,
  env: { type: 'tokens', prompts: 4, sharedSuffix: true },
  algorithm: { type: 'grpo', mode: 'sampled', lr: 1, groupSize: 4 },
};

describe('sim CLI', () => {
  it('gives byte-identical JSONL twice, and CSV rows carrying the same numbers', () => {
    const file = configFile('good.json', good);
    const a = sim(file);
    const b = sim(file);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    expect(b.stdout).toBe(a.stdout);
    // The runs split over worker threads (here 2, and 3 for 2 runs) print the same bytes.
    for (const threads of ['1', '2', '3']) expect(sim(file, '--threads', threads).stdout).toBe(a.stdout);
    const lines = a.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const steps = lines.filter((l) => l.type === 'step');
    expect(steps).toHaveLength(12);
    const summary = lines.at(-1);
    expect(summary.type).toBe('summary');
    // The early fit reports its forecast together with its error against the final reward.
    expect(summary.earlyFit.error).toBeCloseTo(summary.earlyFit.predictedFinal - summary.earlyFit.actualFinal, 12);

    const out = join(dir, 'good.csv');
    expect(sim(file, '--format', 'csv', '--out', out).code).toBe(0);
    const [header, ...rows] = readFileSync(out, 'utf8').trim().split('\n');
    const columns = header.split(',');
    expect(rows).toHaveLength(steps.length);
    rows.forEach((row, i) => {
      const cells = row.split(',');
      for (const [c, key] of columns.entries()) {
        if (key === 'type') continue;
        expect(Number(cells[c])).toBe(steps[i][key]);
      }
    });
  });

  const bad: [string, string[], RegExp][] = [
    ['missing file', [join(dir, 'absent.json')], /absent\.json/],
    ['invalid JSON', [configFile('broken.json', '{"version": 1,')], /invalid JSON/],
    ['unknown env type', [configFile('type.json', { ...good, env: { type: 'casino' } })], /env\.type/],
    ['negative arms', [configFile('arms.json', { ...good, env: { type: 'bandit', arms: -3 } })], /env\.arms/],
    ['wrong version', [configFile('version.json', { ...good, version: 99 })], /version: unsupported/],
    ['unknown field', [configFile('field.json', { ...good, algorithm: { ...good.algorithm, lrr: 1 } })], /algorithm\.lrr: unknown field/],
    ['unknown option', [configFile('opt.json', good), '--fast'], /--fast/],
    ['unknown sweep path', [configFile('sweep-path.json', { ...good, sweep: { axes: [{ path: 'interventions.0.coef', values: [1] }] } })], /sweep\.axes\[0\]\.path/],
    ['non-numeric sweep value', [configFile('sweep-value.json', { ...good, sweep: { axes: [{ path: 'algorithm.lr', values: [1, 'a'] }] } })], /sweep\.axes\[0\]\.values\[1\]: expected a number/],
    ['too many sweep cells', [configFile('sweep-cells.json', { ...good, sweep: { axes: [{ path: 'algorithm.lr', values: Array(101).fill(1) }, { path: 'seed', values: Array(100).fill(1) }] } })], /sweep\.axes: 10100 cells/],
    ['sweep runs beyond the limit', [configFile('sweep-runs.json', { ...good, runs: 600_000, sweep: { axes: [{ path: 'seed', values: [1, 2] }] } })], /^entropy-lab sim: invalid sweep: runs: /],
    ['a sweep as CSV', [configFile('sweep-csv.json', { ...good, sweep: { axes: [{ path: 'seed', values: [1, 2] }] } }), '--format', 'csv'], /--format csv/],
    ['unknown emitter', [configFile('emit.json', good), '--emit', 'openrlhf'], /--emit: expected verl or trl, got openrlhf/],
    ['emit with a format', [configFile('emitcsv.json', good), '--emit', 'verl', '--format', 'csv'], /--format does not apply/],
    ['zero threads', [configFile('threads.json', good), '--threads', '0'], /--threads needs a whole number from 1 to 1024, got 0/],
  ];
  for (const [what, args, names] of bad) {
    it(`${what}: exit 2, one stderr line naming it, no stack trace, no --out file`, () => {
      const out = join(dir, `${what.replace(/ /g, '-')}.jsonl`);
      const r = sim(...args, '--out', out);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.split('\n').filter((l) => l !== '');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(names);
      expect(lines[0]).not.toMatch(/\bat .*:\d+:\d+/);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('prints one cell line per sweep cell, and step lines with their cell under --records', () => {
    const file = configFile('sweep.json', { ...good, sweep: { axes: [{ path: 'algorithm.lr', values: [0.5, 1] }, { path: 'algorithm.groupSize', values: [2, 4] }] } });
    const cells = sim(file).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(cells.map((c) => [c.type, c.index, c.values, c.runs])).toEqual([
      ['cell', 0, { 'algorithm.lr': 0.5, 'algorithm.groupSize': 2 }, 2],
      ['cell', 1, { 'algorithm.lr': 0.5, 'algorithm.groupSize': 4 }, 2],
      ['cell', 2, { 'algorithm.lr': 1, 'algorithm.groupSize': 2 }, 2],
      ['cell', 3, { 'algorithm.lr': 1, 'algorithm.groupSize': 4 }, 2],
    ]);
    for (const c of cells) for (const key of ['finalEntropy', 'finalReward', 'meanEntropy']) expect(Object.keys(c[key])).toEqual(['mean', 'se']);
    // Cell 3 is the `good` config itself: its final entropy is that run's.
    const alone = sim(configFile('good-again.json', good)).stdout.trim().split('\n').map((l) => JSON.parse(l));
    const finals = alone.filter((l) => l.type === 'step' && l.step === 5).map((l) => l.entropy);
    expect(cells[3].finalEntropy.mean).toBeCloseTo((finals[0] + finals[1]) / 2, 12);

    const withRecords = sim(file, '--records').stdout.trim().split('\n').map((l) => JSON.parse(l));
    const steps = withRecords.filter((l) => l.type === 'step');
    expect(steps).toHaveLength(4 * 2 * 6);
    expect(steps.filter((l) => l.cell === 3)).toEqual(alone.filter((l) => l.type === 'step').map((l) => ({ ...l, cell: 3 })));
    expect(withRecords.filter((l) => l.type === 'cell')).toEqual(cells);
  });

  it('with backend webgpu, an exact-NPG learning-rate sweep trains its cells as one GPU ensemble and prints the CPU’s cells within float32 tolerance', () => {
    const sweep = { version: 1, seed: 2, steps: 30, runs: 4, env: { type: 'contextual' }, policy: { type: 'tabular', init: { type: 'random', scale: 1 } }, algorithm: { type: 'npg', mode: 'exact', lr: 0.1 }, sweep: { axes: [{ path: 'algorithm.lr', values: [0.05, 0.2, 0.8] }] } };
    const cellsOn = (backend: string) => {
      const r = sim(configFile(`sweep-${backend}.json`, { ...sweep, backend }));
      expect(r.stderr).toBe('');
      return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    };
    const [gpu, cpu] = [cellsOn('webgpu'), cellsOn('cpu')];
    expect(gpu.map((c) => c.values)).toEqual(cpu.map((c) => c.values));
    for (const [i, c] of cpu.entries()) {
      for (const key of ['finalEntropy', 'finalReward', 'meanEntropy']) expect(Math.abs(gpu[i][key].mean - c[key].mean), `cell ${i} ${key}`).toBeLessThanOrEqual(GPU_TOLERANCE * Math.max(1, Math.abs(c[key].mean)));
    }
  });

  it('--emit prints the verl or TRL config the library functions give, without running (also to --out)', () => {
    const file = configFile('emit-ok.json', { ...good, algorithm: { ...good.algorithm, type: 'drgrpo', epochs: 2 }, interventions: [{ type: 'clipHigher' }] });
    const config = parseConfig(JSON.parse(readFileSync(file, 'utf8')));
    if (!config.ok) throw new Error('bad test config');
    const verl = sim(file, '--emit', 'verl');
    expect(verl.code).toBe(0);
    expect(verl.stdout).toBe(verlConfigYaml(config.config));
    expect(verl.stdout).toMatch(/loss_agg_mode: seq-mean-token-sum-norm/);
    const out = join(dir, 'grpo.trl.yaml');
    expect(sim(file, '--emit', 'trl', '--out', out).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(trlConfigYaml(config.config));
  });

  it('leaves no temporary files behind', () => {
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('stops quietly when its reader goes away (npm run sim -- … | head)', async () => {
    const child = spawn(process.execPath, ['scripts/run-ts.mjs', 'src/cli/sim.ts', '#v=1&steps=1000000&runs=4&env=bandit&algo=pg'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const firstLine = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
      });
    });
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(JSON.parse(firstLine)).toMatchObject({ type: 'step', run: 0, step: 0 });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

