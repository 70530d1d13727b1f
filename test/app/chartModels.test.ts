// Chart models on real runs: the idle-intervention warning fires for Clip-Cov at the paper's
// ratio under the lab's rounding (round(r·N) = 0 tokens) and stays quiet at a lab-scale ratio;
// the law model's points are the runs' (H, R) pairs.
import { describe, expect, it } from 'vitest';
import { idleInterventionWarnings, lawModel, rangeWithZero } from '../../src/app/charts/chartModels';
import { RunData } from '../../src/app/data/runData';
import { parseConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { presetById } from '../../src/sim/presets';
import { runToEnd } from '../../src/sim/runner';

async function runData(presetId: string, interventions?: Record<string, unknown>[]): Promise<RunData> {
  const preset = presetById(presetId)!.config;
  const parsed = parseConfig({ ...preset, steps: 6, runs: 2, ...(interventions ? { interventions } : {}) });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const { records } = await runToEnd(parsed.config, new CpuBackend(parsed.config));
  const data = new RunData();
  data.clear(2, 6);
  data.append(records.flat());
  return data;
}

describe('chart models', () => {
  it('warns that Clip-Cov at the paper’s ratio never acted, and not at a lab-scale ratio', async () => {
    const inert = await runData('paper-decoy-grpo', [{ type: 'clipCov', ratio: 2e-4 }]);
    expect(inert.series('clipCovFrac').flat().every((v) => v === 0)).toBe(true);
    expect(idleInterventionWarnings(inert)).toEqual([expect.stringMatching(/^clipCovFrac = 0 on every step so far/)]);
    const acting = await runData('paper-decoy-clipcov');
    expect(acting.latestMetrics().clipCovFrac).toBeGreaterThan(0);
    expect(idleInterventionWarnings(acting)).toEqual([]);
  });

  it('the law model plots every (entropy, reward) pair of every run', async () => {
    const data = await runData('paper-decoy-grpo');
    const model = lawModel(data);
    expect(model.points).toHaveLength(12);
    expect(model.points[0]).toEqual([data.recordsByRun()[0][0].entropy, data.recordsByRun()[0][0].reward]);
  });
});

describe('rangeWithZero', () => {
  it('spans 0 and every x, even for more points than a call takes as arguments', () => {
    const points = Array.from({ length: 300_000 }, (_, i): [number, number] => [i / 1000 + 0.5, 0]);
    expect(rangeWithZero(points)).toEqual([0, 299_999 / 1000 + 0.5]);
    expect(rangeWithZero([[-2, 1], [-1, 0]])).toEqual([-2, 0]);
  });
});
