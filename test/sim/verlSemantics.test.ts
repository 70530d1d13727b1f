// algorithm.semantics "verl" (issue 14): one test per rule of volcengine/verl's
// verl/trainer/ppo/core_algos.py at commit b178a3cd, on tiny hand-computed batches, with verl's
// formulas transcribed literally here where a transcription is the clearest reference:
// compute_grpo_outcome_advantage L266–331, agg_loss L1025–1081, compute_policy_loss_vanilla
// L1159–1250, compute_policy_loss_clip_cov L1450–1552, compute_policy_loss_kl_cov L1555–1632.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baselineAdvantages, standardisedAdvantages, verlGroupAdvantages } from '../../src/sim/algorithms/base';
import { ALGORITHMS, algorithmSpec } from '../../src/sim/algorithms';
import { INTERVENTIONS } from '../../src/sim/interventions';
import { verlConfigYaml, VERL_COMMIT } from '../../src/sim/io/verlConfig';
import { spec as clipCov } from '../../src/sim/interventions/clipCov';
import { spec as klCov } from '../../src/sim/interventions/klCov';
import { aggregationDivisors, ClipKind, clipKind, policyLossOf } from '../../src/sim/policyLoss';
import type { Batch, StepContext, TokenBatch } from '../../src/sim/types';
import { issuePaths, parse, runEnsemble } from './interventions/helpers';
import { presetById } from '../../src/sim/presets';

/** A batch of one-token trajectories at row 0 (G = all of them) with the given advantages and log π_old. */
function tinyTokens(advantage: number[], logpOld: number[]): TokenBatch {
  const n = advantage.length;
  const batch: Batch = {
    groupIds: Int32Array.of(0),
    groupSize: n,
    reward: Float64Array.from(advantage),
    correct: new Uint8Array(n),
    tokenOffset: Int32Array.from({ length: n + 1 }, (_, i) => i),
    row: new Int32Array(n),
    action: Int32Array.from({ length: n }, (_, i) => i),
    logpBehaviour: Float64Array.from(logpOld),
  };
  return {
    batch,
    advantage: Float64Array.from(advantage),
    weight: new Float64Array(n).fill(1),
    logpOld: Float64Array.from(logpOld),
    trajectory: Int32Array.from({ length: n }, (_, i) => i),
    divisor: new Float64Array(n).fill(n),
  };
}

function tinyContext(semantics: 'lab' | 'verl', actions: number): StepContext {
  let draw = 0;
  const table = new Float64Array(actions);
  return {
    step: 0,
    totalSteps: 1,
    seed: 1,
    run: 0,
    mode: 'sampled',
    semantics,
    lr: 1,
    shape: { rows: 1, actions },
    logits: table,
    logp: table,
    refLogp: table,
    rowEntropy: Float64Array.of(0),
    visitation: Float64Array.of(1),
    entropy: 0,
    reward: 0,
    // A fixed sequence: the tests below only ask for subsets that take every candidate.
    random: () => [0.1, 0.7, 0.4, 0.9, 0.3][draw++ % 5],
  };
}

// Ten tokens with advantages of mean 0 and log π = −2 + d_i with Σd = 0, so c_i = d_i·Â_i exactly:
// c = [3, 1, 0.5, 2, −6.5, 1, 2, −0.5, −1.5, −1]. Strictly inside (1, 5): tokens 0, 3, 6; on the
// band's edge c = 1: tokens 1 and 5.
const ADV = [1, 1, 1, 1, 1, -1, -1, -1, -1, -1];
const D = [3, 1, 0.5, 2, -6.5, -1, -2, 0.5, 1.5, 1];
const LOGP = D.map((d) => -2 + d);
const NONE_CLIPPED = new Uint8Array(10);

