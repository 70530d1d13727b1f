// science.md §6 findings 1–5, 7 and 8 on the `paper-*` presets, seed against seed: every variant
// uses the same seeds and streams (common random numbers), so the per-seed difference to GRPO
// isolates the intervention, and "better" means a mean difference beyond 2 standard errors.
import { describe, expect, it } from 'vitest';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { presetById } from '../../src/sim/presets';
import { runToEnd } from '../../src/sim/runner';
import { recordsByRun, summarize } from '../../src/sim/summary';
import type { StepRecord } from '../../src/sim/types';

const STEPS = 300;

function presetConfig(id: string): ExperimentConfig {
  const preset = presetById(id);
  if (!preset) throw new Error(`no preset ${id}`);
  const parsed = parseConfig({ ...preset.config, steps: STEPS });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
}

const runsById = new Map<string, Promise<StepRecord[][]>>();
function runPreset(id: string): Promise<StepRecord[][]> {
  if (!runsById.has(id)) {
    const config = presetConfig(id);
    runsById.set(id, runToEnd(config, new CpuBackend(config)).then((r) => r.records));
  }
  return runsById.get(id)!;
}

/** Per-seed values of a metric at a step (1-based). */
const at = (runs: StepRecord[][], step: number, key: string) => runs.map((r) => r[step - 1][key] as number);

/** Mean and standard error of a − b over seeds. */
function pairedDifference(a: number[], b: number[]): { mean: number; se: number } {
  const d = a.map((x, i) => x - b[i]);
  const mean = d.reduce((s, x) => s + x, 0) / d.length;
  const variance = d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1);
  return { mean, se: Math.sqrt(variance / d.length) };
}

describe('paper findings on the decoy token task', () => {
  const grpo = runPreset('paper-decoy-grpo');

  it('entropy collapses fast and early: below a fifth of its start by step 50 (finding 1)', async () => {
    const runs = await grpo;
    const start = at(runs, 1, 'entropy');
    const early = pairedDifference(at(runs, 50, 'entropy'), start.map((h) => h / 5));
    expect(early.mean + 2 * early.se).toBeLessThan(0);
  });

  it('the covariance term predicts the measured ΔH step by step, and is positive on most early steps (findings 2, 3)', async () => {
    const steps = (await grpo).flat();
    const x = steps.map((r) => r.predictedDeltaH);
    const y = steps.map((r) => r.deltaH);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const [mx, my] = [mean(x), mean(y)];
    const cov = mean(x.map((v, i) => (v - mx) * (y[i] - my)));
    const corr = cov / Math.sqrt(mean(x.map((v) => (v - mx) * (v - mx))) * mean(y.map((v) => (v - my) * (v - my))));
    expect(corr).toBeGreaterThan(0.95);
    // The residual is second order: small next to the change it corrects.
    expect(Math.abs(mean(y.map((v, i) => v - x[i])))).toBeLessThan(0.5 * mean(x.map(Math.abs)));
    const early = (await grpo).flatMap((r) => r.slice(0, 100));
    expect(early.filter((r) => r.covariance > 0).length / early.length).toBeGreaterThan(0.8);
  });

  it('reward follows R = −a·e^H + b (R² ≥ 0.8) and the early fit forecasts the final reward within 0.1 (finding 4)', async () => {
    const runs = await grpo;
    const summary = summarize('cpu', recordsByRun(runs.flat(), runs.length), runs.map(() => ({ status: 'running' as const })));
    expect(summary.fit.r2).toBeGreaterThanOrEqual(0.8);
    expect(summary.fit.supportsLaw).toBe(true);
    expect(Math.abs(summary.earlyFit!.error!)).toBeLessThan(0.1);
  });

  it('GRPO collapses and plateaus: entropy near 0 and reward flat over the second half', async () => {
    const runs = await grpo;
    const h = at(runs, STEPS, 'entropy');
    expect(Math.max(...h)).toBeLessThan(0.05);
    const gain = pairedDifference(at(runs, STEPS, 'reward'), at(runs, STEPS / 2, 'reward'));
    expect(gain.mean).toBeLessThan(0.02);
  });

  it.each(['paper-decoy-clipcov', 'paper-decoy-klcov'])('%s keeps entropy higher early and ends above the GRPO plateau (finding 5)', async (id) => {
    const [base, runs] = [await grpo, await runPreset(id)];
    const entropy = pairedDifference(at(runs, 50, 'entropy'), at(base, 50, 'entropy'));
    expect(entropy.mean).toBeGreaterThan(2 * entropy.se);
    const reward = pairedDifference(at(runs, STEPS, 'reward'), at(base, STEPS, 'reward'));
    expect(reward.mean).toBeGreaterThan(2 * reward.se);
    expect(reward.mean).toBeGreaterThan(0.03);
  });

  it('KL-Cov is still improving where GRPO has stopped (finding 5)', async () => {
    const [base, runs] = [await grpo, await runPreset('paper-decoy-klcov')];
    const gain = (r: StepRecord[][]) => at(r, STEPS, 'reward').map((x, i) => x - at(r, STEPS / 2, 'reward')[i]);
    const extra = pairedDifference(gain(runs), gain(base));
    expect(extra.mean).toBeGreaterThan(2 * extra.se);
  });

  it('a naive entropy bonus explodes entropy above its start and loses the reward (finding 7)', async () => {
    const [base, runs] = [await grpo, await runPreset('paper-bonus-explodes')];
    const rise = pairedDifference(at(runs, STEPS, 'entropy'), at(runs, 1, 'entropy'));
    expect(rise.mean).toBeGreaterThan(2 * rise.se);
    const reward = pairedDifference(at(base, STEPS, 'reward'), at(runs, STEPS, 'reward'));
    expect(reward.mean).toBeGreaterThan(2 * reward.se);
  });

  it('an adaptive bonus holds entropy in a band around its target and ends above the GRPO plateau (finding 7)', async () => {
    const [base, runs] = [await grpo, await runPreset('paper-bonus-adaptive')];
    for (const step of [100, 200, STEPS]) {
      const h = at(runs, step, 'entropy');
      expect(h.reduce((a, b) => a + b, 0) / h.length).toBeGreaterThan(0.4);
      expect(h.reduce((a, b) => a + b, 0) / h.length).toBeLessThan(0.6);
    }
    const reward = pairedDifference(at(runs, STEPS, 'reward'), at(base, STEPS, 'reward'));
    expect(reward.mean).toBeGreaterThan(2 * reward.se);
  });

  it("Clip-Cov at the paper's ratio drops no token at lab scale: number for number GRPO (finding 8)", async () => {
    const [base, runs] = [await grpo, await runPreset('paper-clipcov-paper-ratio')];
    expect(runs.flat().every((r) => r.clipCovFrac === 0)).toBe(true);
    const strip = (r: StepRecord) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('clipCov')));
    expect(runs.map((r) => r.map(strip))).toEqual(base.map((r) => r.map(strip)));
  });
});
