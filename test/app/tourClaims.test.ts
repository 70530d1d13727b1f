// Tours that tell the truth (issue 14): every claim of a tour step's question, right answer and
// explanation is checked on the step's own run (its config as the tour loads it). As for the
// presets, each claim quotes the words it checks, and a meta-test requires every number of those
// texts to sit in a quoted claim.
import { describe, expect, it } from 'vitest';
import { TOURS, fromPreset } from '../../src/app/tours/tours';
import { clipCovCount } from '../../src/sim/interventions/clipCov';
import { earlyFit, fitLaw } from '../../src/sim/fit';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { parseConfig } from '../../src/sim/config';
import { numbersIn } from '../sim/claimText';
import { at, meanOf, outputOf, pairedDifference, type Output } from '../sim/presetRuns';

interface Claim {
  says: string;
  check: () => Promise<void>;
}

const step = (tourId: string, index: number) => TOURS.find((t) => t.id === tourId)!.steps[index];
const run = (tourId: string, index: number) => outputOf(step(tourId, index).config);
/** The decoy presets at a tour's size, for comparisons the tours make. */
const decoyAtTourSize = (id: string, algorithm: Record<string, unknown> = {}) => {
  const raw = fromPreset(id, { runs: 8, steps: 400 });
  return outputOf({ ...raw, algorithm: { ...(raw.algorithm as object), ...algorithm } });
};
const last = (out: Output) => out.config.steps;
const higher = (a: number[], b: number[]) => {
  const d = pairedDifference(a, b);
  expect(d.mean, `difference ${d.mean} ± ${d.se}`).toBeGreaterThan(2 * d.se);
};
const series = (out: Output) => out.runs.map((r) => ({ entropy: r.map((x) => x.entropy), reward: r.map((x) => x.reward) }));
const pooledFit = (out: Output) => fitLaw(out.runs.flatMap((r) => r.map((x) => x.entropy)), out.runs.flatMap((r) => r.map((x) => x.reward)));
const meanCurve = (out: Output, key: string) => out.runs[0].map((_, t) => meanOf(out.runs.map((r) => r[t][key])));

/** Δz of the first exact step of a bandit tour step, and π, A at the start. */
function firstExactStep(tourId: string, index: number) {
  const parsed = parseConfig({ ...step(tourId, index).config, steps: 1 });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const backend = new CpuBackend(parsed.config);
  const z0 = backend.logits(0).slice();
  backend.advanceSync(1);
  const means = (parsed.config.env as { means: number[] }).means;
  const pi = z0.map((z) => Math.exp(z) / z0.reduce((s, x) => s + Math.exp(x), 0));
  const j = means.reduce((s, m, a) => s + pi[a] * m, 0);
  return { dz: Array.from(backend.logits(0), (z, a) => z - z0[a]), pi, advantage: means.map((m) => m - j), lr: parsed.config.algorithm.lr };
}