function droppedBy(semantics: 'lab' | 'verl', ratio: number, opts: { clipped?: Uint8Array; logpNew?: number[] } = {}): number[] {
  const tokens = tinyTokens(ADV, LOGP);
  const ctx = tinyContext(semantics, 10);
  const iv = clipCov.create({ type: 'clipCov', ratio, covLow: 1, covHigh: 5 }, ctx.shape);
  iv.tokenWeights!(ctx, tokens);
  const coef = new Float64Array(10).fill(1);
  iv.tokenLoss!(ctx, tokens, 1, Float64Array.from(opts.logpNew ?? LOGP), coef, opts.clipped ?? NONE_CLIPPED);
  return Array.from(coef.keys()).filter((i) => coef[i] === 0 || tokens.weight[i] === 0);
}

describe('GRPO advantage (compute_grpo_outcome_advantage L310–330)', () => {
  /** verl's loop, transcribed: torch.std is the unbiased std; a single sample has mean 0, std 1. */
  function verlReference(scores: number[], normByStd: boolean): number[] {
    const n = scores.length;
    const mean = n === 1 ? 0 : scores.reduce((a, b) => a + b, 0) / n;
    const std = n === 1 ? 1 : Math.sqrt(scores.reduce((a, s) => a + (s - mean) ** 2, 0) / (n - 1));
    return scores.map((s) => (normByStd ? (s - mean) / (std + 1e-6) : s - mean));
  }

  it('divides by the unbiased std (n − 1) plus 1e-6; lab semantics by the population std plus stdEps', () => {
    const r = Float64Array.of(1, 0, 0, 1);
    const verl = new Float64Array(4);
    verlGroupAdvantages(r, 1, 4, true, verl);
    // mean 0.5, unbiased std √(1/3): ±0.5/(0.57735… + 1e-6) = ±0.866024…
    expect(verl[0]).toBeCloseTo(0.5 / (Math.sqrt(1 / 3) + 1e-6), 14);
    expect(Array.from(verl)).toEqual(verlReference([1, 0, 0, 1], true));
    const lab = new Float64Array(4);
    standardisedAdvantages(r, 1, 4, 1e-4, lab);
    expect(lab[0]).toBeCloseTo(0.5 / (0.5 + 1e-4), 14);
  });

  it('gives a lone sample its reward (mean 0, std 1), with and without the std (Dr. GRPO)', () => {
    const one = new Float64Array(1);
    verlGroupAdvantages(Float64Array.of(0.7), 1, 1, true, one);
    expect(one[0]).toBe(0.7 / (1 + 1e-6));
    verlGroupAdvantages(Float64Array.of(0.7), 1, 1, false, one);
    expect(one[0]).toBe(0.7);
    baselineAdvantages(Float64Array.of(0.7), 1, 1, 'mean', one);
    expect(one[0]).toBe(0); // the lab's group mean includes the sample itself
  });

  it('is what the grpo and drgrpo algorithms use under verl semantics', () => {
    const advantages = (type: string, semantics: string) => {
      const config = parse({ version: 1, env: { type: 'bandit', arms: 2, means: [0.3, 0.6] }, algorithm: { type, semantics, groupSize: 3 } });
      const out = new Float64Array(3);
      algorithmSpec(type)!.advantages(Float64Array.of(1, 0, 1), 1, 3, config.algorithm, out);
      return Array.from(out);
    };
    expect(advantages('grpo', 'verl')).toEqual(verlReference([1, 0, 1], true));
    expect(advantages('drgrpo', 'verl')).toEqual(verlReference([1, 0, 1], false));
    expect(advantages('grpo', 'lab')).not.toEqual(verlReference([1, 0, 1], true));
  });
});

