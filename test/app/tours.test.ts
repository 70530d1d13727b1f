// Guided tours: every step's config parses, every question has one right answer, tours cover
// science.md findings 1–8, and the answers the tours call right match what the core measures.
import { describe, expect, it } from 'vitest';
import { PANEL_IDS as EMBED_PANELS } from '../../src/app/panels';
import { TOURS } from '../../src/app/tours/tours';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { runToEnd } from '../../src/sim/runner';

function configOf(tourId: string, step: number, overrides: Record<string, unknown> = {}): ExperimentConfig {
  const tour = TOURS.find((t) => t.id === tourId)!;
  const parsed = parseConfig({ ...tour.steps[step].config, ...overrides });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
}

async function entropyAt(config: ExperimentConfig, step: number): Promise<number> {
  const { records } = await runToEnd(config, new CpuBackend(config));
  return records[0][step - 1].entropy;
}

describe('guided tours', () => {
  it('cover findings 1–8 with valid configs, one right answer each and a chart to watch', () => {
    expect(TOURS.map((t) => t.finding).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(TOURS.map((t) => t.id)).size).toBe(TOURS.length);
    for (const tour of TOURS) {
      for (const step of tour.steps) {
        const parsed = parseConfig(step.config);
        expect(parsed.ok ? [] : parsed.issues, `${tour.id}: ${step.title}`).toEqual([]);
        expect(step.choices.filter((c) => c.correct)).toHaveLength(1);
        expect(EMBED_PANELS).toContain(step.watch);
      }
    }
  });

  it('puts the right answer in different places, not always first', () => {
    const positions = new Set(TOURS.flatMap((t) => t.steps.map((s) => s.choices.findIndex((c) => c.correct))));
    expect(positions.size).toBeGreaterThan(1);
  });

  it('finding 6: natural PG has lower entropy than PG at step 30 from the same start, as the tour says', async () => {
    const pg = await entropyAt(configOf('natural-gradient', 0, { steps: 30 }), 30);
    const npg = await entropyAt(configOf('natural-gradient', 1, { steps: 30 }), 30);
    expect(npg).toBeLessThan(pg);
  });

  it('finding 2: in exact mode the measured ΔH sits on y = x, with a second-order gap', async () => {
    const config = configOf('covariance-predicts', 0, { steps: 60 });
    const { records } = await runToEnd(config, new CpuBackend(config));
    const points = records[0].map((r) => [r.predictedDeltaH, r.deltaH]);
    // Coefficient of determination about the line y = x itself (not a fitted line).
    const mean = points.reduce((a, p) => a + p[1], 0) / points.length;
    const residual = points.reduce((a, [x, y]) => a + (y - x) ** 2, 0);
    const total = points.reduce((a, [, y]) => a + (y - mean) ** 2, 0);
    expect(1 - residual / total).toBeGreaterThan(0.95);
    // Second order: halving the learning rate quarters the first step's gap.
    const gap = async (lr: number) => {
      const c = configOf('covariance-predicts', 0, { steps: 1, algorithm: { ...config.algorithm, lr } });
      const r = (await runToEnd(c, new CpuBackend(c))).records[0][0];
      return Math.abs(r.deltaH - r.predictedDeltaH);
    };
    const ratio = (await gap(0.2)) / (await gap(0.1));
    expect(ratio).toBeGreaterThan(3);
    expect(ratio).toBeLessThan(5);
  });

  it('finding 1: the token-task collapse loses most of its entropy within 50 steps', async () => {
    const config = configOf('collapse', 0, { steps: 50, runs: 2 });
    const { records } = await runToEnd(config, new CpuBackend(config));
    for (const run of records) expect(run[49].entropy).toBeLessThan(0.5 * run[0].entropy);
  });
});
