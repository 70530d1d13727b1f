// The CLI as a child process (node scripts/run-ts.mjs src/cli/sim.ts …): byte-identical JSONL
// on repeated runs, CSV with the same numbers, and bad input answered by exit code 2 and one
// stderr line naming the field, no stack trace, no partial --out file.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

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

