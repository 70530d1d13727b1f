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
// Part B (entropy regularisers, schedules and the rollout temperature).
import { spec as adaptiveEntropy } from './adaptiveEntropy';
import { spec as siren } from './siren';
import { spec as lpReg } from './lpReg';
import { spec as aepo } from './aepo';
import { spec as entrocraft } from './entrocraft';
import { spec as refKL } from './refKL';
import { spec as rolloutTemperature } from './rolloutTemperature';

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
  // Part B.
  adaptiveEntropy,
  siren,
  lpReg,
  aepo,
  entrocraft,
  refKL,
  rolloutTemperature,
] as const;

export type InterventionConfig = ReturnType<(typeof INTERVENTIONS)[number]['schema']['parse']>;

export function interventionSpec(id: string): InterventionSpec | undefined {
  return (INTERVENTIONS as readonly InterventionSpec[]).find((s) => s.id === id);
}
