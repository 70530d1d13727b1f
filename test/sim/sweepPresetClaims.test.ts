// The sweep presets' claims (issue 14), checked on their own cells: each cell is run as its own
// config (a sweep's cell runs exactly so, test/sim/sweep.test.ts), seed for seed against GRPO
// under the same rules and size. As in presetClaims.test.ts, each claim quotes its words and
// every number of a text must sit inside a quoted claim.
import { describe, expect, it } from 'vitest';
import { clipCovCount } from '../../src/sim/interventions/clipCov';
import { klCovCount } from '../../src/sim/interventions/klCov';
import { parseSweep, type Sweep } from '../../src/sim/sweep';
import { SWEEP_PRESETS, sweepPresetById } from '../../src/sim/sweepPresets';
import { decoyConfigClaims, numbersIn, presetClaimText, type Claim } from './claimText';
import { at, meanOf, outputOf, pairedDifference, type Output } from './presetRuns';


function sweepOf(id: string): Sweep {
  const r = parseSweep(sweepPresetById(id)!.config);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.sweep;
}

/** The run of the cell whose axis values are `values` (by path, in axis order). */
function cell(id: string, ...values: number[]): Promise<Output> {
  const sweep = sweepOf(id);
  const found = sweep.cells.find((c) => sweep.axes.every((axis, a) => c.values[axis.path] === values[a]));
  if (!found) throw new Error(`${id} has no cell ${values.join(', ')}`);
  return outputOf(found.config as unknown as Record<string, unknown>);
}

/** GRPO under the sweep's own rules, size and seeds: the sweep's base without its intervention. */
const grpo = (id: string) => {
  const { sweep: _sweep, ...base } = sweepPresetById(id)!.config;
  return outputOf({ ...base, interventions: [] });
};

const last = (out: Output) => out.config.steps;
const finalOf = (out: Output, key: string) => at(out, last(out), key);
/** Each run's mean over its steps. */
const runMeans = (out: Output, key: string) => out.runs.map((run) => meanOf(run.map((r) => r[key])));
const higher = (a: number[], b: number[]) => {
  const d = pairedDifference(a, b);
  expect(d.mean, `difference ${d.mean} ± ${d.se}`).toBeGreaterThan(2 * d.se);
};
const same = (a: number[], b: number[]) => {
  const d = pairedDifference(a, b);
  expect(Math.abs(d.mean), `difference ${d.mean} ± ${d.se}`).toBeLessThan(2 * d.se + 0.01);
};

const CC = 'sweep-clipcov-ratio';
const KL = 'sweep-klcov-ratio-coef';

