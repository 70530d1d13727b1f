// Training-log readers and the law fit on them: synthetic logs in each format (known a, b and
// noise, written as verl, W&B, TRL and the lab write them) are read back and fitted to within a
// few percent; rows without the metrics or with NaN are skipped and counted exactly; W&B panel
// exports give one fit per run, also when entropy and reward come in two files; junk is refused
// with one message naming what was looked for and what was found.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/sim/io/csv';
import { fitLogRun, type RunLawFit } from '../../../src/sim/io/logFit';
import { mergePanelRuns, readTrainingLog } from '../../../src/sim/io/readTrainingLog';
import { parseLogNumber } from '../../../src/sim/io/trainingLog';
import { labCsv, labJsonl, syntheticRun, trainerStateJson, verlConsoleLog, wandbHistoryCsv, wandbPanelCsv, type SyntheticRun } from './syntheticLogs';

function fitFiles(files: Record<string, string>, options = {}): RunLawFit[] {
  const runs = Object.entries(files).flatMap(([name, text]) => {
    const read = readTrainingLog(name, text);
    if (!read.ok) throw new Error(read.error);
    return read.runs;
  });
  return mergePanelRuns(runs).map((run) => {
    const fitted = fitLogRun(run, options);
    if (!fitted.ok) throw new Error(fitted.error);
    return fitted.result;
  });
}

function errorOf(name: string, text: string, options = {}): string {
  const read = readTrainingLog(name, text);
  if (!read.ok) return read.error;
  for (const run of read.runs) {
    const fitted = fitLogRun(run, options);
    if (!fitted.ok) return fitted.error;
  }
  throw new Error('expected an error');
}

/** a and b within 5 % of the truth and within 4 standard errors. */
function expectLaw(result: RunLawFit, truth: SyntheticRun): void {
  const { a, b, seA, seB } = result.fit;
  expect(Math.abs(a! - truth.a) / truth.a).toBeLessThan(0.05);
  expect(Math.abs(b! - truth.b) / truth.b).toBeLessThan(0.05);
  expect(Math.abs(a! - truth.a)).toBeLessThan(4 * seA!);
  expect(Math.abs(b! - truth.b)).toBeLessThan(4 * seB!);
  expect(result.fit.supportsLaw).toBe(true);
}

const run = syntheticRun('run', { a: 0.15, b: 0.9, seed: 21 });

describe('training-log readers fit the law they were drawn from', () => {
  it('verl console log: Ray prefix, colour codes, numpy 2 reprs, noise lines; a NaN step skipped and counted', () => {
    const [r] = fitFiles({ 'train.log': verlConsoleLog(run, 40) });
    expect(r).toMatchObject({ format: 'verl console log', columns: { entropy: 'actor/entropy', reward: 'critic/score/mean' }, n: 149, skipped: { missing: 0, notFinite: 1 } });
    expect(r.series.step.slice(0, 3)).toEqual([1, 2, 3]);
    expect(r.series.step).not.toContain(40);
    expectLaw(r, run);
  });

  it('W&B run-history CSV: validation rows with empty metric cells and a NaN are skipped and counted', () => {
    const [r] = fitFiles({ 'wandb_export.csv': wandbHistoryCsv(run, 60) });
    expect(r).toMatchObject({ format: 'W&B run-history CSV', n: 149, skipped: { missing: 5, notFinite: 1 } });
    expectLaw(r, run);
  });

  it('TRL trainer_state.json: eval and summary rows (no entropy or reward) are skipped', () => {
    const [r] = fitFiles({ 'trainer_state.json': trainerStateJson(run) });
    expect(r).toMatchObject({ format: 'TRL trainer_state.json', columns: { entropy: 'entropy', reward: 'reward' }, n: 150, skipped: { missing: 7, notFinite: 0 } });
    expectLaw(r, run);
  });

  it('the lab’s CSV and JSONL exports: one fit per run, on the exact reward (CSV: its verl-named alias column)', () => {
    const other = syntheticRun('other', { a: 0.25, b: 1.1, n: 80, seed: 22 });
    for (const [name, text, rewardColumn] of [
      ['lab.csv', labCsv([run, other]), 'critic/score/mean'],
      ['lab.jsonl', labJsonl([run, other]), 'reward'],
    ]) {
      const fits = fitFiles({ [name]: text });
      expect(fits.map((f) => [f.name, f.n])).toEqual([
        [`${name} run 0`, 150],
        [`${name} run 1`, 80],
      ]);
      expect(fits[0].columns.reward).toBe(rewardColumn);
      expect(fits[0].series.reward).toEqual(run.reward);
      expectLaw(fits[0], run);
      expectLaw(fits[1], other);
    }
  });

  it('W&B panel export with two runs side by side gives two fits, in one file or split by metric over two', () => {
    const second = syntheticRun('clip-cov - 7b', { a: 0.1, b: 0.75, n: 120, h0: 1.8, hEnd: 0.5, seed: 23 });
    const entropyPanel = wandbPanelCsv([run, second], 'actor/entropy');
    const rewardPanel = wandbPanelCsv([run, second], 'critic/score/mean');
    const split = fitFiles({ 'entropy.csv': entropyPanel, 'reward.csv': rewardPanel });
    expect(split.map((f) => [f.name, f.file, f.n, f.format])).toEqual([
      ['run', 'entropy.csv + reward.csv', 150, 'W&B panel CSV'],
      ['clip-cov - 7b', 'entropy.csv + reward.csv', 120, 'W&B panel CSV'],
    ]);
    expectLaw(split[0], run);
    expectLaw(split[1], second);
    // One panel holding both metrics: join the two files' columns on the step.
    const entropyRows = parseCsv(entropyPanel);
    const rewardRows = parseCsv(rewardPanel);
    const quote = (c: string) => (c.includes(' ') || c.includes('/') ? JSON.stringify(c) : c);
    const both = entropyRows.map((row, i) => [...row, ...rewardRows[i].slice(1)].map(quote).join(',')).join('\n');
    const together = fitFiles({ 'panel.csv': both });
    expect(together.map((f) => [f.name, f.n])).toEqual([
      ['run', 150],
      ['clip-cov - 7b', 120],
    ]);
    expect(together[1].fit.a).toBe(split[1].fit.a);
  });

  it('the early fit sees the first fraction of the steps and forecasts the final reward', () => {
    const [r] = fitFiles({ 'train.log': verlConsoleLog(run, -1) }, { earlyFraction: 0.25 });
    expect(r.earlyFit!.fraction).toBe(0.25);
    expect(r.earlyFit!.n).toBe(Math.ceil(150 * 0.25));
    expect(r.earlyFit!.actualFinal).toBe(run.reward.at(-1));
    expect(r.earlyFit!.error).toBeCloseTo(r.earlyFit!.predictedFinal! - r.earlyFit!.actualFinal, 12);
    // Drawn from the law, the forecast misses by about the noise, not by the reward's range.
    expect(Math.abs(r.earlyFit!.error!)).toBeLessThan(0.06);
  });

  it('named columns replace the defaults', () => {
    const text = wandbHistoryCsv(run).replace('"actor/entropy"', '"policy/H"').replace('"critic/score/mean"', '"acc"');
    expect(errorOf('x.csv', text)).toMatch(/no entropy \(looked for actor\/entropy, entropy, train\/entropy\) or reward .* column; found: _step, _runtime, _timestamp, policy\/H, acc/);
    const [r] = fitFiles({ 'x.csv': text }, { entropyColumns: ['policy/H'], rewardColumns: ['acc'] });
    expectLaw(r, run);
  });
});

