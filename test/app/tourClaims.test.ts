// Every number a guided tour states is measured on the run that tour step shows (the same
// config, on the CPU backend): a test per tour. The text must contain the number it claims, and
// the run must give it to the stated precision; claims in words (collapse, plateau, "ends where
// GRPO's does") are checked as inequalities or equalities. A reworded tour fails here until its numbers
// are measured again.
import { describe, expect, it } from 'vitest';
import { lawModel } from '../../src/app/charts/chartModels';
import { RunData } from '../../src/app/data/runData';
import { tourById, type TourStep } from '../../src/app/tours/tours';
import { parseConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { runToEnd } from '../../src/sim/runner';
import type { StepRecord } from '../../src/sim/types';

const cache = new Map<string, Promise<StepRecord[][]>>();

/** The step's run (or its baseline's), computed once per config. */
function recordsOf(raw: Record<string, unknown>): Promise<StepRecord[][]> {
  const key = JSON.stringify(raw);
  if (!cache.has(key)) {
    const parsed = parseConfig(raw);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    cache.set(key, runToEnd(parsed.config, new CpuBackend(parsed.config)).then((r) => r.records));
  }
  return cache.get(key)!;
}

const step = (tour: string, i = 0): TourStep => tourById(tour)!.steps[i];
/** Ensemble mean of `key` at chart step s (the record of index s − 1, as the charts draw it). */
const at = (runs: StepRecord[][], s: number, key = 'entropy') => runs.reduce((a, r) => a + (r[Math.min(s, r.length) - 1][key] as number), 0) / runs.length;
const last = (runs: StepRecord[][], key = 'entropy') => at(runs, runs[0].length, key);

/** `text` states `shown`, and the run measured `value` within `tol` of it. */
function claims(text: string, shown: string, value: number, tol = 0.006): void {
  expect(text).toContain(shown);
  expect(Math.abs(value - Number(shown)), `${shown} stated, ${value} measured`).toBeLessThanOrEqual(tol);
}

describe('tour 1: entropy collapses fast and early', () => {
  it('states the run’s entropy at steps 1, 50 and the end, and its final reward', async () => {
    const s = step('collapse');
    const runs = await recordsOf(s.config);
    claims(s.explanation, '1.51', at(runs, 1));
    claims(s.explanation, '0.49', at(runs, 50));
    claims(s.explanation, '0.28', last(runs));
    claims(s.explanation, '0.43', last(runs, 'reward'));
    // "two thirds of it" in 50 steps, and then flat (the right answer: steep, then low).
    expect(1 - at(runs, 50) / at(runs, 1)).toBeGreaterThan(0.62);
    expect(1 - at(runs, 50) / at(runs, 1)).toBeLessThan(0.72);
    expect(Math.abs(last(runs, 'reward') - at(runs, 200, 'reward'))).toBeLessThan(0.03);
  });
});

describe('tour 2: the covariance term predicts ΔH', () => {
  it('R² about y = x and the largest step ratio are as stated', async () => {
    const s = step('covariance-predicts');
    const [run] = await recordsOf(s.config);
    const mean = run.reduce((a, r) => a + r.deltaH, 0) / run.length;
    const r2 = 1 - run.reduce((a, r) => a + (r.deltaH - r.predictedDeltaH) ** 2, 0) / run.reduce((a, r) => a + (r.deltaH - mean) ** 2, 0);
    claims(s.explanation, '0.999', r2, 0.0006);
    expect(s.explanation).toContain('below 0.03');
    expect(Math.max(...run.map((r) => r.stepRatio))).toBeLessThan(0.03);
  });
});

describe('tour 3: the covariance term stays mostly positive', () => {
  it('is positive on 76–85% of each run’s steps, with a positive mean', async () => {
    const s = step('covariance-positive');
    expect(s.explanation).toContain('76–85%');
    for (const run of await recordsOf(s.config)) {
      const positive = run.filter((r) => r.covariance > 0).length / run.length;
      expect(positive).toBeGreaterThanOrEqual(0.755);
      expect(positive).toBeLessThanOrEqual(0.855);
      expect(run.reduce((a, r) => a + r.covariance, 0)).toBeGreaterThan(0);
    }
  });
});

describe('tour 4: reward follows R = −a·eᴴ + b', () => {
  it('the law panel’s fit, ceiling and early forecast are as stated', async () => {
    const s = step('law');
    const runs = await recordsOf(s.config);
    const data = new RunData();
    data.clear(runs.length, runs[0].length);
    data.append(runs.flat());
    const { fit, early } = lawModel(data);
    claims(s.explanation, '0.83', fit.r2!);
    claims(s.explanation, '0.60', fit.ceiling!);
    claims(s.explanation, '0.61', early!.actualFinal);
    claims(s.explanation, '0.56', early!.predictedFinal!);
    // The right answer: R² ≥ 0.8 and the early fit within 0.1 of the final reward.
    expect(fit.r2).toBeGreaterThanOrEqual(0.8);
    expect(Math.abs(early!.error!)).toBeLessThan(0.1);
  });
});

describe('tour 5: KL-Cov keeps entropy and passes the GRPO plateau', () => {
  it('GRPO collapses by step 100 and plateaus; KL-Cov, overlaid on it, keeps more entropy and ends higher', async () => {
    const [grpoStep, klStep] = [step('covariance-interventions', 0), step('covariance-interventions', 1)];
    expect(klStep.baseline).toEqual(grpoStep.config);
    const grpo = await recordsOf(grpoStep.config);
    const kl = await recordsOf(klStep.config);
    claims(grpoStep.explanation, '1.82', at(grpo, 1));
    claims(grpoStep.explanation, '0.11', at(grpo, 100));
    claims(grpoStep.explanation, '0.62', last(grpo, 'reward'));
    claims(klStep.explanation, '0.37', at(kl, 100));
    claims(klStep.explanation, '0.11', at(grpo, 100));
    claims(klStep.explanation, '0.74', last(kl, 'reward'));
    claims(klStep.explanation, '0.62', last(grpo, 'reward'));
    for (const t of [50, 100, 200, 400]) expect(at(kl, t)).toBeGreaterThan(at(grpo, t));
  });
});

describe('tour 6: natural PG collapses faster than PG', () => {
  it('states PG’s entropy at steps 1, 50 and 200 and NPG’s at step 50, overlaid on PG', async () => {
    const [pgStep, npgStep] = [step('natural-gradient', 0), step('natural-gradient', 1)];
    expect(npgStep.baseline).toEqual(pgStep.config);
    const pg = await recordsOf(pgStep.config);
    const npg = await recordsOf(npgStep.config);
    claims(pgStep.explanation, '1.39', at(pg, 1));
    claims(pgStep.explanation, '0.72', at(pg, 50));
    claims(pgStep.explanation, '0.17', at(pg, 200));
    claims(npgStep.explanation, '0.04', at(npg, 50));
    claims(npgStep.explanation, '0.72', at(pg, 50));
    for (let t = 2; t <= 200; t++) expect(at(npg, t)).toBeLessThanOrEqual(at(pg, t));
  });
});

describe('tour 7: a naive entropy bonus explodes, an adaptive one holds its target', () => {
  it('the bonus drives entropy towards ln 8 with reward near zero; the adaptive one holds 0.5 ± 0.1 and passes GRPO', async () => {
    const [naive, adaptive] = [step('bonus-explodes', 0), step('bonus-explodes', 1)];
    const grpoConfig = step('covariance-interventions', 0).config;
    expect([naive.baseline, adaptive.baseline]).toEqual([grpoConfig, grpoConfig]);
    const grpo = await recordsOf(grpoConfig);
    const bonus = await recordsOf(naive.config);
    claims(naive.explanation, '1.82', at(bonus, 1));
    claims(naive.explanation, '2.05', last(bonus));
    claims(naive.explanation, '2.08', Math.log(8));
    claims(naive.explanation, '0.02', last(bonus, 'reward'));
    claims(naive.explanation, '0.62', last(grpo, 'reward'));
    expect(last(bonus)).toBeGreaterThan(at(bonus, 1));
    const held = await recordsOf(adaptive.config);
    expect(adaptive.explanation).toContain('within 0.1 of 0.5 nats from step 50 on');
    for (let t = 50; t <= held[0].length; t++) expect(Math.abs(at(held, t) - 0.5), `step ${t}`).toBeLessThanOrEqual(0.1);
    claims(adaptive.explanation, '0.67', last(held, 'reward'));
    expect(last(held, 'reward')).toBeGreaterThan(last(grpo, 'reward'));
  });
});

describe('tour 8: Clip-Cov at the paper’s ratio does next to nothing at lab scale', () => {
  it('drops at most one token per epoch (⌊r·N⌋ = 0 with N = 384, verl drops at least 1), and ends where GRPO under the same rules does', async () => {
    const s = step('honest-failures');
    const grpo = await recordsOf(s.baseline!);
    const clip = await recordsOf(s.config);
    const { env, algorithm } = s.config as { env: { prompts: number; length: number }; algorithm: { groupSize: number } };
    const tokens = env.prompts * algorithm.groupSize * env.length;
    expect(s.question).toContain(`N = ${tokens} tokens`);
    claims(s.explanation, '0.08', 2e-4 * tokens, 0.005);
    expect(s.explanation).toContain(`1 of the ${tokens} gradients per epoch`);
    // At most one token per epoch: the step's dropped share, averaged over its epochs, is ≤ 1/N.
    for (const run of clip) for (const r of run) expect(r.clipCovFrac).toBeLessThanOrEqual(1 / tokens + 1e-12);
    const meanFrac = clip.flat().reduce((a, r) => a + r.clipCovFrac, 0) / clip.flat().length;
    claims(s.explanation, '0.12', 100 * meanFrac, 0.006);
    claims(s.explanation, '0.63', last(clip, 'reward'));
    claims(s.explanation, '0.64', last(grpo, 'reward'));
    expect(s.explanation).toContain('entropy at 0.01 on both');
    for (const runs of [clip, grpo]) expect(Math.abs(last(runs) - 0.01)).toBeLessThanOrEqual(0.006);
  });
});