const CLAIMS: Record<string, Claim[]> = {
  [CC]: [
    ...decoyConfigClaims(async () => sweepOf(CC).base),
    {
      says: 'Clip-Cov under verl’s rules with r from the paper’s 2·10⁻⁴ to 0.5 on the decoy task',
      check: async () => {
        const sweep = sweepOf(CC);
        expect(sweep.base.algorithm.semantics).toBe('verl');
        expect(sweep.base.env).toMatchObject({ type: 'tokens', answerRewards: [0.5, 1] });
        expect(sweep.axes).toEqual([{ path: 'interventions.0.ratio', values: expect.arrayContaining([2e-4, 0.5]) }]);
        expect(Math.min(...sweep.axes[0].values)).toBe(2e-4);
        expect(Math.max(...sweep.axes[0].values)).toBe(0.5);
      },
    },
    {
      says: 'Up to r = 0.02 (7 of 384 tokens per epoch) reward stays on GRPO’s plateau',
      check: async () => {
        expect(clipCovCount('verl', 0.02, 384)).toBe(7);
        for (const r of sweepOf(CC).axes[0].values.filter((r) => r <= 0.02)) same(finalOf(await cell(CC, r), 'reward'), finalOf(await grpo(CC), 'reward'));
      },
    },
    {
      says: 'Clip-Cov starts to act between 0.02 and 0.05',
      check: async () => {
        higher(finalOf(await cell(CC, 0.05), 'reward'), finalOf(await grpo(CC), 'reward'));
        higher(runMeans(await cell(CC, 0.05), 'entropy'), runMeans(await grpo(CC), 'entropy'));
      },
    },
    {
      says: 'from r = 0.2 on it drops the whole covariance band on almost every step: reward 0.70 and about twice GRPO’s mean entropy',
      check: async () => {
        const base = meanOf(runMeans(await grpo(CC), 'entropy'));
        for (const r of [0.2, 0.5]) {
          const out = await cell(CC, r);
          const steps = out.runs.flat();
          expect(steps.filter((x) => x.clipCovFrac === x.clipCovEligibleFrac).length / steps.length).toBeGreaterThan(0.95);
          expect(Math.abs(meanOf(finalOf(out, 'reward')) - 0.7)).toBeLessThanOrEqual(0.01);
          const ratio = meanOf(runMeans(out, 'entropy')) / base;
          expect(ratio).toBeGreaterThan(1.7);
          expect(ratio).toBeLessThan(2.3);
        }
      },
    },
    {
      says: 'Final entropy is near zero in every cell',
      check: async () => {
        for (const r of sweepOf(CC).axes[0].values) expect(meanOf(finalOf(await cell(CC, r), 'entropy'))).toBeLessThan(0.02);
      },
    },
    { says: '8 seeds and 400 steps per cell', check: async () => expect(sweepOf(CC).base).toMatchObject({ runs: 8, steps: 400 }) },
    { says: 'the PPO clip stays at 0.2', check: async () => expect(sweepOf(CC).base.algorithm).toMatchObject({ clipLow: 0.2, clipHigh: 0.2 }) },
  ],
  [KL]: [
    ...decoyConfigClaims(async () => sweepOf(KL).base),
    {
      says: 'KL-Cov under verl’s rules, k from the paper’s 2·10⁻³ to 0.2 against β from 0 to 2 (the paper’s is 1) on the decoy task',
      check: async () => {
        const sweep = sweepOf(KL);
        expect(sweep.base.algorithm.semantics).toBe('verl');
        expect(sweep.axes).toEqual([
          { path: 'interventions.0.ratio', values: [2e-3, 0.02, 0.2] },
          { path: 'interventions.0.coef', values: [0, 1, 2] },
        ]);
      },
    },
    {
      says: 'even β = 0 is not GRPO: without the clip reward rises past GRPO’s plateau while entropy collapses faster',
      check: async () => {
        const free = await cell(KL, 0.2, 0);
        expect(free.runs.flat().every((r) => r.clipFracLow === 0 && r.clipFracHigh === 0)).toBe(true);
        higher(finalOf(free, 'reward'), finalOf(await grpo(KL), 'reward'));
        higher(runMeans(await grpo(KL), 'entropy'), runMeans(free, 'entropy'));
      },
    },
    {
      says: 'The penalty itself acts from k = 0.02 on and grows with k and β',
      check: async () => {
        const meanEntropy = async (k: number, beta: number) => meanOf(runMeans(await cell(KL, k, beta), 'entropy'));
        for (const k of [0.02, 0.2]) {
          for (const beta of [1, 2]) {
            higher(runMeans(await cell(KL, k, beta), 'entropy'), runMeans(await cell(KL, k, 0), 'entropy'));
            higher(finalOf(await cell(KL, k, beta), 'reward'), finalOf(await cell(KL, k, 0), 'reward'));
          }
        }
        for (const beta of [1, 2]) {
          expect(await meanEntropy(0.02, beta)).toBeGreaterThan(await meanEntropy(2e-3, beta));
          expect(await meanEntropy(0.2, beta)).toBeGreaterThan(await meanEntropy(0.02, beta));
        }
        for (const k of [2e-3, 0.02, 0.2]) {
          expect(await meanEntropy(k, 1)).toBeGreaterThan(await meanEntropy(k, 0));
          expect(await meanEntropy(k, 2)).toBeGreaterThan(await meanEntropy(k, 1));
        }
      },
    },
    {
      says: 'at k = 0.2, β = 2 it keeps GRPO’s mean entropy and adds 0.07 reward over β = 0',
      check: async () => {
        same(runMeans(await cell(KL, 0.2, 2), 'entropy'), runMeans(await grpo(KL), 'entropy'));
        const gain = pairedDifference(finalOf(await cell(KL, 0.2, 2), 'reward'), finalOf(await cell(KL, 0.2, 0), 'reward'));
        expect(Math.abs(gain.mean - 0.07)).toBeLessThanOrEqual(0.01);
      },
    },
    {
      says: 'At the paper’s k (1 of 384 tokens) it changes next to nothing',
      check: async () => {
        expect(klCovCount('verl', 2e-3, 384)).toBe(1);
        same(finalOf(await cell(KL, 2e-3, 1), 'reward'), finalOf(await cell(KL, 2e-3, 0), 'reward'));
        same(runMeans(await cell(KL, 2e-3, 1), 'entropy'), runMeans(await cell(KL, 2e-3, 0), 'entropy'));
      },
    },
    { says: '8 seeds and 400 steps per cell', check: async () => expect(sweepOf(KL).base).toMatchObject({ runs: 8, steps: 400 }) },
    { says: 'the PPO clip stays at 0.2', check: async () => expect(sweepOf(KL).base.algorithm).toMatchObject({ clipLow: 0.2, clipHigh: 0.2 }) },
  ],
};

describe('every sweep preset’s text is covered by claims', () => {
  it('every sweep preset parses, has claims quoting its text, and every number of its text is claimed', () => {
    for (const preset of SWEEP_PRESETS) {
      expect(parseSweep(preset.config).ok, preset.id).toBe(true);
      const claims = CLAIMS[preset.id];
      expect(claims, preset.id).toBeDefined();
      const text = presetClaimText(preset);
      for (const c of claims) expect(text, `${preset.id}: "${c.says}"`).toContain(c.says);
      for (const n of numbersIn(text)) expect(claims.some((c) => numbersIn(c.says).includes(n)), `${preset.id}: the number ${n} is in no claim`).toBe(true);
    }
  });
});

for (const [id, claims] of Object.entries(CLAIMS)) {
  describe(sweepPresetById(id)!.title, () => {
    // A claim may run several cells (8 seeds × 400 steps each) on a shared, busy machine.
    for (const claim of claims) it(`“${claim.says}”`, claim.check, 900_000);
  });
}