describe('PPO clip and dual-clip (compute_policy_loss_vanilla L1218–1235)', () => {
  const bounds = { low: 0.2, high: 0.2 };
  /** verl's per-token losses as functions of ρ, transcribed (clip_cov with corr = 1). */
  const clamp = (rho: number) => Math.min(Math.max(rho, 1 - bounds.low), 1 + bounds.high);
  const losses = {
    vanilla: (rho: number, a: number, c: number) => {
      const clip1 = Math.max(-a * rho, -a * clamp(rho));
      return a < 0 ? Math.min(-a * c, clip1) : clip1;
    },
    clip_cov: (rho: number, a: number) => Math.max(-a * rho, -a * clamp(rho)),
    kl_cov: (rho: number, a: number) => -a * rho,
  };
  const flat = (f: (rho: number) => number, rho: number) => f(rho + 1e-6) === f(rho - 1e-6);

  it('stops exactly the tokens whose verl loss is flat in ρ: high, low and dual-clip (c = 3)', () => {
    const kinds = new Set<number>();
    for (const rho of [0.5, 0.79, 0.81, 1, 1.19, 1.21, 2.5, 2.99, 3.01, 5]) {
      for (const a of [-1.3, 0.7]) {
        const kind = clipKind('vanilla', rho, a, bounds, 3);
        kinds.add(kind);
        expect(kind !== ClipKind.NONE, `ρ = ${rho}, Â = ${a}`).toBe(flat((r) => losses.vanilla(r, a, 3), rho));
        expect(clipKind('clip_cov', rho, a, bounds, 3) !== ClipKind.NONE).toBe(flat((r) => losses.clip_cov(r, a), rho));
        expect(clipKind('kl_cov', rho, a, bounds, 3)).toBe(ClipKind.NONE);
        expect(flat((r) => losses.kl_cov(r, a), rho)).toBe(false);
      }
    }
    expect([...kinds].sort()).toEqual([ClipKind.NONE, ClipKind.HIGH, ClipKind.LOW, ClipKind.DUAL]);
    expect(clipKind('vanilla', 3.5, -1, bounds, 3)).toBe(ClipKind.DUAL);
    expect(clipKind('lab', 3.5, -1, bounds, 3)).toBe(ClipKind.DUAL); // the lab composes dual-clip with its own rules
    expect(clipKind('lab', 3.5, -1, bounds, 0)).toBe(ClipKind.NONE); // 0: off, the lab's default
  });

  it('picks verl’s loss_mode from the interventions: one loss per run', () => {
    expect(policyLossOf('lab', ['clipCov'])).toBe('lab');
    expect(policyLossOf('verl', [])).toBe('vanilla');
    expect(policyLossOf('verl', ['entropyBonus', 'clipCov'])).toBe('clip_cov');
    expect(policyLossOf('verl', ['klCov'])).toBe('kl_cov');
  });
});

