// The webgpu backend against the CPU core (issue 5), in Node on SwiftShader: the same sampled
// batches (identical batch rewards, so identical actions), every metric within a float32
// tolerance over 100 steps, the ensemble curves within the same tolerance, and a device lost
// mid-run continuing on the CPU without losing a step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gpuSupport } from '../../src/kernels-wgsl/train/support';
import { agreementClaim, GPU_TOLERANCE, toleranceOf } from '../../src/kernels-wgsl/agreement';
import { WebGpuBackend } from '../../src/kernels-wgsl/webgpuBackend';
import { workgroupSizeFor } from '../../src/kernels-wgsl/webgpuOptions';
import { MIN_BAND_RUNS } from '../../src/kernels-wgsl/bands/layout';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { runToEnd } from '../../src/sim/runner';
import { recordsByRun } from '../../src/sim/summary';
import { bandsByStep, type Band } from '../../src/sim/ensemble';
import type { StepRecord } from '../../src/sim/types';
import { testGpu, type TestGpu } from './gpu';
import { waitForGpu } from '../../src/cli/nodeGpu';

// The tolerance the badge states (agreement.ts), so the badge claims exactly what is checked here.
const TOLERANCE = GPU_TOLERANCE;
const tolerance = (key: string, value: number) => toleranceOf(key, value, agreementClaim(config({})));

let gpu: TestGpu;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => gpu?.device.destroy());

