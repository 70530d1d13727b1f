// Intervention registry (science.md §4): the ids are the config's intervention `type` values.
import type { InterventionSpec } from '../types';
import { spec as entropyBonus } from './entropyBonus';
// Part A (token-level, sampled-only interventions).
import { spec as clipCov } from './clipCov';
import { spec as klCov } from './klCov';
import { spec as clipHigher } from './clipHigher';
import { spec as bapo } from './bapo';
import { spec as entropyDiscriminatorClip } from './entropyDiscriminatorClip';
import { spec as steer } from './steer';
import { spec as asymmetricAdvantage } from './asymmetricAdvantage';

export const INTERVENTIONS = [
  entropyBonus,
  // Part A.
  clipCov,
  klCov,
  clipHigher,
  bapo,
  entropyDiscriminatorClip,
  steer,
  asymmetricAdvantage,
] as const;

export type InterventionConfig = ReturnType<(typeof INTERVENTIONS)[number]['schema']['parse']>;

export function interventionSpec(id: string): InterventionSpec | undefined {
  return (INTERVENTIONS as readonly InterventionSpec[]).find((s) => s.id === id);
}
