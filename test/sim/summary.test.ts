// The streamed summary (issue 13): built tick by tick without keeping records, it gives the fit
// of all points whatever the tick size, the per-step bands of the records, the early fit on the
// first third of the configured steps, and thins its bands on a long run instead of growing.
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { bandsByStep } from '../../src/sim/ensemble';
import { earlyFit, fitLaw, LawAccumulator } from '../../src/sim/fit';
import { runToEnd } from '../../src/sim/runner';
import { SUMMARY_BAND_CAPACITY, SummaryBuilder } from '../../src/sim/summary';
import type { StepRecord } from '../../src/sim/types';
import { parse } from './interventions/helpers';

const config = parse({ version: 1, seed: 4, steps: 60, runs: 5, env: { type: 'tokens', prompts: 4, vocab: 6, length: 3 }, algorithm: { type: 'grpo', lr: 1, groupSize: 6 } });

describe('streamed summary', () => {
  it('merged running sums equal one pass over all points (Chan et al.), to rounding', () => {
    const xs = Array.from({ length: 300 }, (_, i) => 2 - i / 200);
    const ys = xs.map((x, i) => -0.3 * Math.exp(x) + 1.1 + 0.01 * Math.sin(i));
    const whole = fitLaw(xs, ys);
    const parts = [new LawAccumulator(), new LawAccumulator(), new LawAccumulator()];
    xs.forEach((x, i) => parts[i % 3].add(x, ys[i]));
    const merged = new LawAccumulator();
    for (const p of parts) merged.merge(p);
    const fit = merged.fit();
    for (const key of ['a', 'b', 'r2', 'seA', 'seB'] as const) expect(fit[key]!).toBeCloseTo(whole[key]!, 10);
    expect(fit.n).toBe(300);
  });

  it('does not depend on the tick size, and matches the batch fit, bands and early fit of the same records', async () => {
    const a = await runToEnd(config, new CpuBackend(config), { stepsPerTick: 1 });
    const b = await runToEnd(config, new CpuBackend(config), { stepsPerTick: 17, keepRecords: false });
    expect(b.records.flat()).toEqual([]);
    expect(b.summary).toEqual(a.summary);
    const records = a.records;
    const batch = fitLaw(records.flatMap((r) => r.map((x) => x.entropy)), records.flatMap((r) => r.map((x) => x.reward)));
    for (const key of ['a', 'b', 'r2'] as const) expect(a.summary.fit[key]!).toBeCloseTo(batch[key]!, 10);
    const early = earlyFit(records.map((r) => ({ entropy: r.map((x) => x.entropy), reward: r.map((x) => x.reward) })));
    expect(a.summary.earlyFit!.predictedFinal!).toBeCloseTo(early.predictedFinal!, 10);
    expect(a.summary.earlyFit!.n).toBe(early.n);
    expect(a.summary.ensemble!.reward).toEqual(bandsByStep(records.map((r) => r.map((x) => x.reward))));
    expect(a.summary.ensembleSteps).toBeUndefined();
  });

  it('thins the bands of a long run and says which steps it kept', () => {
    const steps = 3 * SUMMARY_BAND_CAPACITY;
    const builder = new SummaryBuilder(2, steps);
    for (let t = 0; t < steps; t++) {
      const rec = (run: number): StepRecord => ({ run, step: t, entropy: 2 - t / steps, reward: run + t / steps, covariance: 0, predictedDeltaH: 0, deltaH: 0, stepRatio: 0 });
      builder.add([rec(0), rec(1)]);
    }
    const summary = builder.finish('cpu', [{ status: 'done' }, { status: 'done' }]);
    const kept = summary.ensembleSteps!;
    expect(kept.length).toBeLessThanOrEqual(SUMMARY_BAND_CAPACITY);
    expect(summary.ensemble!.reward).toHaveLength(kept.length);
    expect(kept[kept.length - 1]).toBe(steps - 1);
    kept.forEach((t, i) => expect(summary.ensemble!.reward[i].mean).toBeCloseTo(0.5 + t / steps, 12));
    expect(summary.perRun.map((r) => r.steps)).toEqual([steps, steps]);
    expect(summary.fit.n).toBe(2 * steps);
  });
});