function config(raw: Record<string, unknown>): ExperimentConfig {
  const r = parseConfig({ version: 1, seed: 3, steps: 100, runs: 3, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

/** Per metric, the largest difference as a multiple of its tolerance (≤ 1 passes). */
function maxDifferences(gpuRecords: StepRecord[], cpuRecords: StepRecord[]): Record<string, number> {
  const byKey = new Map(gpuRecords.map((r) => [`${r.run}:${r.step}`, r]));
  const out: Record<string, number> = {};
  expect(gpuRecords.length).toBe(cpuRecords.length);
  for (const c of cpuRecords) {
    const g = byKey.get(`${c.run}:${c.step}`)!;
    for (const k of Object.keys(c)) out[k] = Math.max(out[k] ?? 0, Math.abs((g[k] as number) - (c[k] as number)) / tolerance(k, c[k] as number));
  }
  return out;
}

const CASES: [string, Record<string, unknown>][] = [
  ['GRPO, Bernoulli bandit', { env: { type: 'bandit', arms: 4, means: [0.2, 0.4, 0.6, 0.8] }, algorithm: { type: 'grpo', lr: 0.5, groupSize: 8 } }],
  ['GRPO, token task with shared suffix', { env: { type: 'tokens', prompts: 6, vocab: 6, length: 3, sharedSuffix: true }, algorithm: { type: 'grpo', lr: 1, groupSize: 8 } }],
  ['PPO (4 epochs, clip), token task', { env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'ppo', lr: 0.5, groupSize: 8 } }],
  // Flat groups have exactly zero advantage under PPO's scaling, so the clip and the asymmetric
  // split see no rounding-noise signs (they did when whitening subtracted the float mean).
  ['PPO + asymmetric advantages, token task with shared suffix', { env: { type: 'tokens', prompts: 6, vocab: 6, length: 3, sharedSuffix: true }, algorithm: { type: 'ppo', lr: 1, groupSize: 8 }, interventions: [{ type: 'asymmetricAdvantage' }] }],
  ['PPO + clip-higher, token task', { env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'ppo', lr: 1, groupSize: 8 }, interventions: [{ type: 'clipHigher', epsHigh: 0.4 }] }],
  ['GRPO + asymmetric advantages + entropy bonus, token task', { env: { type: 'tokens', prompts: 6, vocab: 6, length: 3, sharedSuffix: true }, algorithm: { type: 'grpo', lr: 1, groupSize: 8 }, interventions: [{ type: 'asymmetricAdvantage', positiveScale: 0.3, negativeScale: 0.8 }, { type: 'entropyBonus', coef: 0.02 }] }],
  ['PPO + Lp-Reg, token task', { env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'ppo', lr: 0.5, groupSize: 8 }, interventions: [{ type: 'lpReg', threshold: 0.1, coef: 0.5 }] }],
  ['sampled NPG + Lp-Reg, contextual bandit', { env: { type: 'contextual', contexts: 4, arms: 6 }, algorithm: { type: 'npg', mode: 'sampled', lr: 0.3, groupSize: 8 }, interventions: [{ type: 'lpReg', threshold: 0.2, coef: 0.3 }] }],
  ['GRPO + Clip-Cov, token task', { seed: 11, runs: 6, env: { type: 'tokens', prompts: 8, vocab: 8, length: 3 }, algorithm: { type: 'grpo', lr: 1, groupSize: 8 }, interventions: [{ type: 'clipCov', ratio: 0.1, covLow: 0.5, covHigh: 5 }] }],
  ['PPO + asymmetric advantages + Clip-Cov, token task with shared suffix', { seed: 4, env: { type: 'tokens', prompts: 6, vocab: 6, length: 3, sharedSuffix: true }, algorithm: { type: 'ppo', lr: 1, groupSize: 8 }, interventions: [{ type: 'asymmetricAdvantage' }, { type: 'clipCov', ratio: 0.05 }] }],
  ['Dr. GRPO + Clip-Cov, contextual bandit', { env: { type: 'contextual', contexts: 4, arms: 6 }, algorithm: { type: 'drgrpo', lr: 0.5, groupSize: 8 }, interventions: [{ type: 'clipCov', ratio: 0.1, covLow: 0.05, covHigh: 5 }] }],
  // KL-Cov's gradient is β·sign(Δ log π): once a selected token sits in a collapsed row, its
  // Δ log π is below float32's resolution of log π and its sign is rounding noise, so runs
  // agree step by step only before that (40 steps here); the next test checks them after.
  ['GRPO (4 epochs) + KL-Cov, token task, 40 steps', { seed: 9, runs: 8, steps: 40, env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'grpo', lr: 1, groupSize: 8, epochs: 4 }, interventions: [{ type: 'klCov', ratio: 0.1 }] }],
  ['GRPO (4 epochs) + Clip-Cov + KL-Cov, token task, 40 steps', { steps: 40, env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'grpo', lr: 1, groupSize: 8, epochs: 4 }, interventions: [{ type: 'clipCov', ratio: 0.05 }, { type: 'klCov', ratio: 0.1 }] }],
  // Issue 14's verl rules and loss options: GRPO's unbiased std + 1e-6 (and a lone sample's
  // mean 0, std 1), dual-clip, and the loss aggregations' divisors (one per batch on the GPU: a
  // step size in the vanilla geometry; the natural one divides it out).
  ['verl GRPO (4 epochs, token-mean, dual-clip 1.05), token task', { seed: 5, steps: 50, env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'grpo', semantics: 'verl', lr: 1, groupSize: 8, epochs: 4, lossAggMode: 'token-mean', clipRatioC: 1.05 } }],
  ['verl GRPO, groups of one sample, seq-mean-token-sum-norm, contextual bandit', { env: { type: 'contextual', contexts: 4, arms: 6 }, algorithm: { type: 'grpo', semantics: 'verl', lr: 0.3, groupSize: 1, lossAggMode: 'seq-mean-token-sum-norm' } }],
  ['verl Dr. GRPO, groups of one sample, Gaussian bandit', { env: { type: 'bandit', arms: 5, reward: 'gaussian' }, algorithm: { type: 'drgrpo', semantics: 'verl', lr: 0.3, groupSize: 1 } }],
  ['PPO (dual-clip 1.1, seq-mean-token-mean) + clip-higher, token task with shared suffix', { env: { type: 'tokens', prompts: 6, vocab: 6, length: 3, sharedSuffix: true }, algorithm: { type: 'ppo', lr: 1, groupSize: 8, clipRatioC: 1.1, lossAggMode: 'seq-mean-token-mean' }, interventions: [{ type: 'clipHigher', epsHigh: 0.4 }] }],
  // verl's Clip-Cov and KL-Cov: max(1, ⌊r·N⌋) tokens selected again every epoch under the
  // current log π (Clip-Cov: strict band, no clipped token, draws continuing the step's stream).
  ['verl GRPO (4 epochs) + Clip-Cov, token task', { seed: 2, steps: 50, env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'grpo', semantics: 'verl', lr: 1, groupSize: 8, epochs: 4 }, interventions: [{ type: 'clipCov', ratio: 0.05, covLow: 0.2, covHigh: 5 }] }],
  ['verl PPO (4 epochs, clip 1, token-mean) + Clip-Cov, contextual bandit', { env: { type: 'contextual', contexts: 4, arms: 6 }, algorithm: { type: 'ppo', semantics: 'verl', lr: 1, groupSize: 8, clipLow: 1, clipHigh: 1, lossAggMode: 'token-mean' }, interventions: [{ type: 'clipCov', ratio: 0.1, covLow: 0.05, covHigh: 5 }] }],
  ['verl GRPO (4 epochs) + KL-Cov, token task, 40 steps', { seed: 9, runs: 8, steps: 40, env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'grpo', semantics: 'verl', lr: 1, groupSize: 8, epochs: 4 }, interventions: [{ type: 'klCov', ratio: 0.05 }] }],
  // DAPO's dynamic sampling: draws of later steps' prompts at their own counters, kept groups
  // first in draw order; with rare rewards the draws run out and flat groups fill the batch.
  ['GRPO (4 epochs) with dynamic sampling, 4 of 6 prompts per step, token task', { seed: 6, steps: 50, env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'grpo', lr: 1, groupSize: 4, epochs: 4, batchPrompts: 4, dynamicSampling: true, maxDraws: 5 } }],
  // Every draw samples from a stage's table, which must be whole before the first (the long fuzzer
  // found a missing barrier: one sample of 54 differed at step 0).
  ['sampled NPG with dynamic sampling and a rollout temperature, contextual bandit from random logits', { seed: 0, steps: 12, env: { type: 'contextual', contexts: 6, arms: 4 }, policy: { type: 'tabular', init: { type: 'random', scale: 1 } }, algorithm: { type: 'npg', mode: 'sampled', lr: 0.5, groupSize: 9, dynamicSampling: true, maxDraws: 4 }, interventions: [{ type: 'rolloutTemperature' }] }],
  ['verl Dr. GRPO with dynamic sampling, rare rewards, reference KL, contextual bandit', { env: { type: 'contextual', contexts: 4, arms: 4, means: [[0.02, 0.1, 0.05, 0.2], [0.1, 0.02, 0.3, 0.05], [0.05, 0.05, 0.1, 0.02], [0.2, 0.1, 0.02, 0.05]] }, algorithm: { type: 'drgrpo', semantics: 'verl', lr: 0.5, groupSize: 4, refKL: 0.2, dynamicSampling: true, maxDraws: 3 } }],
  // Reverse KL as a stage gives the bits of algorithm.refKL; forward KL and JS have their own directions.
  ['GRPO (2 epochs) + forward reference KL, token task', { env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'grpo', lr: 1, groupSize: 8, epochs: 2 }, interventions: [{ type: 'refKL', divergence: 'forward', coef: 0.2 }] }],
  ['sampled NPG + Jensen–Shannon reference divergence, contextual bandit', { env: { type: 'contextual', contexts: 4, arms: 6 }, algorithm: { type: 'npg', mode: 'sampled', lr: 0.3, groupSize: 8 }, interventions: [{ type: 'refKL', divergence: 'js', coef: 0.3 }] }],
  // Run 1, step 48: the unclipped tokens share one bin and carry exactly 3/5 = ρ0 (BAPO_SHARE_SLACK).
  ['GRPO (4 epochs) + BAPO, 8-arm bandit', { env: { type: 'bandit', arms: 8 }, algorithm: { type: 'grpo', lr: 0.5, groupSize: 8, epochs: 4 }, interventions: [{ type: 'bapo' }] }],
  ['PPO + asymmetric advantages + STEER, token task with shared suffix', { env: { type: 'tokens', prompts: 6, vocab: 6, length: 3, sharedSuffix: true }, algorithm: { type: 'ppo', lr: 1, groupSize: 8 }, interventions: [{ type: 'asymmetricAdvantage' }, { type: 'steer', weightMin: 0.5 }] }],
  // The pretrained rows are permutations of each other: tokens tie in δH at step 0 (THRESHOLD_TIE).
  ['GRPO + entropy-discriminator clipping, token task', { env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'grpo', lr: 1, groupSize: 8 }, interventions: [{ type: 'entropyDiscriminatorClip', quantile: 0.3 }] }],
  // STEER gives the largest cut weight 0, which the discriminator's quantile must then skip (priorWeight).
  ['GRPO + STEER (w_min 0) + entropy-discriminator clipping, bandit', { env: { type: 'bandit', arms: 6 }, algorithm: { type: 'grpo', lr: 0.5, groupSize: 8 }, interventions: [{ type: 'steer', weightMin: 0 }, { type: 'entropyDiscriminatorClip', quantile: 0.29 }] }],
  ['REINFORCE + entropy bonus, contextual bandit', { env: { type: 'contextual', contexts: 4, arms: 4 }, algorithm: { type: 'reinforce', lr: 1, groupSize: 8 }, interventions: [{ type: 'entropyBonus', coef: 0.05 }] }],
  ['Dr. GRPO, Gaussian bandit', { env: { type: 'bandit', arms: 5, reward: 'gaussian' }, algorithm: { type: 'drgrpo', lr: 0.3, groupSize: 8 } }],
  // Partial credit (the decoy task of the paper-* presets): the answer's own reward, and pass@k
  // counts only full-credit answers.
  ['GRPO (4 epochs), decoy token task with answer rewards 0.5, 1 and 0.25', { seed: 1, runs: 4, env: { type: 'tokens', prompts: 6, vocab: 8, length: 3, zipf: 1, hardness: 0.3, answers: 3, answerRewards: [0.5, 1, 0.25] }, algorithm: { type: 'grpo', lr: 1, groupSize: 8, epochs: 4 } }],
  ['sampled NPG, bandit', { env: { type: 'bandit', arms: 6 }, algorithm: { type: 'npg', mode: 'sampled', lr: 0.3, groupSize: 8 } }],
  // Issue 17's stages, 30 steps each (SwiftShader is slow): β carried across steps, the
  // temperature switching around its target, tempered rollouts weighted by π/π_T, and
  // rejections drawn on the intervention stream before Clip-Cov's and before the asymmetric split.
  ['GRPO + adaptive entropy coefficient, token task, 30 steps', { steps: 30, env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'grpo', lr: 1, groupSize: 8 }, interventions: [{ type: 'adaptiveEntropy', target: 1, initialCoef: 0.05 }] }],
  ['PPO + AEPO, token task, 30 steps', { steps: 30, env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'ppo', lr: 0.5, groupSize: 8 }, interventions: [{ type: 'aepo', target: 0.9 }] }],
  ['sampled NPG + AEPO, contextual bandit, 30 steps', { steps: 30, env: { type: 'contextual', contexts: 4, arms: 6 }, algorithm: { type: 'npg', mode: 'sampled', lr: 0.3, groupSize: 8 }, interventions: [{ type: 'aepo', target: 1.5, coef: 0.3 }] }],
  ['PPO + rollout temperature 1.5, token task, 30 steps', { steps: 30, env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'ppo', lr: 0.5, groupSize: 8 }, interventions: [{ type: 'rolloutTemperature', temperature: 1.5 }] }],
  ['GRPO + rollout temperature 0.7, Gaussian bandit, 30 steps', { steps: 30, env: { type: 'bandit', arms: 5, reward: 'gaussian' }, algorithm: { type: 'grpo', lr: 0.5, groupSize: 8 }, interventions: [{ type: 'rolloutTemperature', temperature: 0.7 }] }],
  ['GRPO + Entrocraft + Clip-Cov, token task, 30 steps', { steps: 30, env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'grpo', lr: 1, groupSize: 8 }, interventions: [{ type: 'entrocraft', rejectProb: 0.7 }, { type: 'clipCov', ratio: 0.05 }] }],
  ['verl GRPO (2 epochs) + Entrocraft + Clip-Cov, token task, 30 steps', { steps: 30, env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'grpo', semantics: 'verl', lr: 1, groupSize: 8, epochs: 2 }, interventions: [{ type: 'entrocraft', rejectProb: 0.7 }, { type: 'clipCov', ratio: 0.05, covLow: 0.2, covHigh: 5 }] }],
  ['GRPO + Entrocraft (cosine) + asymmetric advantages, contextual bandit, 30 steps', { steps: 30, env: { type: 'contextual', contexts: 4, arms: 6 }, algorithm: { type: 'grpo', lr: 0.5, groupSize: 8 }, interventions: [{ type: 'entrocraft', schedule: 'cosine', start: 1.7, end: 1, rejectProb: 0.6 }, { type: 'asymmetricAdvantage', positiveScale: 0.3 }] }],
  // SIREN: the token task's pretrained rows permute one set of logits (equal entropies up to
  // rounding: the rank grid ties them), the contextual rows start uniform (exact ties).
  ['GRPO + SIREN, token task, 30 steps', { steps: 30, env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'grpo', lr: 1, groupSize: 8 }, interventions: [{ type: 'siren', topFraction: 0.4, coef: 1 }] }],
  ['sampled NPG + SIREN (given anchor), contextual bandit, 30 steps', { steps: 30, env: { type: 'contextual', contexts: 5, arms: 6 }, algorithm: { type: 'npg', mode: 'sampled', lr: 0.3, groupSize: 8 }, interventions: [{ type: 'siren', topP: 0.7, topFraction: 0.5, coef: 0.5, anchor: 1 }] }],
];

