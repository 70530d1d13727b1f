// Experiment files: export → import gives the same config, records and summary; damaged
// files are refused with a message naming what was wrong, never an exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { fromExperimentFile, toExperimentFile } from '../../src/sim/experimentFile';
import { presetById } from '../../src/sim/presets';
import { recordsByRun, summarize } from '../../src/sim/summary';

function experiment() {
  const r = parseConfig({ ...presetById('tokens-grpo-collapse')!.config, steps: 6, runs: 3 });
  if (!r.ok) throw new Error('bad preset');
  const backend = new CpuBackend(r.config);
  const records = recordsByRun(backend.advanceSync(6), 3);
  return { config: r.config, records, statuses: backend.statuses() };
}

describe('experiment file', () => {
  it('round-trips config, records and summary exactly', () => {
    const { config, records, statuses } = experiment();
    const text = JSON.stringify(toExperimentFile('collapse', 'cpu', config, records, statuses));
    const back = fromExperimentFile(text);
    if (!back.ok) throw new Error(back.error);
    expect(back.experiment.config).toEqual(config);
    expect(back.experiment.records).toEqual(records);
    expect(back.experiment.summary).toEqual(summarize('cpu', records, statuses));
    expect(back.experiment.name).toBe('collapse');
  });

  it('refuses damaged files with a message naming the part', () => {
    const { config, records, statuses } = experiment();
    const good = toExperimentFile('x', 'cpu', config, records, statuses);
    const cases: [unknown, RegExp][] = [
      ['not json', /^not valid JSON/],
      [{ ...good, format: 'other' }, /^format:/],
      [{ ...good, version: 2 }, /^version:/],
      [{ ...good, config: { ...good.config, env: { type: 'tokens', vocab: -1 } } }, /^config: env\.vocab/],
      [{ ...good, rows: good.rows.slice(1) }, /^rows:/],
      [{ ...good, rows: [[[1, 2]], ...good.rows.slice(1)] }, /^rows\[0\]\[0\]/],
      [{ ...good, columns: ['run'] }, /^columns:/],
    ];
    for (const [value, pattern] of cases) {
      const r = fromExperimentFile(typeof value === 'string' ? value : JSON.stringify(value));
      expect(r.ok ? 'accepted' : r.error).toMatch(pattern);
    }
  });

  it('never throws on 1000 random or mutated files', () => {
    const { config, records, statuses } = experiment();
    const good = JSON.stringify(toExperimentFile('x', 'cpu', config, records, statuses));
    const mutated = fc.tuple(fc.nat(good.length), fc.nat(40), fc.string({ maxLength: 8 })).map(([at, cut, ins]) => good.slice(0, at) + ins + good.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(mutated, fc.json(), fc.string()), (text) => {
        const r = fromExperimentFile(text);
        if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000, seed: 5 },
    );
  });
});
