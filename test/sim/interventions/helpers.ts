// Shared fixtures for the intervention tests: the fixed configs the effects are measured on,
// an ensemble runner, the two-sample statistic the direction tests use, and a spy that
// captures what token-level hooks see on one real step.
import { expect } from 'vitest';
import { parseConfig, type ExperimentConfig } from '../../../src/sim/config';
import { CpuBackend } from '../../../src/sim/cpuBackend';
import { createEnvironment, createRun } from '../../../src/sim/experiment';
import { presetById } from '../../../src/sim/presets';
import { trainStep } from '../../../src/sim/trainStep';
import type { ClipBounds, InterventionInstance, StepContext, StepRecord, TokenBatch } from '../../../src/sim/types';

type Raw = Record<string, unknown>;

/**
 * The token task with shared suffix rows (preset tokens-grpo-collapse), 16 seeds, cut to 100
 * steps: the collapse is under way there, while by step 300 GRPO and every intervention that
 * slows it sit on the same plateau (entropy ≈ 0.29, reward ≈ 0.43).
 */
export function tokenTask(algorithm: Raw = {}, interventions: Raw[] = []): Raw {
  const preset = presetById('tokens-grpo-collapse')!.config as Raw;
  return { ...preset, steps: 100, runs: 16, algorithm: { ...(preset.algorithm as Raw), ...algorithm }, interventions };
}

/**
 * Eight equally paying arms (rewards carry no signal) from a peaked start, GRPO with 4 epochs:
 * any drift of entropy comes from the update rule itself, here from the clip (Park et al.,
 * "Clip-Low Increases Entropy and Clip-High Decreases Entropy", arXiv 2509.26114).
 */
export function randomRewardBandit(interventions: Raw[] = []): Raw {
  return {
    version: 1,
    steps: 200,
    runs: 16,
    env: { type: 'bandit', arms: 8, means: Array(8).fill(0.5) },
    policy: { type: 'tabular', init: { type: 'logits', logits: [0, -1, -1.6, -2.1, -2.4, -2.7, -2.9, -3.1] } },
    algorithm: { type: 'grpo', mode: 'sampled', lr: 1, groupSize: 16, epochs: 4 },
    interventions,
  };
}

export function parse(raw: Raw): ExperimentConfig {
  const r = parseConfig(raw);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r.config;
}

export interface Ensemble {
  /** records[run][step] */
  records: StepRecord[][];
  logits: Float64Array[];
}

export function runEnsemble(raw: Raw): Ensemble {
  const config = parse(raw);
  const backend = new CpuBackend(config);
  const flat = backend.advanceSync(config.steps);
  const records = Array.from({ length: config.runs }, (_, r) => flat.filter((x) => x.run === r));
  return { records, logits: records.map((_, r) => backend.logits(r).slice()) };
}

export function finalValues(e: Ensemble, key: string): number[] {
  return e.records.map((recs) => recs[recs.length - 1][key]);
}

export function meanOf(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Difference of means a − b and its standard error sqrt(s_a²/n_a + s_b²/n_b). */
export function meanDifference(a: number[], b: number[]): { diff: number; se: number } {
  const variance = (xs: number[]) => xs.reduce((s, x) => s + (x - meanOf(xs)) ** 2, 0) / (xs.length - 1);
  return { diff: meanOf(a) - meanOf(b), se: Math.sqrt(variance(a) / a.length + variance(b) / b.length) };
}

/** The records without the given metric keys (to compare a run with and without an intervention). */
export function withoutKeys(e: Ensemble, keys: string[]): Record<string, number>[][] {
  return e.records.map((recs) => recs.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k)))));
}

export interface Captured {
  ctx: StepContext;
  /** Token view after every listed intervention's advantage and weight stages. */
  tokens: TokenBatch;
  /** Ratios and bounds per inner epoch, as the epochClipBounds stage saw them. */
  epochs: { ratio: Float64Array; bounds: ClipBounds }[];
}

/** Run step `step` of run 0 with a spy appended after the config's interventions. */
export function captureStep(raw: Raw, step = 0): Captured {
  const config = parse(raw);
  const env = createEnvironment(config);
  const { setup, state } = createRun(config, env, 0);
  let captured: Captured | undefined;
  const spy: InterventionInstance = {
    state: {},
    tokenWeights(ctx, tokens) {
      captured = {
        ctx,
        tokens: { ...tokens, advantage: tokens.advantage.slice(), weight: tokens.weight.slice() },
        epochs: [],
      };
    },
    epochClipBounds(_ctx, _tokens, _epoch, ratio, bounds) {
      captured!.epochs.push({ ratio: ratio.slice(), bounds });
      return bounds;
    },
  };
  setup.interventions.push(spy);
  for (let t = 0; t <= step; t++) {
    const out = trainStep(setup, state);
    if (!out.ok) throw new Error(out.reason);
  }
  return captured!;
}

/** Field paths of the config's validation issues ([] when it parses). */
export function issuePaths(raw: Raw): string[] {
  const r = parseConfig(raw);
  return r.ok ? [] : r.issues.map((i) => i.path);
}

/** The documented direction with its margin: mean final entropy of `treated` above `baseline` by > 2 SE. */
export function expectHigherFinalEntropy(treated: Ensemble, baseline: Ensemble): void {
  const { diff, se } = meanDifference(finalValues(treated, 'entropy'), finalValues(baseline, 'entropy'));
  expect(diff).toBeGreaterThan(2 * se);
}

/** A 4-armed bandit trained in exact mode (deterministic: one run says it all). */
export function exactBandit(algorithm: Raw, interventions: Raw[] = [], steps = 400): Raw {
  return {
    version: 1,
    steps,
    runs: 1,
    env: { type: 'bandit', arms: 4, means: [0.2, 0.5, 0.8, 0.3] },
    algorithm: { mode: 'exact', ...algorithm },
    interventions,
  };
}

/** Ensemble-mean of a metric at every step: out[t] = mean over runs of records[run][t][key]. */
export function meanCurve(e: Ensemble, key: string): number[] {
  return e.records[0].map((_, t) => meanOf(e.records.map((recs) => recs[t][key])));
}
