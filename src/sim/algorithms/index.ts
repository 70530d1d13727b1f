// Algorithm registry: the ids are the config's algorithm `type` values (design.md).
import type { AlgorithmSpec } from '../types';
import { spec as drgrpo } from './drgrpo';
import { spec as grpo } from './grpo';
import { spec as npg } from './npg';
import { spec as pg } from './pg';
import { spec as ppo } from './ppo';
import { spec as reinforce } from './reinforce';

export const ALGORITHMS = [pg, npg, reinforce, grpo, drgrpo, ppo] as const;

export type AlgorithmConfig = ReturnType<(typeof ALGORITHMS)[number]['schema']['parse']>;

export function algorithmSpec(id: string): AlgorithmSpec | undefined {
  return (ALGORITHMS as readonly AlgorithmSpec[]).find((s) => s.id === id);
}
