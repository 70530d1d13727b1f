// Environment registry: the ids are the config's env `type` values (design.md).
import type { EnvSpec } from '../types';
import { spec as bandit } from './bandit';
import { spec as chain } from './chain';
import { spec as contextual } from './contextual';
import { spec as gridworld } from './gridworld';
import { spec as tokens } from './tokens';

export const ENVIRONMENTS = [bandit, contextual, chain, gridworld, tokens] as const;

export type EnvConfig = ReturnType<(typeof ENVIRONMENTS)[number]['schema']['parse']>;

export function envSpec(id: string): EnvSpec | undefined {
  return (ENVIRONMENTS as readonly EnvSpec[]).find((s) => s.id === id);
}
