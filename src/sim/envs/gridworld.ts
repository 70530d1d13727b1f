// Gridworld MDP (science.md §3.3): start top-left, goal (reward 1) bottom-right, a nearer
// distractor exit bottom-left with a smaller reward, and slippery moves. Four actions.
import { z } from 'zod';
import type { EnvSpec } from '../types';
import { createMdpEnvironment, type Outcomes } from './tabularMdp';

const schema = z.strictObject({
  type: z.literal('gridworld'),
  width: z.number().int().min(2).max(32).default(5),
  height: z.number().int().min(2).max(32).default(5),
  /** Probability that a move goes in a uniformly random direction instead. */
  slip: z.number().min(0).max(1).default(0.1),
  goalReward: z.number().finite().default(1),
  /** Reward of the distractor exit in the bottom-left corner (0 removes it). */
  distractorReward: z.number().finite().default(0.3),
  stepCost: z.number().finite().min(0).default(0),
  /** Episode length; default 2 × (width + height). */
  horizon: z.number().int().min(1).max(4096).optional(),
});
export type GridworldParams = z.infer<typeof schema>;

const MOVES = [
  [0, -1],
  [1, 0],
  [0, 1],
  [-1, 0],
] as const;

export const spec: EnvSpec<GridworldParams> = {
  id: 'gridworld',
  label: 'Gridworld',
  description: 'A small slippery grid: a far goal worth 1 and a near exit worth less. Watch the policy settle for the near one.',
  schema,
  dims: (p) => ({ shape: { rows: p.width * p.height, actions: 4 }, groups: 1, maxLength: p.horizon ?? 2 * (p.width + p.height) }),
  create(p) {
    const { width: w, height: h } = p;
    const cell = (x: number, y: number) => y * w + x;
    const goal = cell(w - 1, h - 1);
    const distractor = p.distractorReward !== 0 ? cell(0, h - 1) : -1;
    const exitReward = (s: number) => (s === goal ? p.goalReward : s === distractor ? p.distractorReward : 0);
    const outcomes: Outcomes[] = [];
    for (let s = 0; s < w * h; s++) {
      const x = s % w;
      const y = Math.floor(s / w);
      for (let a = 0; a < 4; a++) {
        const merged = new Map<number, number>();
        MOVES.forEach(([dx, dy], dir) => {
          const p0 = (dir === a ? 1 - p.slip : 0) + p.slip / 4;
          if (p0 === 0) return;
          const nx = Math.min(w - 1, Math.max(0, x + dx));
          const ny = Math.min(h - 1, Math.max(0, y + dy));
          const ns = cell(nx, ny);
          merged.set(ns, (merged.get(ns) ?? 0) + p0);
        });
        const next = [...merged.keys()];
        outcomes.push({ next, prob: next.map((n) => merged.get(n)!), reward: next.map((n) => exitReward(n) - p.stepCost) });
      }
    }
    return createMdpEnvironment({
      type: 'gridworld',
      states: w * h,
      actions: 4,
      start: 0,
      horizon: spec.dims(p).maxLength,
      terminal: Array.from({ length: w * h }, (_, s) => s === goal || s === distractor),
      outcomes,
      stateLabel: (s) => `(${s % w}, ${Math.floor(s / w)})`,
      actionLabels: ['up', 'right', 'down', 'left'],
    });
  },
};