describe('loss aggregation (agg_loss L1055–1079)', () => {
  /** verl's agg_loss on a padded (bs, len) matrix, transcribed; loss_scale_factor = len. */
  function aggLoss(loss: number[][], mask: number[][], mode: string): number {
    const seqSums = loss.map((row, j) => row.reduce((s, l, t) => s + l * mask[j][t], 0));
    const seqLens = mask.map((row) => row.reduce((a, b) => a + b, 0));
    const nonEmpty = seqLens.filter((n) => n > 0).length;
    if (mode === 'token-mean') return seqSums.reduce((a, b) => a + b, 0) / seqLens.reduce((a, b) => a + b, 0);
    if (mode === 'seq-mean-token-sum') return seqSums.reduce((a, b) => a + b, 0) / nonEmpty;
    if (mode === 'seq-mean-token-mean') return seqSums.reduce((a, s, j) => a + (seqLens[j] > 0 ? s / (seqLens[j] + 1e-8) : 0), 0) / nonEmpty;
    return seqSums.reduce((a, b) => a + b, 0) / mask[0].length;
  }

  it('gives each token verl’s weight ∂loss/∂ℓ_i, scaled by the batch’s prompt count S/G', () => {
    // Two prompts × G = 2 trajectories of 1, 3, 2 and 2 tokens; answers at most 3 long.
    const lengths = [1, 3, 2, 2];
    const offsets = [0, 1, 4, 6, 8];
    const batch = { ...tinyTokens([0, 0, 0, 0, 0, 0, 0, 0], new Array(8).fill(-1)).batch, groupIds: Int32Array.of(0, 1), groupSize: 2, reward: new Float64Array(4), tokenOffset: Int32Array.from(offsets) };
    const mask = lengths.map((n) => [0, 1, 2].map((t) => (t < n ? 1 : 0)));
    for (const mode of ['seq-mean-token-sum', 'token-mean', 'seq-mean-token-mean', 'seq-mean-token-sum-norm'] as const) {
      const divisors = aggregationDivisors(batch, mode, 3);
      lengths.forEach((n, j) => {
        for (let t = 0; t < n; t++) {
          const unit = lengths.map((_, jj) => [0, 1, 2].map((tt) => (jj === j && tt === t ? 1 : 0)));
          const weight = aggLoss(unit, mask, mode);
          expect(1 / divisors[offsets[j] + t], `${mode} token ${t} of answer ${j}`).toBeCloseTo((4 / 2) * weight, 7);
        }
      });
    }
  });

  it('on answers of one length L, token-mean at lr·L is the lab’s seq-mean-token-sum at lr, entropy bonus included', () => {
    const decoy = presetById('paper-decoy-grpo')!.config as Record<string, unknown>;
    // The entropy bonus is aggregated as the policy loss is (verl's agg_loss of the entropy), so it scales alike.
    const run = (algorithm: Record<string, unknown>) =>
      runEnsemble({ ...decoy, steps: 20, runs: 2, algorithm: { ...(decoy.algorithm as object), ...algorithm }, interventions: [{ type: 'entropyBonus', coef: 0.05 }] });
    const lab = run({});
    const tokenMean = run({ lossAggMode: 'token-mean', lr: 3 });
    tokenMean.logits.forEach((z, r) => z.forEach((x, i) => expect(x).toBeCloseTo(lab.logits[r][i], 9)));
    const plain = run({ lossAggMode: 'token-mean' }); // the same lr takes a third of the step
    expect(plain.logits[0]).not.toEqual(lab.logits[0]);
  });
});

describe('Clip-Cov (compute_policy_loss_clip_cov L1509–1537)', () => {
  it('drops max(1, ⌊r·N⌋) tokens under verl, round(r·N) under the lab', () => {
    expect(droppedBy('verl', 0.04)).toHaveLength(1); // ⌊0.4⌋ = 0, raised to 1
    expect(droppedBy('lab', 0.04)).toHaveLength(0); // round(0.4) = 0
    expect(droppedBy('verl', 0.19)).toHaveLength(1); // ⌊1.9⌋
    expect(droppedBy('lab', 0.19)).toHaveLength(2); // round(1.9)
  });

  it('takes the strict band ω_low < c < ω_high under verl (c = 1 is out), the closed one under the lab', () => {
    expect(droppedBy('verl', 0.5)).toEqual([0, 3, 6]);
    expect(droppedBy('lab', 0.5)).toEqual([0, 1, 3, 5, 6]);
  });

  it('leaves out the tokens the PPO clip already stopped', () => {
    const clipped = new Uint8Array(10);
    clipped[0] = ClipKind.HIGH;
    expect(droppedBy('verl', 0.5, { clipped })).toEqual([3, 6]);
  });

  it('centres c over every token, the clipped ones included (a mean over the others would admit token 5)', () => {
    const clipped = new Uint8Array(10);
    clipped[4] = ClipKind.HIGH;
    expect(droppedBy('verl', 0.5, { clipped })).toEqual([0, 3, 6]);
  });

  it('selects again with the current log π: a permutation of log π moves the band', () => {
    const logpNew = LOGP.slice();
    [logpNew[3], logpNew[4]] = [LOGP[4], LOGP[3]]; // c_3 = −6.5, c_4 = 2 now; the means stay
    expect(droppedBy('verl', 0.5, { logpNew })).toEqual([0, 4, 6]);
    expect(droppedBy('lab', 0.5, { logpNew })).toEqual([0, 1, 3, 5, 6]); // chosen once, at π_old
  });
});