describe('junk is refused with one message', () => {
  it('names the file and what was wrong', () => {
    expect(errorOf('empty.log', '  \n')).toBe('empty.log: the file is empty');
    expect(errorOf('notes.txt', 'hello world\nnothing here\n')).toMatch(/^notes\.txt: not a training log this reads \(expected a verl console log, a W&B CSV export/);
    expect(errorOf('list.json', '[1, 2]')).toMatch(/a JSON list/);
    expect(errorOf('bad.jsonl', '{"step":1,"entropy":1,"reward":0}\n{oops\n')).toBe('bad.jsonl: line 2 is not JSON (expected one JSON object per line)');
    expect(errorOf('header.csv', 'step,entropy,reward\n')).toMatch(/no data rows below the header/);
    expect(errorOf('loss.log', 'step:1 - actor/pg_loss:0.1\nstep:2 - actor/pg_loss:0.2\n')).toBe(
      'loss.log: no entropy (looked for actor/entropy, entropy, train/entropy) or reward (looked for critic/score/mean, critic/rewards/mean, reward, train/reward) column; found: actor/pg_loss',
    );
    expect(errorOf('state.json', JSON.stringify({ log_history: [{ step: 1, loss: 0.3, entropy: 1.2 }] }))).toMatch(/^state\.json: no reward \(looked for .*\) column; found: step, loss, entropy$/);
  });
});

describe('log cells', () => {
  it('reads numpy 2 reprs, Python’s nan and inf, and leaves empty cells missing', () => {
    expect(parseLogNumber('np.float64(0.43)')).toBe(0.43);
    expect(parseLogNumber('np.int64(7)')).toBe(7);
    expect(parseLogNumber('np.float32(nan)')).toBeNaN();
    expect(parseLogNumber('-inf')).toBe(-Infinity);
    expect(parseLogNumber('  ')).toBeUndefined();
    expect(parseLogNumber('tensor(0.5)')).toBeNaN();
  });

  it('parses quoted CSV cells with commas, quotes and line breaks', () => {
    expect(parseCsv('\ufeff"a, b","say ""hi""",c\r\n1,"2\n3",\n\n')).toEqual([
      ['a, b', 'say "hi"', 'c'],
      ['1', '2\n3', ''],
    ]);
  });

  it('keeps the last line of a step a resumed verl run logged twice', () => {
    const [r] = fitFiles({ 'resumed.log': 'step:1 - actor/entropy:1 - critic/score/mean:0\nstep:2 - actor/entropy:0.5 - critic/score/mean:0.5\nstep:1 - actor/entropy:0.9 - critic/score/mean:0.1\n' });
    expect(r.series).toEqual({ step: [1, 2], entropy: [0.9, 0.5], reward: [0.1, 0.5] });
  });
});
