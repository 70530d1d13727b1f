// The verl and TRL config exports: every key exists in verl's generated trainer config / TRL's
// GRPOConfig and every option value is one their code accepts, at the commits pinned in
// test/fixtures/reference (written by scripts/reference-keys.mjs from the projects' own files);
// YAML 1.1 (PyYAML, as TRL and verl read it) parses them with the intended types. And each
// mapping means what it says: the chosen advantage estimators, transcribed from verl's
// core_algos.py and TRL's grpo_trainer.py, give the lab's advantages up to a positive factor;
// the chosen KL losses have the reverse or forward KL's gradient in expectation; the loss
// aggregation weighs every token alike; Clip-Cov/KL-Cov carry the paper scripts' settings.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ALGORITHMS } from '../../../src/sim/algorithms';
import { parseConfig, type ExperimentConfig } from '../../../src/sim/config';
import { INTERVENTIONS } from '../../../src/sim/interventions';
import { spec as klCovSpec } from '../../../src/sim/interventions/klCov';
import { trlConfigYaml, TRL_COMMIT } from '../../../src/sim/io/trlConfig';
import { verlConfigYaml, VERL_COMMIT } from '../../../src/sim/io/verlConfig';
import { yamlNumber } from '../../../src/sim/io/llmExport';
import { exp, log } from '../../../src/sim/portableMath';
import { normal, uniform } from '../../../src/sim/rng';
import { klDivergence, logSoftmax } from '../../../src/sim/softmax';
import { reverseKlAscent } from '../../../src/sim/divergence';

const reference = (name: string) => JSON.parse(readFileSync(`test/fixtures/reference/${name}.json`, 'utf8'));
const VERL = reference('verl');
const TRL = reference('trl');
const PAPER = reference('entropy-mechanism');
const PAPER_7B_CLIP_COV = PAPER.scripts['recipe/dapo/7b_clip_cov.sh'];
const PAPER_7B_KL_COV = PAPER.scripts['recipe/dapo/7b_kl_cov.sh'];

