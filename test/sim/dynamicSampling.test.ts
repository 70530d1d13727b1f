// DAPO dynamic sampling (algorithm.dynamicSampling, dynamicSampling.ts): the draw scheme the
// file header documents, checked draw by draw against plain rollouts, and its records.
import { describe, expect, it } from 'vitest';
import { DRAW_COUNTER_STRIDE, drawNonFlatGroups } from '../../src/sim/dynamicSampling';
import { createEnvironment, createRun } from '../../src/sim/experiment';
import { groupsForStep } from '../../src/sim/trainStep';
import type { Batch } from '../../src/sim/types';
import { parse, runEnsemble, withoutKeys } from './interventions/helpers';

// Eight contexts of two arms paying 0 or 1 for sure, from a policy that picks arm 1 with
// probability ≈ 0.9: a group of G = 4 is flat unless it samples both arms (about 1 − 0.9⁴ − 0.1⁴
// ≈ 34 % of groups). Four prompts per batch, so the draws walk through the contexts.
const raw = (algorithm: Record<string, unknown> = {}) => ({
  version: 1,
  steps: 12,
  runs: 3,
  env: { type: 'contextual', contexts: 8, arms: 2, means: Array.from({ length: 8 }, () => [0, 1]) },
  policy: { type: 'tabular', init: { type: 'logits', logits: [0, 2.2] } },
  algorithm: { type: 'grpo', mode: 'sampled', lr: 0.3, groupSize: 4, batchPrompts: 4, dynamicSampling: true, ...algorithm },
});

function groups(batch: Batch): { prompt: number; rewards: number[]; actions: number[] }[] {
  const G = batch.groupSize;
  return Array.from(batch.groupIds, (prompt, g) => ({
    prompt,
    rewards: Array.from(batch.reward.subarray(g * G, (g + 1) * G)),
    actions: Array.from(batch.action.subarray(g * G, (g + 1) * G)),
  }));
}
const isFlat = (g: { rewards: number[] }) => g.rewards.every((r) => r === g.rewards[0]);

describe('dynamic sampling: the draw scheme', () => {
  const config = parse(raw({ maxDraws: 3 }));
  const env = createEnvironment(config);
  const { state } = createRun(config, env, 1);

  for (const step of [0, 5, 9]) {
    it(`step ${step}: draw d rolls out step t + d's prompts at counter t + d·2^20; the batch is the first B kept groups, then flat ones, in draw order`, () => {
      const request = { samplingLogp: state.logp, groupIds: groupsForStep(step, 8, 4), groupSize: 4, seed: config.seed, run: 1, step };
      const out = drawNonFlatGroups(env, request, (d) => groupsForStep(step + d, 8, 4), 3);
      // The reference: plain rollouts of the documented draws, filtered by hand.
      const draws: ReturnType<typeof groups>[] = [];
      let kept = 0;
      for (let d = 0; d < 3 && kept < 4; d++) {
        draws.push(groups(env.rollout({ ...request, groupIds: groupsForStep(step + d, 8, 4), step: step + d * DRAW_COUNTER_STRIDE })));
        kept += draws[d].filter((g) => !isFlat(g)).length;
      }
      const all = draws.flatMap((gs, d) => gs.map((g, i) => ({ ...g, d, i })));
      const picks = [...all.filter((g) => !isFlat(g)).slice(0, 4), ...all.filter(isFlat)].slice(0, 4).sort((a, b) => a.d - b.d || a.i - b.i);
      expect(groups(out.batch)).toEqual(picks.map(({ prompt, rewards, actions }) => ({ prompt, rewards, actions })));
      expect(out.keptGroups).toBe(Math.min(4, kept));
      expect(out.promptsDrawn).toBe(4 * draws.length);
      expect(groups(out.first)).toEqual(draws[0]);
    });
  }

  it('stops drawing once the batch is full', () => {
    const full = drawNonFlatGroups(env, { samplingLogp: new Float64Array(16).fill(Math.log(0.5)), groupIds: groupsForStep(0, 8, 4), groupSize: 4, seed: 1, run: 0, step: 0 }, (d) => groupsForStep(d, 8, 4), 10);
    expect(full.keptGroups).toBe(4);
    expect(full.promptsDrawn).toBeLessThan(40); // a uniform policy: most groups vary
  });
});

describe('dynamic sampling in training', () => {
  it('with maxDraws = 1 is plain GRPO number for number, plus its two records', () => {
    const plain = runEnsemble(raw({ dynamicSampling: false }));
    const one = runEnsemble(raw({ maxDraws: 1 }));
    expect(withoutKeys(one, ['keptGroupsFrac', 'promptsDrawn'])).toEqual(plain.records);
    expect(one.records.flat().every((r) => r.promptsDrawn === 4)).toBe(true);
  });

  it('trains on more non-flat groups; the step’s reward and zero-std share still describe draw 0', () => {
    const plain = runEnsemble({ ...raw({ dynamicSampling: false }), steps: 1 });
    const dynamic = runEnsemble({ ...raw(), steps: 1 });
    dynamic.records.flat().forEach((r, i) => {
      const p = plain.records.flat()[i];
      expect([r.batchReward, r.zeroStdFrac]).toEqual([p.batchReward, p.zeroStdFrac]);
      expect(r.keptGroupsFrac).toBeGreaterThanOrEqual(1 - p.zeroStdFrac);
      expect(r.promptsDrawn % 4).toBe(0);
    });
    expect(dynamic.records.flat().some((r) => r.keptGroupsFrac > 1 - plain.records.flat()[r.run].zeroStdFrac)).toBe(true);
  });

  it('is deterministic: same config and seed, same numbers', () => {
    expect(runEnsemble(raw()).records).toEqual(runEnsemble(raw()).records);
  });
});