const CLAIMS: Record<string, Claim[]> = {
  'collapse#0': [
    { says: 'Sixteen prompts, answers of four tokens, GRPO with no intervention', check: async () => expect((await run('collapse', 0)).config).toMatchObject({ env: { prompts: 16, length: 4 }, algorithm: { type: 'grpo' }, interventions: [] }) },
    {
      says: 'Fall steeply within the first ~50 steps, then stay low',
      check: async () => {
        const h = meanCurve(await run('collapse', 0), 'entropy');
        expect(h[49]).toBeLessThan(0.5 * h[0]);
        expect(Math.max(...h.slice(49))).toBeLessThanOrEqual(h[49]);
      },
    },
    {
      says: 'Entropy drops most in the first tens of steps, while reward climbs, and then both flatten',
      check: async () => {
        const out = await run('collapse', 0);
        const [h, r] = [meanCurve(out, 'entropy'), meanCurve(out, 'reward')];
        const n = h.length;
        expect(h[0] - h[49]).toBeGreaterThan(2 * (h[49] - h[n - 1]));
        expect(r[49]).toBeGreaterThan(r[0] + 0.2);
        expect(r[n - 1] - r[n / 2 - 1]).toBeLessThan(0.05);
        expect(h[n / 2 - 1] - h[n - 1]).toBeLessThan(0.05);
      },
    },
    { says: 'Reward stops below what the prompts allow', check: async () => expect(meanOf(at(await run('collapse', 0), 300, 'reward'))).toBeLessThan(0.6) },
  ],
  'covariance-predicts#0': [
    {
      says: 'On the y = x line up to a small second-order error',
      check: async () => {
        const points = (await run('covariance-predicts', 0)).runs[0].map((r) => [r.predictedDeltaH, r.deltaH]);
        // Coefficient of determination about the line y = x itself (not a fitted line).
        const mean = meanOf(points.map((p) => p[1]));
        const residual = points.reduce((a, [x, y]) => a + (y - x) ** 2, 0);
        const total = points.reduce((a, [, y]) => a + (y - mean) ** 2, 0);
        expect(1 - residual / total).toBeGreaterThan(0.95);
      },
    },
    {
      says: 'the gap grows with the square of the step',
      check: async () => {
        const gap = async (lr: number) => {
          const base = step('covariance-predicts', 0).config;
          const r = (await outputOf({ ...base, steps: 1, algorithm: { ...(base.algorithm as object), lr } })).runs[0][0];
          return Math.abs(r.deltaH - r.predictedDeltaH);
        };
        const ratio = (await gap(0.2)) / (await gap(0.1));
        expect(ratio).toBeGreaterThan(3);
        expect(ratio).toBeLessThan(5);
      },
    },
  ],
  'covariance-positive#0': [
    {
      says: 'Positive: likely actions that do well get likelier, so entropy falls',
      check: async () => {
        const out = await run('covariance-positive', 0);
        expect(out.runs.flat().filter((r) => r.covariance > 0).length / out.runs.flat().length).toBeGreaterThan(0.5);
        expect(meanOf(at(out, last(out), 'entropy'))).toBeLessThan(meanOf(at(out, 1, 'entropy')));
      },
    },
    {
      says: 'the covariance is positive on most steps and the predicted ΔH (its negative) sits below zero',
      check: async () => {
        const steps = (await run('covariance-positive', 0)).runs.flat();
        expect(steps.filter((r) => r.predictedDeltaH < 0).length / steps.length).toBeGreaterThan(0.5);
      },
    },
    { says: 'the average stays positive', check: async () => expect(meanOf((await run('covariance-positive', 0)).runs.flat().map((r) => r.covariance))).toBeGreaterThan(0) },
  ],
  'law#0': [
    {
      says: 'A good fit (R² ≥ 0.8); the early fit lands within 0.05 of the final reward',
      check: async () => {
        const out = await run('law', 0);
        expect(pooledFit(out).r2).toBeGreaterThanOrEqual(0.8);
        expect(Math.abs(earlyFit(series(out)).error!)).toBeLessThan(0.05);
      },
    },
    {
      says: 'at H = 0 the curve gives the ceiling b − a',
      check: async () => {
        const fit = pooledFit(await run('law', 0));
        expect(fit.ceiling).toBeCloseTo(fit.b! - fit.a!, 12);
      },
    },
    {
      says: 'If R² is below 0.8 the panel says the data do not support the law, as it does on the decoy task',
      check: async () => {
        const fit = pooledFit(await decoyAtTourSize('paper-decoy-grpo'));
        expect(fit.r2).toBeLessThan(0.8);
        expect(fit.supportsLaw).toBe(false);
        expect(fit.note).toMatch(/do not support the law/);
      },
    },
  ],
  'covariance-interventions#0': [
    {
      says: 'On a plateau near 0.6, stuck on the decoy',
      check: async () => {
        const out = await run('covariance-interventions', 0);
        expect(Math.abs(meanOf(at(out, 400, 'reward')) - 0.6)).toBeLessThan(0.05);
        expect(pairedDifference(at(out, 400, 'reward'), at(out, 200, 'reward')).mean).toBeLessThan(0.02);
      },
    },
    {
      says: 'GRPO collapses onto the decoy in about 100 steps and reward stops near 0.62',
      check: async () => {
        const out = await run('covariance-interventions', 0);
        expect(meanOf(at(out, 100, 'entropy'))).toBeLessThan(meanOf(at(out, 1, 'entropy')) / 10);
        expect(Math.abs(meanOf(at(out, 400, 'reward')) - 0.62)).toBeLessThanOrEqual(0.01);
      },
    },
    { says: 'the full-credit answers are no longer sampled', check: async () => expect(meanOf(at(await run('covariance-interventions', 0), 400, 'entropy'))).toBeLessThan(0.02) },
  ],
  'covariance-interventions#1': [
    { says: 'KL-Cov penalises drift on the fifth of tokens with the largest covariance', check: async () => expect((await run('covariance-interventions', 1)).config.interventions[0]).toMatchObject({ type: 'klCov', ratio: 0.2 }) },
    {
      says: 'Entropy falls more slowly and reward keeps rising past the plateau',
      check: async () => {
        const [kl, grpo] = [await run('covariance-interventions', 1), await run('covariance-interventions', 0)];
        higher(at(kl, 100, 'entropy'), at(grpo, 100, 'entropy'));
        higher(at(kl, 400, 'reward'), at(grpo, 400, 'reward'));
        higher(at(kl, 400, 'reward'), at(kl, 200, 'reward'));
      },
    },
    { says: 'The intervention panel shows how many tokens it touched each step', check: async () => expect((await run('covariance-interventions', 1)).runs.flat().every((r) => r.klCovFrac > 0.19 && r.klCovFrac < 0.21)).toBe(true) },
  ],
  'natural-gradient#0': [
    { says: 'Exact PG on four arms, from uniform', check: async () => expect((await run('natural-gradient', 0)).runs[0][0].entropy).toBeCloseTo(Math.log(4), 12) },
    {
      says: 'Entropy falls smoothly as the best arm takes over',
      check: async () => {
        const h = (await run('natural-gradient', 0)).runs[0].map((r) => r.entropy);
        h.slice(1).forEach((x, t) => expect(x).toBeLessThan(h[t]));
      },
    },
    {
      says: 'Under PG each logit moves by η·π(a)·A(a): rare arms barely move',
      check: async () => {
        const { dz, pi, advantage, lr } = firstExactStep('natural-gradient', 0);
        dz.forEach((d, a) => expect(d).toBeCloseTo(lr * pi[a] * advantage[a], 12));
      },
    },
  ],
  'natural-gradient#1': [
    {
      says: 'NPG moves every logit by η·A(a), without the factor π(a)',
      check: async () => {
        const { dz, advantage, lr } = firstExactStep('natural-gradient', 1);
        dz.forEach((d, a) => expect(d).toBeCloseTo(lr * advantage[a], 12));
      },
    },
    {
      says: 'it is larger from the first steps on: entropy collapses in fewer steps. Compare the entropy at step 50 with the previous run',
      check: async () => {
        const [npg, pg] = [(await run('natural-gradient', 1)).runs[0], (await run('natural-gradient', 0)).runs[0]];
        // Both are 0 at the uniform start (log π is constant), then NPG's is the larger.
        expect([npg[0].covariance, pg[0].covariance]).toEqual([0, 0]);
        for (let t = 1; t <= 20; t++) expect(npg[t].covariance).toBeGreaterThan(pg[t].covariance);
        expect(npg[49].entropy).toBeLessThan(pg[49].entropy);
      },
    },
  ],
  'bonus-explodes#0': [
    { says: 'Add λ·H to the objective with λ = 0.5', check: async () => expect((await run('bonus-explodes', 0)).config.interventions).toEqual([{ type: 'entropyBonus', coef: 0.5 }]) },
    {
      says: 'Entropy climbs towards ln V and reward stays near nothing',
      check: async () => {
        const out = await run('bonus-explodes', 0);
        expect(Math.log(8) - Math.max(...meanCurve(out, 'entropy'))).toBeLessThan(0.1);
        expect(Math.max(...meanCurve(out, 'reward'))).toBeLessThan(0.05);
      },
    },
    {
      says: 'entropy climbs past where it started and the policy never learns the answers',
      check: async () => {
        const out = await run('bonus-explodes', 0);
        higher(at(out, 400, 'entropy'), at(out, 1, 'entropy'));
        expect(meanOf(at(out, 400, 'reward'))).toBeLessThan(0.05);
      },
    },
    {
      says: 'Selective interventions such as Clip-Cov and KL-Cov act on a few tokens: under them entropy ends below where it started',
      check: async () => {
        for (const id of ['paper-decoy-clipcov', 'paper-decoy-klcov']) {
          const out = await decoyAtTourSize(id);
          expect(meanOf(at(out, 400, 'entropy'))).toBeLessThan(meanOf(at(out, 1, 'entropy')));
        }
      },
    },
  ],
  'bonus-explodes#1': [
    {
      says: 'the bonus coefficient adapts to hold entropy at 0.5 nats',
      check: async () => expect((await run('bonus-explodes', 1)).config.interventions[0]).toMatchObject({ type: 'adaptiveEntropy', target: 0.5 }),
    },
    {
      says: 'Entropy settles at the target and reward passes the GRPO plateau',
      check: async () => {
        const out = await run('bonus-explodes', 1);
        meanCurve(out, 'entropy').slice(49).forEach((h) => expect(Math.abs(h - 0.5)).toBeLessThan(0.05));
        higher(at(out, 400, 'reward'), at(await decoyAtTourSize('paper-decoy-grpo'), 400, 'reward'));
      },
    },
    {
      says: 'entropy is held near 0.5 instead of exploding or collapsing, and reward keeps improving past where GRPO stopped',
      check: async () => higher(at(await run('bonus-explodes', 1), 400, 'reward'), at(await run('bonus-explodes', 1), 200, 'reward')),
    },
    { says: 'The intervention panel shows the coefficient at every step', check: async () => expect((await run('bonus-explodes', 1)).runs.flat().every((r) => Number.isFinite(r.entropyCoef))).toBe(true) },
  ],
  'honest-failures#0': [
    {
      says: 'Clip-Cov with the paper’s r = 2·10⁻⁴ under verl’s rule drops max(1, ⌊r·N⌋) tokens per epoch. With N = 384 tokens here',
      check: async () => {
        const out = await run('honest-failures', 0);
        expect(out.config).toMatchObject({ algorithm: { semantics: 'verl' }, interventions: [{ type: 'clipCov', ratio: 2e-4 }] });
        expect(16 * out.config.algorithm.groupSize * 3).toBe(384);
      },
    },
    {
      says: 'Next to nothing: it drops 1 token per epoch, and reward ends where GRPO’s does',
      check: async () => {
        const out = await run('honest-failures', 0);
        expect(out.runs.flat().every((r) => r.clipCovFrac <= 1 / 384)).toBe(true);
        const d = pairedDifference(at(out, 400, 'reward'), at(await decoyAtTourSize('paper-decoy-grpo', { semantics: 'verl' }), 400, 'reward'));
        expect(Math.abs(d.mean)).toBeLessThan(2 * d.se + 0.01);
      },
    },
    {
      says: '⌊r·N⌋ is 0 at lab batch sizes, and verl drops at least 1 token, so Clip-Cov removes 1 of 384 gradients per epoch: too few to change the collapse, and reward ends within noise of GRPO’s under the same rules',
      check: async () => {
        expect([Math.floor(2e-4 * 384), clipCovCount('verl', 2e-4, 384)]).toEqual([0, 1]);
        const [out, grpo] = [await run('honest-failures', 0), await decoyAtTourSize('paper-decoy-grpo', { semantics: 'verl' })];
        const d = pairedDifference(at(out, 100, 'entropy'), at(grpo, 100, 'entropy'));
        expect(Math.abs(d.mean)).toBeLessThan(2 * d.se + 0.01);
      },
    },
  ],
};

describe('every tour step’s claims are covered', () => {
  it('every step has claims quoting its question, right answer or explanation, and every number there is claimed', () => {
    for (const tour of TOURS) {
      tour.steps.forEach((s, i) => {
        const key = `${tour.id}#${i}`;
        const claims = CLAIMS[key];
        expect(claims, key).toBeDefined();
        const text = [s.question, s.choices.find((c) => c.correct)!.label, s.explanation].join('\n');
        for (const c of claims) expect(text, `${key}: "${c.says}"`).toContain(c.says);
        for (const n of numbersIn(text)) expect(claims.some((c) => numbersIn(c.says).includes(n)), `${key}: the number ${n} is in no claim`).toBe(true);
      });
    }
  });
});

for (const [key, claims] of Object.entries(CLAIMS)) {
  describe(`tour ${key}`, () => {
    for (const claim of claims) it(`“${claim.says}”`, claim.check, 600_000);
  });
}