function config(raw: Record<string, unknown>): ExperimentConfig {
  const r = parseConfig({ version: 1, env: { type: 'tokens' }, algorithm: { type: 'grpo', mode: 'sampled', groupSize: 16, epochs: 2 }, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

/** The YAML as PyYAML (YAML 1.1) reads it. */
const yaml11 = (text: string) => parse(text, { version: '1.1' }) as Record<string, unknown>;

/** Dotted paths of every key, and the scalars at the leaves. */
function flatten(node: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (typeof v === 'object' && v !== null) flatten(v, `${prefix}${k}.`, out);
    out[prefix + k] = v;
  }
  return out;
}

const verl = (c: ExperimentConfig) => flatten(yaml11(verlConfigYaml(c)));
const trl = (c: ExperimentConfig) => yaml11(trlConfigYaml(c));

/** One config per algorithm and baseline, per intervention alone, and the combinations that conflict. */
function everyConfig(): ExperimentConfig[] {
  const algorithms = [
    ...ALGORITHMS.map((a) => ({ type: a.id, mode: a.modes.includes('sampled') ? 'sampled' : a.modes[0] })),
    { type: 'pg', mode: 'exact' },
    ...['none', 'mean', 'loo'].flatMap((baseline) => ['pg', 'reinforce'].map((type) => ({ type, mode: 'sampled', baseline }))),
  ];
  return [
    ...algorithms.map((algorithm) => config({ algorithm: { ...algorithm, refKL: 0.01 } })),
    ...INTERVENTIONS.map((iv) => config({ interventions: [{ type: iv.id }] })),
    ...(['reverse', 'forward', 'js'] as const).map((divergence) => config({ interventions: [{ type: 'refKL', divergence }] })),
    config({ algorithm: { type: 'ppo', refKL: 0.02 }, interventions: [{ type: 'clipCov' }, { type: 'klCov' }, { type: 'clipHigher' }, { type: 'refKL', divergence: 'forward' }, { type: 'entropyBonus' }] }),
  ];
}

describe('reference fixtures', () => {
  it('are from the commits the exporters name', () => {
    expect(VERL.commit).toBe(VERL_COMMIT);
    expect(TRL.commit).toBe(TRL_COMMIT);
    expect(verlConfigYaml(config({}))).toContain(`volcengine/verl@${VERL_COMMIT.slice(0, 12)}`);
    expect(trlConfigYaml(config({}))).toContain(`huggingface/trl@${TRL_COMMIT.slice(0, 12)}`);
  });
});

describe('only real keys and accepted values', () => {
  const configs = everyConfig();

  it('verl: every key is in _generated_ppo_trainer.yaml; estimator, loss mode, aggregation and KL type are ones core_algos.py accepts', () => {
    for (const c of configs) {
      const y = verl(c);
      for (const key of Object.keys(y)) expect(VERL.configKeys, key).toContain(key);
      expect(VERL.advEstimators).toContain(y['algorithm.adv_estimator']);
      expect(VERL.policyLossModes).toContain(y['actor_rollout_ref.actor.policy_loss.loss_mode']);
      expect(VERL.lossAggModes).toContain(y['actor_rollout_ref.actor.loss_agg_mode']);
      if (y['actor_rollout_ref.actor.use_kl_loss']) expect(VERL.klLossTypes).toContain(y['actor_rollout_ref.actor.kl_loss_type']);
      expect(typeof y['actor_rollout_ref.rollout.n']).toBe('number');
      expect(typeof y['actor_rollout_ref.actor.clip_ratio_high']).toBe('number');
    }
  });

  it('TRL: every key is a GRPOConfig field; loss_type and scale_rewards are ones GRPOTrainer accepts', () => {
    for (const c of configs) {
      const y = trl(c);
      for (const key of Object.keys(y)) expect(TRL.grpoConfigFields, key).toContain(key);
      expect(TRL.lossTypes).toContain(y.loss_type);
      expect(TRL.scaleRewards).toContain(y.scale_rewards);
      for (const k of ['num_generations', 'num_iterations', 'epsilon', 'epsilon_high', 'beta', 'entropy_coef']) expect(typeof y[k], k).toBe('number');
    }
  });

  it('writes numbers PyYAML reads as numbers and quotes keys YAML 1.1 reads as booleans', () => {
    for (const v of [2e-4, 1e-7, 3e21, 0.5, 12, -1e-12]) expect(yaml11(`x: ${yamlNumber(v)}`).x).toBe(v);
    expect(verlConfigYaml(config({}))).toMatch(/^ {4}'n': 16 {2}# group size G$/m);
  });

  it('names every intervention it cannot express, with the reason', () => {
    const mapped = { verl: ['entropyBonus', 'clipHigher', 'clipCov', 'klCov', 'refKL'], trl: ['entropyBonus', 'clipHigher', 'refKL'] };
    for (const iv of INTERVENTIONS) {
      const c = config({ interventions: [{ type: iv.id }] });
      expect(verlConfigYaml(c).includes(`Not expressible in verl: ${iv.id} (interventions[0]`), iv.id).toBe(!mapped.verl.includes(iv.id));
      expect(trlConfigYaml(c).replace(/\n# /g, ' ').includes(`Not expressible in TRL: ${iv.id} (interventions[0]`), iv.id).toBe(!mapped.trl.includes(iv.id));
    }
  });
});

/** Rewards of `groups` groups of n, with ties and one all-equal group. */
function groupRewards(groups: number, n: number, seed: number): Float64Array {
  const r = new Float64Array(groups * n);
  for (let i = 0; i < r.length; i++) r[i] = i < n ? 1 : uniform(seed, 1, 0, i) < 0.4 ? 1 : normal(seed, 2, 0, i) * 0.3;
  return r;
}

const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0) / xs.length;
/** torch.std: the unbiased one. */
const unbiasedStd = (xs: number[]) => Math.sqrt(xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1));
const groupsOf = (r: Float64Array, n: number) => Array.from({ length: r.length / n }, (_, g) => Array.from(r.subarray(g * n, (g + 1) * n)));

/** Transcriptions of verl's outcome-reward estimators (core_algos.py at VERL_COMMIT), one token per answer. */
const VERL_ESTIMATORS: Record<string, (r: Float64Array, n: number, normByStd: boolean) => number[]> = {
  grpo: (r, n, normByStd) => groupsOf(r, n).flatMap((g) => g.map((x) => (normByStd ? (x - mean(g)) / (unbiasedStd(g) + 1e-6) : x - mean(g)))),
  rloo: (r, n) => groupsOf(r, n).flatMap((g) => g.map((x) => (x * n) / (n - 1) - (mean(g) * n) / (n - 1))),
  // Group mean subtracted, then verl_F.masked_whiten: (x − mean)/sqrt(unbiased var + 1e-8).
  reinforce_plus_plus_baseline: (r, n) => {
    const centred = groupsOf(r, n).flatMap((g) => g.map((x) => x - mean(g)));
    const m = mean(centred);
    const v = centred.reduce((s, x) => s + (x - m) ** 2, 0) / (centred.length - 1);
    return centred.map((x) => (x - m) / Math.sqrt(v + 1e-8));
  },
  // Returns whitened over the batch (masked_whiten of the reward itself).
  reinforce_plus_plus: (r) => {
    const xs = Array.from(r);
    const m = mean(xs);
    const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
    return xs.map((x) => (x - m) / Math.sqrt(v + 1e-8));
  },
};

/** Largest deviation of `lab` from the best positive multiple of `other`. */
function proportionalGap(lab: ArrayLike<number>, other: number[]): { scale: number; gap: number } {
  const dot = other.reduce((s, x, i) => s + x * lab[i], 0);
  const scale = dot / other.reduce((s, x) => s + x * x, 0);
  return { scale, gap: Math.max(...other.map((x, i) => Math.abs(lab[i] - scale * x))) };
}

describe('each mapping means what it says', () => {
  const n = 8;
  const groups = 12;

  it('verl: the chosen estimator gives the lab’s advantages up to a positive factor, with no critic', () => {
    for (const algo of ALGORITHMS.filter((a) => a.modes.includes('sampled'))) {
      for (const baseline of ['pg', 'reinforce'].includes(algo.id) ? ['mean', 'loo'] : [undefined]) {
        const c = config({ algorithm: { type: algo.id, mode: 'sampled', groupSize: n, ...(baseline ? { baseline } : {}) } });
        const y = verl(c);
        const estimator = y['algorithm.adv_estimator'] as string;
        expect(estimator).not.toBe('gae');
        // Two batches, the second with 3× the reward spread: the factor must be the same for both
        // (a batch-dependent factor, such as whitening on one side only, is not the same update).
        const fits = [1, 3].map((spread, b) => {
          const rewards = groupRewards(groups, n, 3 + b).map((x) => x * spread);
          const lab = new Float64Array(rewards.length);
          (algo as (typeof ALGORITHMS)[number]).advantages(rewards, groups, n, c.algorithm as never, lab);
          return proportionalGap(lab, VERL_ESTIMATORS[estimator](rewards, n, y['algorithm.norm_adv_by_std_in_grpo'] !== false));
        });
        const label = `${algo.id}/${baseline ?? ''} → ${estimator}`;
        expect(fits[0].scale, label).toBeGreaterThan(0);
        expect(Math.abs(fits[1].scale / fits[0].scale - 1), label).toBeLessThan(1e-3);
        // GRPO: the lab's population std vs verl's unbiased one is a factor √((n−1)/n) per group.
        for (const { gap } of fits) expect(gap, label).toBeLessThan(algo.id === 'grpo' ? 1e-3 : 1e-9);
      }
    }
    expect(verl(config({ algorithm: { type: 'ppo' } }))['algorithm.adv_estimator']).toBe('reinforce_plus_plus_baseline');
  });

  it('TRL: scale_rewards (transcribed from grpo_trainer.py) gives the lab’s GRPO and Dr. GRPO advantages; for PPO only when group means agree, as its comment says', () => {
    // advantages = r − group mean, divided by (torch std + 1e-4) of the group ('group') or of the whole batch ('batch').
    const trlAdvantages = (r: Float64Array, scale: string) => {
      const batchStd = unbiasedStd(Array.from(r));
      return groupsOf(r, n).flatMap((g) => g.map((x) => (scale === 'none' ? x - mean(g) : (x - mean(g)) / ((scale === 'group' ? unbiasedStd(g) : batchStd) + 1e-4))));
    };
    const labAdvantages = (type: string, r: Float64Array) => {
      const out = new Float64Array(r.length);
      const c = config({ algorithm: { type, groupSize: n } });
      ALGORITHMS.find((a) => a.id === type)!.advantages(r, groups, n, c.algorithm as never, out);
      return { out, scale: trl(c).scale_rewards as string };
    };
    for (const spread of [1, 3]) {
      const rewards = groupRewards(groups, n, 6).map((x) => x * spread);
      const grpo = labAdvantages('grpo', rewards);
      expect(proportionalGap(grpo.out, trlAdvantages(rewards, grpo.scale)).gap).toBeLessThan(2e-3);
      const dr = labAdvantages('drgrpo', rewards);
      expect(proportionalGap(dr.out, trlAdvantages(rewards, dr.scale))).toEqual({ scale: expect.closeTo(1, 12), gap: expect.closeTo(0, 12) });
    }
    // PPO: TRL's batch std includes the spread between group means, the lab's whitening does not.
    const sameMeans = Float64Array.from({ length: groups * n }, (_, i) => (i % n < n / 2 ? 1 : 0));
    const differentMeans = Float64Array.from({ length: groups * n }, (_, i) => (i % n < 1 + (Math.floor(i / n) % (n - 1)) ? 1 : 0));
    const ppoScale = (r: Float64Array) => proportionalGap(labAdvantages('ppo', r).out, trlAdvantages(r, 'batch')).scale;
    // Equal group means: the two differ only by the population vs unbiased std, √(m/(m−1)).
    const m = groups * n;
    expect(ppoScale(sameMeans)).toBeCloseTo(Math.sqrt(m / (m - 1)), 3);
    expect(Math.abs(ppoScale(differentMeans) / Math.sqrt(m / (m - 1)) - 1)).toBeGreaterThan(0.05);
    expect(trlConfigYaml(config({ algorithm: { type: 'ppo' } }))).toMatch(/scale_rewards: batch {2}# the lab’s PPO divides the group-centred advantages by their own spread over the batch; TRL divides by the std of the batch’s rewards/);
  });

  it('TRL: group scaling for GRPO, none for Dr. GRPO; leave-one-out is the mean baseline times G/(G−1) as its comment says', () => {
    expect(trl(config({}))).toMatchObject({ scale_rewards: 'group', loss_type: 'dr_grpo' });
    expect(trl(config({ algorithm: { type: 'drgrpo' } }))).toMatchObject({ scale_rewards: 'none', loss_type: 'dr_grpo' });
    expect(trlConfigYaml(config({ algorithm: { type: 'reinforce', baseline: 'loo' } }))).toMatch(/scale_rewards: none {2}# the lab’s leave-one-out baseline is G\/\(G−1\) times this one/);
    const rewards = groupRewards(groups, n, 4);
    const [loo, centred] = [new Float64Array(rewards.length), new Float64Array(rewards.length)];
    const reinforce = ALGORITHMS.find((a) => a.id === 'reinforce')!;
    reinforce.advantages(rewards, groups, n, { baseline: 'loo' } as never, loo);
    reinforce.advantages(rewards, groups, n, { baseline: 'mean' } as never, centred);
    centred.forEach((x, i) => expect(loo[i]).toBeCloseTo((x * n) / (n - 1), 12));
  });

  it('Dr. GRPO: verl’s seq-mean-token-sum-norm without std normalisation, as verl documents it', () => {
    const y = verl(config({ algorithm: { type: 'drgrpo' } }));
    expect(y).toMatchObject({ 'algorithm.adv_estimator': 'grpo', 'algorithm.norm_adv_by_std_in_grpo': false, 'actor_rollout_ref.actor.loss_agg_mode': 'seq-mean-token-sum-norm' });
  });

  it('the chosen aggregations weigh every token alike, whatever the answer lengths (verl agg_loss, transcribed)', () => {
    const lengths = [3, 7, 5, 1];
    const maxLength = 8;
    // d loss / d loss_it for each mode of agg_loss, B sequences of the given lengths.
    const weights: Record<string, (len: number) => number> = {
      'seq-mean-token-sum': () => 1 / lengths.length,
      'seq-mean-token-sum-norm': () => 1 / maxLength,
      'seq-mean-token-mean': (len) => 1 / (lengths.length * len),
    };
    const chosen = new Set([verl(config({}))['actor_rollout_ref.actor.loss_agg_mode'], verl(config({ algorithm: { type: 'drgrpo' } }))['actor_rollout_ref.actor.loss_agg_mode']]);
    for (const mode of chosen) expect(new Set(lengths.map(weights[mode as string])).size, String(mode)).toBe(1);
    expect(new Set(lengths.map(weights['seq-mean-token-mean'])).size).toBe(lengths.length);
  });

  it('reverse KL: verl’s k2 and TRL’s ratio-weighted k3 have the reverse KL’s gradient; plain k3 the forward KL’s', () => {
    const k = 6;
    const logp = logSoftmax(Array.from({ length: k }, (_, a) => normal(9, 1, 0, a)), new Float64Array(k));
    const refLogp = logSoftmax(Array.from({ length: k }, (_, a) => normal(9, 2, 0, a)), new Float64Array(k));
    const p = Array.from(logp, exp);
    /** E_{a∼π}[c(a) ∇_z log π(a)] with ∇_z log π(a) = e_a − π: a per-token loss's expected gradient. */
    const expectedGradient = (c: (a: number) => number) => p.map((pj, j) => p.reduce((s, pa, a) => s + pa * c(a) * ((a === j ? 1 : 0) - pj), 0));
    const r = (a: number) => exp(refLogp[a] - logp[a]);
    const k2 = expectedGradient((a) => logp[a] - refLogp[a]);
    const k3 = expectedGradient((a) => 1 - r(a));
    const k3RatioWeighted = expectedGradient((a) => r(a) - log(r(a)) - 1 + (1 - r(a)));
    // The lab's reverse-KL direction: vanilla gradient π ⊙ u of −β·KL(π‖π_ref), so ∇KL = −π ⊙ u / β.
    const u = new Float64Array(k);
    reverseKlAscent(logp, refLogp, 1, u);
    const reverseGrad = p.map((pj, j) => -pj * u[j]);
    // ∇_z KL(π_ref‖π) = π − π_ref.
    const forwardGrad = p.map((pj, j) => pj - exp(refLogp[j]));
    k2.forEach((g, j) => expect(g).toBeCloseTo(reverseGrad[j], 12));
    k3RatioWeighted.forEach((g, j) => expect(g).toBeCloseTo(reverseGrad[j], 12));
    k3.forEach((g, j) => expect(g).toBeCloseTo(forwardGrad[j], 12));
    expect(Math.max(...k3.map((g, j) => Math.abs(g - reverseGrad[j])))).toBeGreaterThan(1e-3);
    // And the reverse direction really is KL(π‖π_ref)'s gradient (central differences).
    const z = Array.from(logp);
    reverseGrad.forEach((g, j) => {
      const h = 1e-6;
      const at = (d: number) => klDivergence(logSoftmax(z.map((x, i) => (i === j ? x + d : x)), new Float64Array(k)), refLogp);
      expect(g).toBeCloseTo((at(h) - at(-h)) / (2 * h), 6);
    });

    const reverse = config({ algorithm: { type: 'grpo', refKL: 0.05 } });
    expect(verl(reverse)).toMatchObject({ 'actor_rollout_ref.actor.use_kl_loss': true, 'actor_rollout_ref.actor.kl_loss_coef': 0.05, 'actor_rollout_ref.actor.kl_loss_type': 'k2' });
    expect(trl(reverse)).toMatchObject({ beta: 0.05, use_bias_correction_kl: true });
    const forward = config({ interventions: [{ type: 'refKL', divergence: 'forward', coef: 0.1 }] });
    expect(verl(forward)['actor_rollout_ref.actor.kl_loss_type']).toBe('low_var_kl');
    expect(trl(forward)).toMatchObject({ beta: 0.1, use_bias_correction_kl: false });
  });

  it('clip-higher sets the two clip bounds', () => {
    const c = config({ interventions: [{ type: 'clipHigher', epsLow: 0.2, epsHigh: 0.28 }] });
    expect(verl(c)).toMatchObject({ 'actor_rollout_ref.actor.clip_ratio_low': 0.2, 'actor_rollout_ref.actor.clip_ratio_high': 0.28 });
    expect(trl(c)).toMatchObject({ epsilon: 0.2, epsilon_high: 0.28 });
  });

  it('Clip-Cov and KL-Cov carry the paper scripts’ settings, and both together say which one is dropped', () => {
    const clipCov = verl(config({ interventions: [{ type: 'clipCov', covLow: 1, covHigh: 5 }] }));
    expect(PAPER.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(clipCov).toMatchObject({
      'actor_rollout_ref.actor.policy_loss.loss_mode': PAPER_7B_CLIP_COV.loss_mode,
      'actor_rollout_ref.actor.clip_ratio_low': Number(PAPER_7B_CLIP_COV.clip_ratio_low),
      'actor_rollout_ref.actor.clip_ratio_high': Number(PAPER_7B_CLIP_COV.clip_ratio_high),
      'actor_rollout_ref.actor.policy_loss.clip_cov_ratio': Number(PAPER_7B_CLIP_COV.clip_cov_ratio),
      'actor_rollout_ref.actor.policy_loss.clip_cov_lb': Number(PAPER_7B_CLIP_COV.clip_cov_lb),
      'actor_rollout_ref.actor.policy_loss.clip_cov_ub': Number(PAPER_7B_CLIP_COV.clip_cov_ub),
    });
    // The paper's fork takes k_percent in percent (top-k of len·k/100); verl's kl_cov_ratio is a fraction.
    const klCov = verl(config({ interventions: [{ type: 'klCov', ratio: 0.2, coef: 2 }] }));
    expect(klCov).toMatchObject({
      'actor_rollout_ref.actor.policy_loss.loss_mode': PAPER_7B_KL_COV.loss_mode,
      'actor_rollout_ref.actor.policy_loss.kl_cov_ratio': Number(PAPER_7B_KL_COV.k_percent) / 100,
      'actor_rollout_ref.actor.policy_loss.ppo_kl_coef': 2,
      'actor_rollout_ref.actor.clip_ratio_low': Number(PAPER_7B_KL_COV.clip_ratio_low),
    });
    expect(klCovSpec.paperValues.ratio).toBe(Number(PAPER_7B_KL_COV.k_percent) / 100);
    const both = verlConfigYaml(config({ interventions: [{ type: 'clipCov' }, { type: 'klCov' }] }));
    expect(both.replace(/\n# /g, ' ')).toMatch(/Not expressible in verl: klCov \(interventions\[1\]: verl’s policy_loss\.loss_mode takes one loss, and Clip-Cov, interventions\[0\], is the one exported\)/);
    expect(trlConfigYaml(config({ interventions: [{ type: 'clipCov' }, { type: 'klCov' }] })).replace(/\n# /g, ' ')).toMatch(/Not expressible in TRL: clipCov \(interventions\[0\]: .*\); klCov \(interventions\[1\]/);
  });
});
