// CSV export carries the CLI's names plus verl/TRL aliases with equal values, and reads back
// to the same records; malformed CSV gets a message naming the line and column.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { aliasColumns, recordColumns, recordsFromCsv, recordsToCsv } from '../../src/sim/exportFormats';
import { presetById } from '../../src/sim/presets';
import type { StepRecord } from '../../src/sim/types';

function records(preset: string, steps: number): StepRecord[] {
  const r = parseConfig({ ...presetById(preset)!.config, steps, runs: 2 });
  if (!r.ok) throw new Error('bad preset');
  return new CpuBackend(r.config).advanceSync(steps);
}

describe('CSV export', () => {
  it('writes the CLI columns then verl/TRL aliases holding the same values, and reads back exactly', () => {
    const recs = records('tokens-grpo-collapse', 5);
    const csv = recordsToCsv(recs);
    const header = csv.split('\n')[0].split(',');
    const columns = recordColumns(recs);
    expect(header.slice(0, columns.length)).toEqual(columns);
    expect(header).toContain('actor/entropy');
    expect(header).toContain('actor/pg_clipfrac');
    const row = csv.split('\n')[1].split(',');
    for (const [alias, key] of aliasColumns(columns)) expect(row[header.indexOf(alias)]).toBe(row[header.indexOf(key)]);
    const back = recordsFromCsv(csv);
    expect(back.ok && back.records).toEqual(recs);
  });

  it('names the line and column of bad cells, and missing required columns', () => {
    const csv = recordsToCsv(records('bandit-pg', 3), { aliases: false });
    const lines = csv.trim().split('\n');
    lines[2] = lines[2].replace(/^(\d+),(\d+),[^,]+/, '$1,$2,oops');
    const bad = recordsFromCsv(lines.join('\n'));
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/^line 3, column entropy: expected a number/) });
    expect(recordsFromCsv('step,entropy\n0,1')).toEqual({ ok: false, error: expect.stringMatching(/missing the "run" column/) });
    expect(recordsFromCsv('')).toEqual({ ok: false, error: 'the file is empty' });
  });

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.string()).map((l) => ['run,step,entropy,reward', ...l].join('\n'))), (text) => {
        const r = recordsFromCsv(text);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000, seed: 3 },
    );
  });
});