describe('KL-Cov (compute_policy_loss_kl_cov L1595–1627)', () => {
  function penalised(semantics: 'lab' | 'verl', ratio: number, logpNew: number[]): Record<number, number> {
    const tokens = tinyTokens(ADV, LOGP);
    const ctx = tinyContext(semantics, 10);
    const iv = klCov.create({ type: 'klCov', ratio, coef: 0.5 }, ctx.shape);
    iv.tokenWeights!(ctx, tokens);
    const coef = new Float64Array(10);
    iv.tokenLoss!(ctx, tokens, 1, Float64Array.from(logpNew), coef, NONE_CLIPPED);
    return Object.fromEntries(Array.from(coef.keys()).filter((i) => coef[i] !== 0).map((i) => [i, coef[i]]));
  }

  it('penalises the top max(1, ⌊k·N⌋) tokens by c under the current log π (verl), round(k·N) at π_old (lab)', () => {
    const logpNew = LOGP.slice();
    [logpNew[0], logpNew[4]] = [LOGP[4], LOGP[0]]; // now c_0 = −6.5 and c_4 = 3, the largest
    // verl: ⌊1.5⌋ = 1 token, token 4, which rose (Δ = 9.5 > 0): coefficient −β.
    expect(penalised('verl', 0.15, logpNew)).toEqual({ 4: -0.5 });
    // lab: round(1.5) = 2 tokens at π_old: token 0 (c = 3, fell: +β), then the tie at c = 2 in
    // token order, token 3, which did not move (no gradient).
    expect(penalised('lab', 0.15, logpNew)).toEqual({ 0: 0.5 });
    expect(penalised('verl', 0.01, logpNew)).toEqual({ 4: -0.5 }); // ⌊0.1⌋ = 0, raised to 1
  });
});

describe('verl semantics through trainStep', () => {
  const decoy = presetById('paper-decoy-grpo')!.config as Record<string, unknown>;
  const run = (algorithm: Record<string, unknown>, interventions: Record<string, unknown>[]) =>
    runEnsemble({ ...decoy, steps: 25, runs: 2, algorithm: { ...(decoy.algorithm as object), semantics: 'verl', ...algorithm }, interventions });

  it('Clip-Cov drops ⌊r·N⌋ = 7 of 384 tokens per epoch at most, and at least one whenever the band is not empty', () => {
    const records = run({}, [{ type: 'clipCov', ratio: 0.02 }]).records.flat();
    for (const r of records) {
      expect(r.clipCovFrac).toBeLessThanOrEqual(7 / 384 + 1e-12);
      expect(r.clipCovFrac).toBeLessThanOrEqual(r.clipCovEligibleFrac);
      if (r.clipCovEligibleFrac > 0) expect(r.clipCovFrac).toBeGreaterThanOrEqual(1 / 384 / 4);
    }
    expect(records.some((r) => r.clipCovFrac > 0)).toBe(true);
  });

  it('KL-Cov runs without the ratio clip and selects max(1, ⌊k·N⌋) tokens', () => {
    const records = run({}, [{ type: 'klCov', ratio: 2e-3, coef: 1 }]).records.flat();
    for (const r of records) {
      expect(r.clipFracLow + r.clipFracHigh).toBe(0);
      expect(r.klCovFrac).toBe(1 / 384);
    }
    expect(records.some((r) => r.klCovActive > 0)).toBe(true);
  });

  it('records the dual-clip share only when clipRatioC is set', () => {
    expect(run({ clipRatioC: 1.05 }, []).records.flat().some((r) => r.clipFracDual > 0)).toBe(true);
    expect(run({}, []).records.flat().every((r) => !('clipFracDual' in r))).toBe(true);
  });

  it('refuses what verl refuses or ignores, naming the field', () => {
    const grpo = { type: 'grpo', mode: 'sampled', semantics: 'verl' };
    const raw = (algorithm: Record<string, unknown>, interventions: Record<string, unknown>[] = []) => ({ ...decoy, algorithm: { ...grpo, ...algorithm }, interventions });
    expect(issuePaths(raw({}, [{ type: 'clipCov', ratio: 0 }]))).toEqual(['interventions[0].ratio']);
    expect(issuePaths(raw({}, [{ type: 'klCov', ratio: 0 }]))).toEqual(['interventions[0].ratio']);
    expect(issuePaths(raw({}, [{ type: 'clipCov' }, { type: 'klCov' }]))).toEqual(['interventions[1]']);
    expect(issuePaths(raw({}, [{ type: 'klCov' }, { type: 'clipHigher' }]))).toEqual(['interventions[1]']);
    expect(issuePaths(raw({ stdEps: 1e-6 }))).toEqual(['algorithm.stdEps']);
    expect(issuePaths(raw({ clipRatioC: 0.5 }))).toEqual(['algorithm.clipRatioC']);
    expect(issuePaths(raw({ semantics: 'lab' }, [{ type: 'clipCov', ratio: 0 }, { type: 'klCov' }]))).toEqual([]);
    expect(issuePaths({ version: 1, algorithm: { type: 'pg', mode: 'exact', dynamicSampling: true } })).toEqual(['algorithm.dynamicSampling']);
  });
});

