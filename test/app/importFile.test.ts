// Importing a file: an experiment JSON and a metrics CSV read back to the exact records the lab
// exported; a CSV that does not fit the current experiment, or any malformed file, gives one
// message naming the file (and line) and changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readImportedFile } from '../../src/app/share/importFile';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { toExperimentFile } from '../../src/sim/experimentFile';
import { recordsToCsv } from '../../src/sim/exportFormats';
import { presetById } from '../../src/sim/presets';
import type { StepRecord } from '../../src/sim/types';

function run(preset: string, steps: number, runs = 2): { config: ExperimentConfig; records: StepRecord[] } {
  const r = parseConfig({ ...presetById(preset)!.config, steps, runs });
  if (!r.ok) throw new Error('bad preset');
  return { config: r.config, records: new CpuBackend(r.config).advanceSync(steps) };
}

const byRun = (records: StepRecord[], runs: number) => Array.from({ length: runs }, (_, k) => records.filter((r) => r.run === k));

describe('file import', () => {
  const lab = run('tokens-grpo-collapse', 4);
  const other = run('bandit-pg', 3, 3).config;

  it('reads an exported experiment back to its config and records, whatever the current settings', () => {
    const file = toExperimentFile('collapse', 'cpu', lab.config, byRun(lab.records, 2), [{ status: 'running' }, { status: 'running' }]);
    const back = readImportedFile('collapse.experiment.json', JSON.stringify(file), other);
    expect(back.ok && back.config).toEqual(lab.config);
    expect(back.ok && byRun(back.records, 2)).toEqual(byRun(lab.records, 2));
    expect(back.ok && back.summary).toMatch(/^Loaded collapse: 4 steps of 2 runs/);
  });

  it('reads an exported CSV back to the same records under the current settings', () => {
    const back = readImportedFile('m.CSV', recordsToCsv(lab.records), lab.config);
    expect(back.ok && back.config).toBe(lab.config);
    expect(back.ok && back.records).toEqual(lab.records);
    expect(back.ok && back.summary).toMatch(/4 steps of 2 runs/);
  });

  it('refuses a CSV that does not fit the current experiment, naming the line', () => {
    const csv = recordsToCsv(lab.records, { aliases: false });
    const lines = csv.trim().split('\n');
    expect(readImportedFile('a.csv', csv, { ...lab.config, runs: 1 })).toEqual({ ok: false, error: expect.stringMatching(/^a\.csv: line \d+: run 1, but the current experiment has 1 runs.*Nothing was changed\.$/) });
    expect(readImportedFile('a.csv', csv, { ...lab.config, runs: 3 })).toEqual({ ok: false, error: expect.stringMatching(/run 2 has no rows/) });
    expect(readImportedFile('a.csv', csv, { ...lab.config, steps: 2 })).toEqual({ ok: false, error: expect.stringMatching(/step 2 is past the current experiment's 2 steps/) });
    const skipped = [lines[0], ...lines.slice(1).filter((l) => !/^0,1,/.test(l))].join('\n');
    expect(readImportedFile('a.csv', skipped, lab.config)).toEqual({ ok: false, error: expect.stringMatching(/run 0 step 2, expected step 1/) });
    expect(readImportedFile('a.csv', lines[0], lab.config)).toEqual({ ok: false, error: expect.stringMatching(/no data rows/) });
  });

  it('never throws on random or mangled files and always names the file', () => {
    const csv = recordsToCsv(lab.records, { aliases: false });
    const json = JSON.stringify(toExperimentFile('x', 'cpu', lab.config, byRun(lab.records, 2), []));
    const mangle = (text: string) => fc.tuple(fc.nat(text.length), fc.nat(40), fc.string({ maxLength: 12 })).map(([at, cut, put]) => text.slice(0, at) + put + text.slice(at + cut));
    const text = fc.oneof(fc.string({ maxLength: 200 }), mangle(csv), mangle(json), fc.json());
    fc.assert(
      fc.property(fc.constantFrom('f.csv', 'f.json', 'f'), text, (name, body) => {
        const r = readImportedFile(name, body, lab.config);
        if (!r.ok) expect(r.error).toMatch(/^f(\.csv|\.json)?: .+\. Nothing was changed\.$/s);
        else expect(r.records.every((rec) => Number.isInteger(rec.run) && rec.run < r.config.runs)).toBe(true);
      }),
      { numRuns: 1200 },
    );
  });
});
