// Intervention registry (science.md §4): the ids are the config's intervention `type` values.
import type { InterventionSpec } from '../types';
import { spec as entropyBonus } from './entropyBonus';

export const INTERVENTIONS = [entropyBonus] as const;

export type InterventionConfig = ReturnType<(typeof INTERVENTIONS)[number]['schema']['parse']>;

export function interventionSpec(id: string): InterventionSpec | undefined {
  return (INTERVENTIONS as readonly InterventionSpec[]).find((s) => s.id === id);
}
