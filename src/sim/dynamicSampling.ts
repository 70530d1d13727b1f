// DAPO's dynamic sampling (DAPO, arXiv 2503.14476 §3.2; verl's filter_groups as the Entropy
// Mechanism paper's recipe runs it: PRIME-RL/Entropy-Mechanism-of-RL recipe/dapo/
// dapo_ray_trainer.py L173–217 at 8850579, max_num_gen_batches = 10 in every paper script). A
// group whose rewards are all equal has zero advantage and teaches nothing, so it is dropped
// and more prompts are drawn until the batch holds B groups that do teach.
//
// The draw scheme, which every backend follows (here, and the WebGPU kernel's dynamicSampling.wgsl):
//  - draw d = 0, 1, … of step t rolls out the prompts that step t + d would take
//    (groupsForStep(t + d, …); with batchPrompts = 0 every draw takes every prompt);
//  - it uses the RNG counter t + d·2^20 wherever an ordinary rollout of step t uses t (the SAMPLE
//    and REWARD streams): draw 0 is step t's ordinary rollout, and as steps stay below 10^6 < 2^20
//    no two (step, draw) pairs share a counter;
//  - draws stop once B non-flat groups were kept or maxDraws draws were made;
//  - the batch is the first B kept groups in draw order (draw, then group); when maxDraws runs
//    out first, the earliest flat groups fill it up to B, in the same order, so a step always
//    trains on B groups (verl raises an error there instead).
// keptGroupsFrac is the share of the batch's groups that are not flat; promptsDrawn counts the
// groups rolled out. The step's batchReward, pass@k and zeroStdFrac describe draw 0, the sample
// plain GRPO would have trained on.
import { groupIsFlat } from './algorithms/base';
import { selectGroups } from './batch';
import type { Batch, Environment, RolloutRequest } from './types';

/** Counter offset between consecutive draws of one step. */
export const DRAW_COUNTER_STRIDE = 1 << 20;

export interface DynamicDraws {
  /** The training batch: B groups, kept ones first in draw order. */
  batch: Batch;
  /** Draw 0, for the step's sampled statistics. */
  first: Batch;
  keptGroups: number;
  promptsDrawn: number;
}

/**
 * Draw until `groupsOf(0).length` non-flat groups are kept or `maxDraws` draws are made.
 * `groupsOf(d)` gives draw d's prompts; `request` is step t's ordinary rollout request.
 */
export function drawNonFlatGroups(env: Environment, request: RolloutRequest, groupsOf: (draw: number) => Int32Array, maxDraws: number): DynamicDraws {
  const size = request.groupIds.length;
  const kept: Pick[] = [];
  const flat: Pick[] = [];
  const draws: Batch[] = [];
  for (let d = 0; d < maxDraws && kept.length < size; d++) {
    const groupIds = d === 0 ? request.groupIds : groupsOf(d);
    const batch = env.rollout({ ...request, groupIds, step: request.step + d * DRAW_COUNTER_STRIDE });
    draws.push(batch);
    for (let g = 0; g < groupIds.length; g++) (groupIsFlat(batch.reward, g, batch.groupSize) ? flat : kept).push({ batch, group: g, draw: d });
  }
  const picks = kept.slice(0, size);
  const keptGroups = picks.length;
  picks.push(...flat.slice(0, size - keptGroups));
  picks.sort((a, b) => a.draw - b.draw || a.group - b.group);
  return { batch: selectGroups(picks), first: draws[0], keptGroups, promptsDrawn: draws.reduce((s, b) => s + b.groupIds.length, 0) };
}

interface Pick {
  batch: Batch;
  group: number;
  draw: number;
}
