// `npm run fit` as a child process on the committed fixture logs (the README's examples): they
// are what the synthetic writers produce, --json prints exactly one object with a fit per run
// near the a and b each was drawn from, the text table names every run, and junk files, missing
// files and bad flags exit 2 with one stderr line and nothing on stdout.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_RUNS, fixtureLogs } from '../sim/io/syntheticLogs';

const FIXTURES = 'test/fixtures/logs';
const dir = mkdtempSync(join(tmpdir(), 'entropy-lab-fit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fit(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'src/cli/fit.ts', ...args], { encoding: 'utf8', env: { ...process.env, INIT_CWD: process.cwd() } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectOneLineError(r: ReturnType<typeof fit>, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('fit CLI', () => {
  it('the committed fixture logs are the synthetic writers’ output', () => {
    for (const [name, text] of Object.entries(fixtureLogs())) expect(readFileSync(join(FIXTURES, name), 'utf8'), name).toBe(text);
  });

  it('--json prints one object with a fit per run, near the law each run was drawn from', () => {
    const files = ['verl-console.log', 'wandb-history.csv', 'wandb-panel-entropy.csv', 'wandb-panel-reward.csv', 'trainer_state.json', 'lab-export.csv'];
    const r = fit(...files.map((f) => join(FIXTURES, f)), '--json', '--early', '0.4');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    const { runs } = JSON.parse(r.stdout);
    const truth = FIXTURE_RUNS;
    const expected = [truth.verl, truth.history, truth.grpo, truth.clipCov, truth.trl, truth.lab0, truth.lab1];
    expect(runs).toHaveLength(expected.length);
    runs.forEach((run: { name: string; n: number; fit: Record<string, number>; earlyFit: Record<string, number> }, i: number) => {
      expect(Object.keys(run)).toEqual(['name', 'file', 'format', 'columns', 'n', 'skipped', 'fit', 'earlyFit']);
      expect(Object.keys(run.fit)).toEqual(expect.arrayContaining(['a', 'b', 'r2', 'ceiling', 'seA', 'seB']));
      expect(Object.keys(run.earlyFit)).toEqual(expect.arrayContaining(['fraction', 'a', 'b', 'predictedFinal', 'actualFinal', 'error']));
      expect(run.earlyFit.fraction).toBe(0.4);
      expect(Math.abs(run.fit.a - expected[i].a) / expected[i].a, run.name).toBeLessThan(0.05);
      expect(Math.abs(run.fit.b - expected[i].b) / expected[i].b, run.name).toBeLessThan(0.05);
      expect(run.fit.ceiling).toBeCloseTo(run.fit.b - run.fit.a, 12);
    });
    expect(runs.map((x: { name: string }) => x.name).slice(2, 4)).toEqual(['qwen7b-grpo', 'qwen7b-clip-cov']);
    expect(runs[4].skipped).toEqual({ missing: 7, notFinite: 0 });
  });

  it('prints a table naming each run, with the skipped rows explained', () => {
    const r = fit(join(FIXTURES, 'wandb-history.csv'), join(FIXTURES, 'lab-export.jsonl'));
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^run\s+n\s+skipped\s+a\s+± se\s+b\s+± se\s+R²\s+ceiling b−a\s+early fit \(first 33%\)/);
    expect(lines.slice(1, 4).map((l) => l.split(/\s{2,}/)[0])).toEqual([`${FIXTURES}/wandb-history.csv`, `${FIXTURES}/lab-export.jsonl run 0`, `${FIXTURES}/lab-export.jsonl run 1`]);
    expect(r.stdout).toMatch(/wandb-history\.csv: skipped 5 rows without actor\/entropy or critic\/score\/mean, 1 with a value that is not a finite number/);
  });

  it('exits 2 with one line for junk, missing files and bad flags', () => {
    const junk = join(dir, 'metrics.csv');
    writeFileSync(junk, 'epoch,loss,accuracy\n1,0.5,0.7\n2,0.4,0.8\n');
    expectOneLineError(fit(junk), /^entropy-lab fit: .*metrics\.csv: no entropy \(looked for actor\/entropy, entropy, train\/entropy\) or reward \(looked for critic\/score\/mean, critic\/rewards\/mean, reward, train\/reward\) column; found: epoch, loss, accuracy\n$/);
    expectOneLineError(fit(join(FIXTURES, 'verl-console.log'), junk, '--json'), /metrics\.csv: no entropy/);
    expectOneLineError(fit(join(FIXTURES, 'wandb-panel-entropy.csv')), /qwen7b-grpo: no reward \(looked for .*\) column; found: actor\/entropy$/m);
    expectOneLineError(fit(join(dir, 'nope.log')), /nope\.log: cannot read the file \(ENOENT\)/);
    expectOneLineError(fit(join(FIXTURES, 'verl-console.log'), '--early', '1.5'), /--early: expected a fraction between 0 and 1/);
    expectOneLineError(fit(join(FIXTURES, 'verl-console.log'), '--entropy'), /--entropy: expected a value/);
    expectOneLineError(fit('--json'), /usage: npm run fit -- <file…>/);
    expectOneLineError(fit(join(FIXTURES, 'verl-console.log'), '--reward', 'acc'), /no reward \(looked for acc\) column; found: global_seqlen\/mean, actor\/entropy/);
  });
});
