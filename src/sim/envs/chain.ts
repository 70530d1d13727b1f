// Chain MDP (science.md §3.3), the classic deep-exploration trap: "left" returns to the
// start with a small reward, "right" walks on and only the far end pays 1. A policy that
// collapses early settles on the small sure reward.
import { z } from 'zod';
import type { EnvSpec } from '../types';
import { createMdpEnvironment, type Outcomes } from './tabularMdp';

const schema = z
  .strictObject({
    type: z.literal('chain'),
    length: z.number().int().min(2).max(256).default(6),
    /** Episode length; default 2 × length. */
    horizon: z.number().int().min(1).max(4096).optional(),
    smallReward: z.number().finite().default(0.02),
    endReward: z.number().finite().default(1),
  });
export type ChainParams = z.infer<typeof schema>;

export const spec: EnvSpec<ChainParams> = {
  id: 'chain',
  label: 'Chain MDP',
  description: 'N states in a row. "Left" pays a little and resets; only walking right to the end pays 1. Early collapse gets stuck.',
  schema,
  dims: (p) => ({ shape: { rows: p.length, actions: 2 }, groups: 1, maxLength: p.horizon ?? 2 * p.length }),
  create(p) {
    const n = p.length;
    const outcomes: Outcomes[] = [];
    for (let s = 0; s < n; s++) {
      outcomes.push({ next: [0], prob: [1], reward: [p.smallReward] });
      outcomes.push({ next: [s + 1 < n ? s + 1 : s], prob: [1], reward: [s + 1 === n - 1 ? p.endReward : 0] });
    }
    return createMdpEnvironment({
      type: 'chain',
      states: n,
      actions: 2,
      start: 0,
      horizon: spec.dims(p).maxLength,
      terminal: Array.from({ length: n }, (_, s) => s === n - 1),
      outcomes,
      stateLabel: (s) => `state ${s}`,
      actionLabels: ['left', 'right'],
    });
  },
};