describe('verl key names', () => {
  const verlReference = JSON.parse(readFileSync('test/fixtures/reference/verl.json', 'utf8')) as { commit: string; configKeys: string[] };
  // DAPO's dynamic sampling lives in FilterGroupsConfig (verl/trainer/config/algorithm.py L43–56 at
  // b178a3cd), an optional algorithm field that the generated trainer config leaves out.
  const FILTER_GROUPS = ['algorithm.filter_groups.enable', 'algorithm.filter_groups.max_num_gen_batches'];

  it('shown beside the lab’s fields are keys of verl’s trainer config at the pinned commit', () => {
    expect(verlReference.commit).toBe(VERL_COMMIT);
    const keys = new Set([...verlReference.configKeys, ...FILTER_GROUPS]);
    const shown = [...ALGORITHMS.flatMap((a) => Object.values(a.verlKeys ?? {})), ...INTERVENTIONS.flatMap((iv) => Object.values(iv.verlKeys ?? {}) as string[])];
    expect(shown.length).toBeGreaterThan(15);
    for (const key of shown) expect(keys.has(key), key).toBe(true);
  });

  it('carry the new fields into the verl export: loss_agg_mode, clip_ratio_c, and filter_groups as a note', () => {
    const yaml = (algorithm: Record<string, unknown>) => verlConfigYaml(parse({ version: 1, env: { type: 'tokens' }, algorithm: { type: 'grpo', mode: 'sampled', ...algorithm } }));
    expect(yaml({ lossAggMode: 'token-mean', clipRatioC: 10 })).toMatch(/loss_agg_mode: token-mean[^\n]*\n\s+clip_ratio_c: 10/);
    expect(yaml({})).toMatch(/no dual-clip/);
    expect(yaml({ dynamicSampling: true, maxDraws: 7 })).toMatch(/filter_groups[\s\S]*max_num_gen_batches: 7/);
    expect(yaml({ semantics: 'verl' })).toMatch(/adv_estimator: grpo {2}# unbiased group std \+ 1e-6/);
  });

  it('every intervention says how it stands to verl', () => {
    for (const iv of INTERVENTIONS) expect(iv.verlNote, iv.id).toMatch(/^(As in verl|Lab simplification|Not in verl)/);
  });
});