describe('webgpu backend vs cpu', () => {
  it.each(CASES)('%s: same batches, every metric within float32 tolerance at every step, same ensemble bands', async (_, raw) => {
    const c = config(raw);
    expect(gpuSupport(c)).toEqual({ ok: true });
    const g = await WebGpuBackend.create(c, gpu.device);
    const cpu = new CpuBackend(c);
    const [a, b] = [await g.advance(c.steps), await cpu.advance(c.steps)];
    g.dispose();
    const diff = maxDifferences(a, b);
    // The same metrics in the same order (JSONL and CSV columns line up with the CPU's).
    expect(Object.keys(a[0])).toEqual(Object.keys(b[0]));
    // The GPU interventions with activity metrics acted (so their agreement is not 0 = 0).
    for (const key of ['asymPositiveFrac', 'lpRegRemovedMass', 'clipCovFrac', 'klCovActive', 'refDivergence', 'discriminatorDropFrac', 'entrocraftRejectFrac', 'entropyCoef', 'sirenMaskFrac', 'clipFracDual']) if (key in b[0]) expect(Math.max(...b.map((r) => r[key] as number)), key).toBeGreaterThan(0.01);
    // Dynamic sampling drew more prompts on some steps than on others (so their choice was compared).
    if ('promptsDrawn' in b[0]) expect(new Set(b.map((r) => r.promptsDrawn)).size, 'promptsDrawn').toBeGreaterThan(1);
    // Identical samples: one different sample would move a batch's mean reward by ≥ 1e-3.
    expect(diff.batchReward * TOLERANCE).toBeLessThan(1e-6);
    for (const [key, d] of Object.entries(diff)) expect(d, key).toBeLessThanOrEqual(1);
    // AEPO took both temperatures (its switch around the target is exercised).
    if ('aepoTemperature' in b[0]) expect(new Set(b.map((r) => r.aepoTemperature)).size, 'aepoTemperature').toBe(2);
    const bands = (records: StepRecord[]) => bandsByStep(recordsByRun(records, c.runs).map((run) => run.map((r) => r.entropy)));
    bands(a).forEach((band, t) => expect(Math.abs(band.mean - bands(b)[t].mean)).toBeLessThan(TOLERANCE));
  });

  it('agrees at the workgroup sizes other adapters get (64 on GPUs; SwiftShader runs 16)', async () => {
    expect([workgroupSizeFor({ subgroupMaxSize: 4 }), workgroupSizeFor({ subgroupMaxSize: 32 }), workgroupSizeFor(undefined)]).toEqual([16, 64, 64]);
    const c = config({ steps: 40, env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'ppo', lr: 0.5, groupSize: 8 }, interventions: [{ type: 'clipCov', ratio: 0.05 }, { type: 'klCov', ratio: 0.1 }] });
    const cpu = await new CpuBackend(c).advance(c.steps);
    for (const workgroupSize of [4, 64, 128]) {
      const g = await WebGpuBackend.create(c, gpu.device, { workgroupSize });
      const diff = maxDifferences(await g.advance(c.steps), cpu);
      g.dispose();
      for (const [key, d] of Object.entries(diff)) expect(d, `${key} at workgroup size ${workgroupSize}`).toBeLessThanOrEqual(1);
    }
  });

  it('KL-Cov after rows collapse: the GPU ensemble matches the CPU in distribution (paired differences within 3 standard errors)', async () => {
    const c = config({ seed: 7, runs: 32, env: { type: 'tokens', prompts: 8, vocab: 8, length: 3 }, algorithm: { type: 'ppo', lr: 0.5, groupSize: 8 }, interventions: [{ type: 'klCov', ratio: 0.05, coef: 2 }] });
    const g = await WebGpuBackend.create(c, gpu.device);
    const [a, b] = [await g.advance(c.steps), await new CpuBackend(c).advance(c.steps)];
    g.dispose();
    for (const key of ['entropy', 'reward', 'klCovPenalty'] as const) {
      // Per run, the metric averaged over the second half of the run, GPU minus CPU.
      const late = (records: StepRecord[]) => recordsByRun(records, c.runs).map((run) => run.slice(c.steps / 2).reduce((s, r) => s + (r[key] as number), 0) / (c.steps / 2));
      const [ga, cb] = [late(a), late(b)];
      const d = ga.map((x, r) => x - cb[r]);
      const mean = d.reduce((s, x) => s + x, 0) / d.length;
      const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1));
      expect(Math.abs(mean), key).toBeLessThanOrEqual(3 * (sd / Math.sqrt(d.length)) + 1e-6);
      // The chaotic part is real: some runs did part (else the step-by-step cases cover it).
      expect(Math.max(...d.map(Math.abs)), key).toBeGreaterThan(0);
    }
  });

  it('reduces the ensemble bands on the GPU: the mean and quantiles of the runs with a record at each step', async () => {
    const c = config({ runs: 70, steps: 24, env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'grpo', lr: 1, groupSize: 8 }, interventions: [{ type: 'clipCov', ratio: 0.05 }] });
    const g = await WebGpuBackend.create(c, gpu.device, { readbackEvery: 5 });
    // Two runs stopped before the first step: they have no records and no place in the bands.
    const start = g.checkpoint();
    for (const r of [3, 20]) Object.assign(start.runs[r], { status: 'diverged', reason: 'test' });
    g.restore(start);
    const keys = ['entropy', 'reward', 'covariance', 'tokenCovariance', 'clipCovFrac'];
    const flat: StepRecord[] = [];
    const gpuBands: Record<string, Band[]> = Object.fromEntries(keys.map((k) => [k, []]));
    const takenSteps: number[] = [];
    while (g.step < c.steps) {
      flat.push(...(await g.advance(7)));
      const taken = g.takeBands(keys)!;
      takenSteps.push(...taken.steps);
      for (const k of keys) gpuBands[k].push(...taken.bands[k]);
    }
    expect(takenSteps).toEqual(Array.from({ length: c.steps }, (_, t) => t));
    const records = recordsByRun(flat, c.runs);
    // Resumed from a checkpoint, it has the bands of the steps after it.
    const resumed = await WebGpuBackend.create(c, gpu.device);
    resumed.restore({ ...g.checkpoint(), step: 20, runs: g.checkpoint().runs.map((r) => ({ ...r, step: r.status === 'diverged' ? r.step : 20 })) });
    await resumed.advance(2);
    expect(resumed.takeBands(['entropy'])!.steps).toEqual([20, 21]);
    resumed.dispose();
    // Metrics the kernel does not record have no GPU bands.
    await g.advance(0);
    expect(g.takeBands(['entropyCoef'])).toBeUndefined();
    g.dispose();
    expect(records[3]).toEqual([]);
    for (const key of keys) {
      const host = bandsByStep(records.map((run) => run.map((r) => r[key] as number)));
      expect(gpuBands[key]).toHaveLength(c.steps);
      gpuBands[key].forEach((band, t) => {
        for (const q of ['mean', 'q10', 'q50', 'q90'] as const) expect(Math.abs(band[q] - host[t][q]), `${key} ${q} at step ${t}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(host[t][q])));
      });
    }
    expect(gpuBands.entropy[c.steps - 1].q90).toBeGreaterThan(gpuBands.entropy[c.steps - 1].q10);
    // The run summary takes the GPU's bands (the same kernel on the same config gives the same bits).
    const again = await WebGpuBackend.create(c, gpu.device, { readbackEvery: 5 });
    again.restore(start);
    const { summary } = await runToEnd(c, again, { stepsPerTick: 7, keepRecords: false });
    again.dispose();
    expect(summary.ensemble!.entropy).toEqual(gpuBands.entropy);
    // Small ensembles reduce on the host.
    const small = await WebGpuBackend.create({ ...c, runs: MIN_BAND_RUNS - 1 }, gpu.device);
    await small.advance(2);
    expect(small.takeBands(['entropy'])).toBeUndefined();
    small.dispose();
  });

  it('a device lost mid-run continues on the CPU from the last checkpoint without losing a step', async () => {
    const own = await testGpu();
    const c = config({ env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'grpo', lr: 1, groupSize: 8 }, steps: 60 });
    const g = await WebGpuBackend.create(c, own.device);
    const first = await g.advance(25);
    own.device.destroy();
    const rest = await g.advance(35);
    expect(g.name).toBe('cpu');
    expect(g.notice).toMatch(/lost.*continued on the CPU from step/);
    const all = [...first, ...rest];
    for (let run = 0; run < c.runs; run++) expect(all.filter((r) => r.run === run).map((r) => r.step)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    const diff = maxDifferences(all, await new CpuBackend(c).advance(60));
    expect(diff.entropy).toBeLessThanOrEqual(1);
    expect(diff.reward).toBeLessThanOrEqual(1);
  });

  it('a step whose float32 logits overflow stops each run there, with the logits from before that step', async () => {
    const c = config({ steps: 10, env: { type: 'contextual', contexts: 3, arms: 4, reward: 'gaussian', means: [[1e30, -1e30, 0, 1], [0, 1, 2, 3], [1e30, 0, 0, 0]] }, algorithm: { type: 'reinforce', lr: 1e10, groupSize: 4 } });
    const g = await WebGpuBackend.create(c, gpu.device);
    // Resume at step 4 from logits in eighths (exact in float32), unlike the initial ones.
    const logits = (run: number) => Array.from({ length: 12 }, (_, i) => ((run * 5 + i) % 7) / 8 - 0.25);
    const start = g.checkpoint();
    g.restore({ ...start, step: 4, runs: start.runs.map((r) => ({ ...r, step: 4, logits: logits(r.run) })) });
    expect(await g.advance(6)).toEqual([]);
    g.statuses().forEach((s, run) => {
      expect(s).toEqual({ status: 'diverged', reason: 'diverged at step 4: the logits became non-finite (learning rate 10000000000 is too large for this update)' });
      expect(Array.from(g.logits(run))).toEqual(logits(run));
    });
    g.dispose();
  });

  it("with Node's readback waiter: the same records, and a lost device still falls back", async () => {
    const own = await testGpu();
    const c = config({ env: { type: 'tokens', prompts: 6, vocab: 6, length: 3 }, algorithm: { type: 'grpo', lr: 1, groupSize: 8 }, steps: 30 });
    const plain = await WebGpuBackend.create(c, own.device, { readbackEvery: 4 });
    const waited = await WebGpuBackend.create(c, own.device, { readbackEvery: 4, waitForGpu });
    const expected = await plain.advance(20);
    expect(await waited.advance(20)).toEqual(expected);
    plain.dispose();
    own.device.destroy();
    const rest = await waited.advance(10);
    expect(waited.notice).toMatch(/lost.*continued on the CPU from step 20/);
    expect(rest.filter((r) => r.run === 0).map((r) => r.step)).toEqual(Array.from({ length: 10 }, (_, i) => 20 + i));
    await expect(waitForGpu(new Promise((resolve) => setTimeout(resolve, 20, 7)))).resolves.toBe(7);
    await expect(waitForGpu(Promise.reject(new Error('mapping failed')))).rejects.toThrow('mapping failed');
  });

  it('says why a config stays on the CPU', () => {
    expect(gpuSupport(config({ env: { type: 'chain', length: 10, smallReward: 0.1 }, algorithm: { type: 'pg', mode: 'sampled' } }))).toMatchObject({ ok: false, reason: expect.stringMatching(/smallReward/) });
    expect(gpuSupport(config({ env: { type: 'tokens' }, algorithm: { type: 'npg', mode: 'sampled' }, interventions: [{ type: 'refKL', divergence: 'forward' }] }))).toMatchObject({ ok: false, reason: expect.stringMatching(/refKL.divergence forward with a natural-gradient algorithm/) });
    expect(gpuSupport(config({ env: { type: 'tokens' }, algorithm: { type: 'grpo' }, interventions: [{ type: 'refKL', divergence: 'forward' }] }))).toEqual({ ok: true });
    expect(gpuSupport(config({ env: { type: 'tokens' }, algorithm: { type: 'grpo' }, interventions: [{ type: 'lpReg' }, { type: 'lpReg', coef: 0.1 }] }))).toMatchObject({ ok: false, reason: expect.stringMatching(/more than one lpReg/) });
    expect(gpuSupport(config({ env: { type: 'tokens' }, algorithm: { type: 'grpo' }, interventions: [{ type: 'clipCov' }, { type: 'clipCov', ratio: 0.1 }] }))).toMatchObject({ ok: false, reason: expect.stringMatching(/more than one clipCov/) });
  });
});
